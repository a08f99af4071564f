// Small pieces shared by the personnel register's parts: dates as the store takes them, a date
// picker that speaks YYYY-MM-DD strings, and the matching of a refusal to the field it names.
import { Button, DatePicker, Popconfirm, type ButtonProps, type DatePickerProps } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import i18n from '../../../i18n';
import { toAppError } from '../../../services';

/** The date format of every value sent to and read from the store. */
export const DAY = 'YYYY-MM-DD';
/** The format of a non-compete payment's month. */
export const MONTH = 'YYYY-MM';

/** Today's date as the store writes dates (local time). */
export function today(): string {
  return dayjs().format(DAY);
}

/** True when the person has left by today (an exit date in the future is not yet a departure). */
export function hasLeft(exitDate: string | null): boolean {
  return exitDate !== null && exitDate !== '' && exitDate <= today();
}

type DateInputProps = {
  /** The stored value (YYYY-MM-DD, or YYYY-MM for a month), or null/empty for none. */
  value: string | null | undefined;
  /** The new value in the same format, or '' when cleared. */
  onChange: (value: string) => void;
  testId: string;
  month?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
};

/**
 * An antd DatePicker over a date string: it shows the value in the UI language (dayjs locale
 * and antd locale come from the providers) and reports the new value as a string, once. The value
 * picked stays shown while it is saved, and after a refusal, until the stored value changes.
 */
export function DateInput({ value, onChange, testId, month, allowClear = true, disabled }: DateInputProps) {
  const format = month ? MONTH : DAY;
  const [shown, setShown] = useState(value ?? '');
  useEffect(() => setShown(value ?? ''), [value]);
  // Both formats are ISO forms that dayjs parses without a format plugin.
  const parsed = shown ? dayjs(shown) : null;
  return (
    <DatePicker
      data-testid={testId}
      picker={month ? 'month' : 'date'}
      format={format}
      allowClear={allowClear}
      disabled={disabled}
      className="full-width"
      value={parsed && parsed.isValid() ? parsed : null}
      onKeyDown={keepEnterInPicker}
      onChange={(d) => {
        const next = d ? d.format(format) : '';
        // The picker may report one choice twice (on Enter and again as it closes).
        if (next === shown) return;
        setShown(next);
        onChange(next);
      }}
    />
  );
}

/**
 * Enter confirms a typed date in the picker; it must not also submit the form around it (the
 * browser's implicit submission), which would add a record before its other fields are filled.
 */
export function keepEnterInPicker(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/** A DatePicker inside an antd Form.Item (which passes value and onChange as dayjs). */
export function FormDate({ testId, ...props }: Omit<DatePickerProps, 'format' | 'picker'> & { testId: string }) {
  return <DatePicker {...props} data-testid={testId} format={DAY} className="full-width" onKeyDown={keepEnterInPicker} />;
}

/**
 * The form field a refusal from the store belongs beside. A FIELD_INVALID error names the field
 * by its Chinese label, which is also the zh-CN text of the form's label key; `codes` maps other
 * error codes to fields.
 */
export function fieldOfError<K extends string>(
  error: unknown,
  labels: Partial<Record<K, string>>,
  codes: Record<string, K> = {},
): K | undefined {
  const e = toAppError(error);
  if (e.code in codes) return codes[e.code];
  const named = e.params.field;
  if (!named) return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return (Object.keys(labels) as K[]).find((k) => zh(labels[k] as string) === named);
}

/** A small delete button that asks first. */
export function DeleteButton({ testId, title, onConfirm }: { testId: string; title: string; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={title}
      okText={t('people.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm` } as ButtonProps}
      onConfirm={onConfirm}
    >
      <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid={testId} aria-label={t('people.delete')} />
    </Popconfirm>
  );
}
