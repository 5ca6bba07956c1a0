import { z } from 'zod';

export { isValidTimeZone, localDate } from './time-zone';

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
