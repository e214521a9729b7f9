import type { Locale } from '../api/client.ts';

/**
 * How precise a time is shown: to the minute wherever a person reads when something happened ("7 déc. 2026, 10 h
 * 14"), to the second in the audit journal, where the order of events and their match with other logs matter.
 */
export type TimePrecision = 'minute' | 'second';

/** A date and time in the locale's words and the given time zone. */
export function dateTimeFormatter(
  locale: Locale,
  timeZone: string,
  precision: TimePrecision,
): (value: string | Date) => string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: precision === 'second' ? 'medium' : 'short',
    timeZone,
  });
  return (value) => format.format(typeof value === 'string' ? new Date(value) : value);
}
