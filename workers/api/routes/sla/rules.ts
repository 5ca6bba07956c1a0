import { sla } from '@guanjia/core';
import { z } from '@hono/zod-openapi';

/*
 * The shapes of SLA policies and business calendars at the API boundary come from core's SLA
 * rules (packages/core/src/sla), so what is stored is what the clock's evaluation reads.
 */

const LocalDate = sla.CalendarOverrideSchema.shape.holidays.unwrap().element;

export const CalendarFields = {
  name: z.string().trim().min(1).max(100),
  timeZone: z
    .string()
    .refine(sla.isKnownTimeZone, 'unknown time zone (an IANA name such as Asia/Shanghai)')
    .openapi({ example: 'Asia/Shanghai' }),
  /** Working intervals per weekday (`{ mon: [{ start: '09:00', end: '12:00' }, ...] }`). */
  hours: sla.WeeklyHoursSchema,
  /** Public holidays: closed although their weekday works. */
  holidays: z.array(LocalDate).max(1000).default([]),
  /** 调休: working although their weekday is closed (a date, or `{ date, hoursOf | hours }`). */
  makeUpDays: z.array(sla.MakeUpDaySchema).max(400).default([]),
  /** Open every minute of every day (hours and holidays then ignored); null on an override inherits. */
  roundTheClock: z.boolean().nullish(),
  /** Whose weekday hours a bare make-up date works (default `mon`); null on an override inherits. */
  makeUpHoursOf: sla.WeekdaySchema.nullish(),
};

export const PolicyFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  priority: z.number().int().min(0).max(1000).default(0),
  match: sla.MatchSchema.default({}),
  milestones: z.array(sla.MilestoneSchema).min(1).max(20),
};
