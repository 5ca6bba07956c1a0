import { AppError, star } from '@guanjia/core';

/** Quarters and the monthly submission deadline: core's `star` rules in the tenant's zone. */

export function quarterOf(now: Date, timeZone: string): { year: number; quarter: number } {
  const cycle = star.quarterOf(now, timeZone);
  return { year: cycle.year, quarter: cycle.quarter };
}

/** [from, to) of a quarter in the tenant's zone. */
export function quarterWindow(year: number, quarter: number, timeZone: string) {
  const range = star.cycleRange(star.quarterCycle(year, quarter as 1 | 2 | 3 | 4), timeZone);
  return { from: new Date(range.startsAt), to: new Date(range.endsAt) };
}

/** The deadline part of the tenant's `settings.star` (rule, local time, late policy), with core's defaults. */
const DeadlineSettings = star.StarSettingsSchema.pick({
  deadlineRule: true,
  deadlineLocalTime: true,
  latePolicy: true,
});

function starSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const stored = settings.star;
  return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
}

export function deadlineSettings(settings: Record<string, unknown>, timeZone: string) {
  const parsed = DeadlineSettings.safeParse(starSettings(settings));
  return { ...(parsed.success ? parsed.data : DeadlineSettings.parse({})), timeZone };
}

/**
 * Whether a submission now makes this month's deadline ("the Wednesday of the last week", read as
 * core's `deadlineRules` document): on time, flagged late, or refused (409 with the deadline date)
 * as the tenant's late policy says.
 */
export function submissionTiming(now: Date, timeZone: string, settings: Record<string, unknown>) {
  const decision = star.decideSubmission({
    submittedAt: now.getTime(),
    settings: deadlineSettings(settings, timeZone),
  });
  if (!decision.accepted) {
    throw new AppError(
      'illegal_transition',
      `This month's submission deadline (${decision.deadline.date}, the Wednesday of the last week) has passed`,
      { extra: { deadline: decision.deadline.date } },
    );
  }
  return { month: decision.deadline.month, late: decision.late, deadline: decision.deadline.date };
}
