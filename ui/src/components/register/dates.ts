// Dates as the core stores and sends them: a day is `YYYY-MM-DD`, a month `YYYY-MM`, both in local
// time. The registers' forms turn what a DatePicker gives (dayjs) into these strings here.
import dayjs, { type Dayjs } from 'dayjs';

/** The format of a day. */
export const DAY = 'YYYY-MM-DD';
/** The format of a month (a non-compete payment's). */
export const MONTH = 'YYYY-MM';

/** A picked day as the core takes it, or null when none was picked. */
export function toDay(d: Dayjs | null | undefined): string | null {
  return d ? d.format(DAY) : null;
}

/** Today's date as the core writes dates. */
export function today(): string {
  return dayjs().format(DAY);
}

/** Days after today: the core refuses them for something that has already happened. */
export function isAfterToday(d: Dayjs): boolean {
  return d.isAfter(dayjs(), 'day');
}
