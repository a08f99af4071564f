import { Select, type SelectProps } from 'antd';

type Option = { value: string; label: React.ReactNode };

type Props = Omit<SelectProps<string>, 'options'> & {
  /** data-testid of the wrapper; each option gets `${testId}-option-${index}` and data-value. */
  testId: string;
  options: Option[];
};

/**
 * An antd Select that end-to-end tests can drive: the wrapper carries the test id, the popup
 * is rendered inside the wrapper, and every option carries a stable data-testid and data-value.
 * Form.Item injects value/onChange into this component, which passes them on to the Select.
 */
export default function TestIdSelect({ testId, options, style, ...props }: Props) {
  return (
    <div className="select-wrapper" data-testid={testId}>
      <Select<string>
        {...props}
        style={{ width: '100%', ...style }}
        virtual={false}
        getPopupContainer={(trigger: HTMLElement) => trigger.parentElement ?? document.body}
        options={options.map((option, index) => ({
          ...option,
          'data-testid': `${testId}-option-${index}`,
          'data-value': option.value,
        }))}
      />
    </div>
  );
}
