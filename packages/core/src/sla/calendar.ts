import { z } from 'zod';
import { isKnownTimeZone } from '../time-zone';

/*
 * Business calendars (工作日历): when the clock of a business-hours milestone runs. One per
 * tenant, overridable per branch and per project (see `mergeCalendars`).
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof WeekdaySchema>;

export const defaultTimeZone = 'Asia/Shanghai';

const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')
  .refine((d) => {
    const parsed = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(d);
  }, 'not a calendar date');

/** `HH:MM` from 00:00 to 24:00 (24:00 closes a day that works until midnight). */
export const TimeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

/** Minutes since midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const IntervalSchema = z.object({ start: TimeOfDaySchema, end: TimeOfDaySchema });
export type Interval = z.infer<typeof IntervalSchema>;

/** The working intervals of one day. Touching intervals are allowed; overlapping ones are not. */
export const DayHoursSchema = z
  .array(IntervalSchema)
  .max(8)
  .superRefine((spans, ctx) => {
    const sorted = spans.map((s, i) => ({ ...s, i })).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    sorted.forEach((span, k) => {
      if (minutesOf(span.end) <= minutesOf(span.start)) {
        ctx.addIssue({
          code: 'custom',
          path: [span.i, 'end'],
          message: `end ${span.end} must be after start ${span.start}`,
        });
      }
      const prev = sorted[k - 1];
      if (prev && minutesOf(span.start) < minutesOf(prev.end)) {
        ctx.addIssue({
          code: 'custom',
          path: [span.i, 'start'],
          message: `${span.start}–${span.end} overlaps ${prev.start}–${prev.end}`,
        });
      }
    });
  });

export const WeeklyHoursSchema = z.partialRecord(WeekdaySchema, DayHoursSchema);
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

/**
 * 调休 make-up working day: a date that works although its weekday is closed (usually a
 * weekend before or after a long holiday). A bare date works the hours of the calendar's
 * `makeUpHoursOf` weekday; an object may name another weekday or give explicit hours.
 */
export const MakeUpDaySchema = z.union([
  LocalDateSchema,
  z
    .object({ date: LocalDateSchema, hoursOf: WeekdaySchema.optional(), hours: DayHoursSchema.optional() })
    .strict()
    .refine((d) => !(d.hoursOf && d.hours), { message: 'give hoursOf or hours, not both' }),
]);
export type MakeUpDay = z.infer<typeof MakeUpDaySchema>;

const calendarFields = {
  timeZone: z
    .string()
    .refine(isKnownTimeZone, { message: 'unknown time zone (an IANA name such as Asia/Shanghai)' }),
  /** Open every minute of every day: holidays and hours are then ignored. */
  roundTheClock: z.boolean(),
  hours: WeeklyHoursSchema,
  /** Public holidays: local dates closed although their weekday works. */
  holidays: z.array(LocalDateSchema).max(1000),
  makeUpDays: z.array(MakeUpDaySchema).max(400),
  /** Whose hours a bare make-up date works. */
  makeUpHoursOf: WeekdaySchema,
};

/** Issues every calendar layer shares: a date cannot be both a holiday and a make-up day. */
function checkDays(
  cal: { holidays?: string[] | undefined; makeUpDays?: MakeUpDay[] | undefined },
  ctx: z.RefinementCtx,
) {
  const closed = new Set(cal.holidays ?? []);
  (cal.makeUpDays ?? []).forEach((d, i) => {
    const date = typeof d === 'string' ? d : d.date;
    if (closed.has(date)) {
      ctx.addIssue({
        code: 'custom',
        path: ['makeUpDays', i],
        message: `${date} is both a holiday and a make-up working day`,
      });
    }
  });
}

/** A complete business calendar, as the clock reads it. */
export const CalendarSchema = z
  .object({
    timeZone: calendarFields.timeZone.default(defaultTimeZone),
    roundTheClock: calendarFields.roundTheClock.default(false),
    hours: calendarFields.hours.default({}),
    holidays: calendarFields.holidays.default([]),
    makeUpDays: calendarFields.makeUpDays.default([]),
    makeUpHoursOf: calendarFields.makeUpHoursOf.default('mon'),
  })
  .superRefine((cal, ctx) => {
    checkDays(cal, ctx);
    // Without weekly hours a business clock could never reach its deadline.
    if (!cal.roundTheClock && !weekdays.some((d) => (cal.hours[d]?.length ?? 0) > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message: 'a business-hours calendar needs working hours on at least one weekday',
      });
    }
  });
export type Calendar = z.output<typeof CalendarSchema>;
export type CalendarInput = z.input<typeof CalendarSchema>;

/**
 * A branch's or project's override: every field optional. A weekday given replaces that
 * weekday's hours (an empty list closes it); holidays and make-up days add to the layers above.
 */
export const CalendarOverrideSchema = z
  .object({
    timeZone: calendarFields.timeZone.optional(),
    roundTheClock: calendarFields.roundTheClock.optional(),
    hours: calendarFields.hours.optional(),
    holidays: calendarFields.holidays.optional(),
    makeUpDays: calendarFields.makeUpDays.optional(),
    makeUpHoursOf: calendarFields.makeUpHoursOf.optional(),
  })
  .superRefine(checkDays);
export type CalendarOverride = z.output<typeof CalendarOverrideSchema>;

/** Monday to Friday, 09:00–12:00 and 13:30–18:00, Shanghai; a sensible office default. */
export const officeHoursCalendar: Calendar = CalendarSchema.parse({
  hours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
    ]),
  ),
});

/** The round-the-clock calendar of a zone: what `round_the_clock` milestones run on. */
export function roundTheClock(timeZone: string = defaultTimeZone): Calendar {
  return { ...officeHoursCalendar, timeZone, roundTheClock: true, holidays: [], makeUpDays: [] };
}

const dateOf = (d: MakeUpDay) => (typeof d === 'string' ? d : d.date);

/**
 * The calendar in force for a case: the tenant's, then the branch's, then the project's
 * override; the nearer layer wins. Scalars and each weekday's hours are replaced; holidays and
 * make-up days accumulate, and where layers disagree about a date the nearer one decides
 * (a project can make a tenant holiday a working day, or close a tenant make-up day).
 */
export function mergeCalendars(
  tenant: Calendar,
  ...overrides: (CalendarOverride | null | undefined)[]
): Calendar {
  let merged: Calendar = { ...tenant, hours: { ...tenant.hours } };
  for (const layer of overrides) {
    if (!layer) continue;
    const holidays = new Set(layer.holidays ?? []);
    const makeUps = new Map((layer.makeUpDays ?? []).map((d) => [dateOf(d), d]));
    merged = {
      timeZone: layer.timeZone ?? merged.timeZone,
      roundTheClock: layer.roundTheClock ?? merged.roundTheClock,
      makeUpHoursOf: layer.makeUpHoursOf ?? merged.makeUpHoursOf,
      hours: { ...merged.hours, ...layer.hours },
      holidays: [...merged.holidays.filter((d) => !makeUps.has(d) && !holidays.has(d)), ...holidays],
      makeUpDays: [
        ...merged.makeUpDays.filter((d) => !holidays.has(dateOf(d)) && !makeUps.has(dateOf(d))),
        ...makeUps.values(),
      ],
    };
  }
  return merged;
}

/** Adds a holiday set (e.g. `cnMainlandHolidays`) to a calendar; the calendar's own days win. */
export function withHolidays(
  calendar: Calendar,
  days: { holidays: readonly string[]; makeUpDays: readonly string[] },
): Calendar {
  const own = new Set([...calendar.holidays, ...calendar.makeUpDays.map(dateOf)]);
  return {
    ...calendar,
    holidays: [...days.holidays.filter((d) => !own.has(d)), ...calendar.holidays],
    makeUpDays: [...days.makeUpDays.filter((d) => !own.has(d)), ...calendar.makeUpDays],
  };
}

/** The working intervals (minutes since midnight, sorted, touching ones joined) of a local date. */
export function hoursOn(calendar: Calendar, date: string, weekday: Weekday): [number, number][] {
  if (calendar.roundTheClock) return [[0, 1440]];
  const makeUp = compiled(calendar).makeUps.get(date);
  let spans: Interval[];
  if (makeUp !== undefined) {
    const explicit = typeof makeUp === 'string' ? undefined : makeUp;
    spans = explicit?.hours ?? calendar.hours[explicit?.hoursOf ?? calendar.makeUpHoursOf] ?? [];
  } else if (compiled(calendar).holidays.has(date)) {
    spans = [];
  } else {
    spans = calendar.hours[weekday] ?? [];
  }
  const sorted = spans
    .map((s) => [minutesOf(s.start), minutesOf(s.end)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const span of sorted) {
    const last = joined[joined.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else joined.push([span[0], span[1]]);
  }
  return joined;
}

// Calendars are plain data; index their date lists once per object.
const cache = new WeakMap<Calendar, { holidays: Set<string>; makeUps: Map<string, MakeUpDay> }>();
function compiled(calendar: Calendar) {
  let c = cache.get(calendar);
  if (!c) {
    c = {
      holidays: new Set(calendar.holidays),
      makeUps: new Map(calendar.makeUpDays.map((d) => [dateOf(d), d])),
    };
    cache.set(calendar, c);
  }
  return c;
}
