import { cases, isValidTimeZone } from '@guanjia/core';
import { z } from '@hono/zod-openapi';

/*
 * The shapes of SLA policies and business calendars at the API boundary. Interim, until core's
 * SLA rules (packages/core/src/sla) land with their own schemas: this file is then reduced to
 * re-exports of core's, so the stored JSON stays what core reads.
 */

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const Interval = z.object({ start: clockTime, end: clockTime });

/** Working hours per weekday; a weekday left out (or empty) is closed. */
export const WorkingHoursSchema = z
  .partialRecord(z.enum(weekdays), z.array(Interval).max(6))
  .superRefine((hours, ctx) => {
    for (const day of weekdays) {
      const spans = [...(hours[day] ?? [])]
        .map((span, i) => ({ ...span, i }))
        .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      spans.forEach((span, k) => {
        if (minutesOf(span.end) <= minutesOf(span.start)) {
          ctx.addIssue({ code: 'custom', path: [day, span.i, 'end'], message: 'must be after start' });
        }
        const previous = spans[k - 1];
        if (previous && minutesOf(span.start) < minutesOf(previous.end)) {
          ctx.addIssue({
            code: 'custom',
            path: [day, span.i, 'start'],
            message: `overlaps ${previous.start}–${previous.end}`,
          });
        }
      });
    }
  })
  .openapi({
    example: {
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
    },
  });

export const CalendarFields = {
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').openapi({ example: 'Asia/Shanghai' }),
  hours: WorkingHoursSchema,
  /** Public holidays: closed although their weekday works. */
  holidays: z.array(localDate).max(400).default([]),
  /** 调休: working although their weekday is closed. */
  makeUpDays: z.array(localDate).max(100).default([]),
};

/** A date cannot be both a holiday and a make-up working day. */
export function calendarDayIssues(holidays: readonly string[], makeUpDays: readonly string[]) {
  const closed = new Set(holidays);
  return makeUpDays.flatMap((d, i) =>
    closed.has(d) ? [{ path: `makeUpDays.${i}`, message: `${d} is also a holiday` }] : [],
  );
}

const Match = z
  .object({
    kinds: z.array(cases.CaseKindSchema).min(1).optional(),
    urgencies: z.array(cases.UrgencySchema).min(1).optional(),
    categories: z.array(z.string().min(1).max(80)).min(1).optional(),
    channels: z.array(cases.CaseChannelSchema).min(1).optional(),
    projectIds: z.array(z.string().min(1).max(64)).min(1).optional(),
  })
  .strict()
  .openapi({ description: 'Every given list must contain the case’s value; an absent list matches all' });

const Milestone = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'lower snake_case')
      .max(40),
    /** Where the clock starts: a case instant, or another milestone's due time (relative milestones). */
    startsAt: z.string().min(1).max(40).openapi({ example: 'dispatched_at' }),
    targetMinutes: z.number().int().min(-100_000).max(100_000),
    calendar: z.enum(['round_the_clock', 'business_hours']),
    warnAt: z
      .union([
        z.object({ share: z.number().gt(0).lt(1) }).strict(),
        z.object({ leadMinutes: z.number().int().positive() }).strict(),
      ])
      .optional(),
    pausedBy: z.array(z.string().min(1).max(40)).max(10).default([]),
    metBy: z.string().min(1).max(60).openapi({ example: 'case.contacted' }),
  })
  .strict();

export const PolicyFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  priority: z.number().int().min(0).max(1000).default(0),
  match: Match.default({}),
  milestones: z
    .array(Milestone)
    .min(1)
    .max(20)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.key))
          ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate milestone ${m.key}` });
        seen.add(m.key);
      });
    }),
};
