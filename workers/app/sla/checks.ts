import { type FieldIssue, sla } from '@guanjia/core';
import type { ZodError } from 'zod';

/* Core's cross-field checks of SLA settings, as field issues (the edge's zod has checked each field). */

const issuesOf = (error: ZodError, prefix = ''): FieldIssue[] =>
  error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));

/** Core's cross-field checks of a calendar's days (a date both a holiday and a make-up day). */
export function calendarDayIssues(
  holidays: readonly unknown[],
  makeUpDays: readonly unknown[],
): FieldIssue[] {
  const checked = sla.CalendarOverrideSchema.safeParse({ holidays, makeUpDays });
  return checked.success ? [] : issuesOf(checked.error);
}

/** Core's whole-policy checks (duplicate milestone keys, relative anchors), as field issues. */
export function policyIssues(policy: Record<string, unknown>): FieldIssue[] {
  const checked = sla.PolicySchema.safeParse({ ...policy, id: 'new' });
  return checked.success ? [] : issuesOf(checked.error);
}
