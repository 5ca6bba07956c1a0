import {
  type Calendar,
  CalendarSchema,
  cnMainlandDays,
  officeHoursCalendar,
  withHolidays,
} from '../../src/sla/index';

/** A Shanghai instant from local wall time: `sh('2026-10-08 10:00')`. */
export const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/** The Shanghai office calendar with the 2026 mainland holidays and make-up days. */
export const shanghaiOffice: Calendar = withHolidays(officeHoursCalendar, cnMainlandDays());

/** A London office, 09:00–17:00 Monday to Friday, to cross a DST change. */
export const londonOffice: Calendar = CalendarSchema.parse({
  timeZone: 'Europe/London',
  hours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
});

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
