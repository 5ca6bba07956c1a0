import { z } from 'zod';

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How an instant is written at the API: ISO 8601 with `Z` or an offset, as in the example. */
export const dateTimeExample = '2026-12-02T09:30:00+08:00';
export const dateTimeMessage = `An ISO 8601 date-time with a time-zone offset is expected, e.g. ${dateTimeExample}`;

/** An instant as an ISO 8601 string; anything else is refused with `dateTimeMessage`. */
export const DateTimeString = z.iso.datetime({ offset: true, error: dateTimeMessage });

/**
 * An instant given as an ISO 8601 string (or a Date, inside the domain), parsed to a Date.
 * Unlike `z.coerce.date()` it refuses "tomorrow", epoch numbers and bare dates, and says what
 * it expects instead of "expected date, received Date".
 */
export const DateTimeInput = z
  .union([z.date(), DateTimeString], { error: dateTimeMessage })
  .transform((v) => new Date(v));
