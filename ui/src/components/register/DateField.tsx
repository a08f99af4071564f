// The date fields of the registers. In both, Enter in the picker confirms the date and never
// submits the form around it; FormDate is the day field of an add form (antd's Form.Item gives it
// dayjs values), DateInput the date field that saves itself in an edit drawer (it speaks strings).
import { useEffect, useState } from 'react';
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DAY, MONTH } from './dates';

/**
 * Enter confirms a typed date in the picker; it must not also submit the form around it (the
 * browser's implicit submission), which would add a record before its other fields are filled.
 */
function keepEnterInPicker(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
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
  /** Days that cannot be picked (e.g. isAfterToday for something that has already happened). */
  disabledDate?: (d: Dayjs) => boolean;
  placeholder?: string;
};

/**
 * A DatePicker over a date string, for fields that save themselves: it shows the value in the UI
 * language (dayjs and antd locales come from the providers) and reports the new value as a string,
 * once. The value picked stays shown while it is saved, and after a refusal, until the stored value
 * changes.
 */
export function DateInput({ value, onChange, testId, month, allowClear = true, disabled, disabledDate, placeholder }: DateInputProps) {
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
      disabledDate={disabledDate}
      placeholder={placeholder}
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

/** A day field of an add form: a DatePicker inside an antd Form.Item (which passes value and onChange as dayjs). */
export function FormDate({ testId, ...props }: Omit<DatePickerProps, 'format' | 'picker'> & { testId: string }) {
  return <DatePicker {...props} data-testid={testId} format={DAY} className="full-width" onKeyDown={keepEnterInPicker} />;
}
