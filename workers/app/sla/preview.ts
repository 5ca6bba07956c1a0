import type { Reach } from '@guanjia/core';
import { AppError } from '@guanjia/core';
import { businessCalendars } from '@guanjia/core/db/schema';
import { getRecord, type RecordTable } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { openCaseIds, slaPlaceFilter } from '../../data/sla';
import { type ClockContext, loadClockContext } from '../../data/sla-clock';
import { calendarDayIssues } from './checks';
import { evaluateCase } from './decide';

/** Open cases a preview evaluates at most (the oldest first are not favoured: ids sort by time). */
export const previewCaseLimit = 200;

export interface DeadlineShift {
  caseId: string;
  archiveNo: string;
  milestone: string;
  dueAtBefore: string | null;
  dueAtAfter: string | null;
}

/**
 * What adding holidays and make-up days (调休) to a calendar would do to the open cases, before
 * saving: each open milestone whose due time moves, with the time now and the time after. Writes
 * nothing; the same merge and clash rule as `addCalendarDays`, the clock's own evaluation
 * (`evaluateCase`) with the calendar row replaced, so the preview and the re-arm agree.
 */
export async function previewCalendarDays(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; holidays?: unknown[]; makeUpDays?: unknown[] },
) {
  const table = businessCalendars as unknown as RecordTable;
  const before = await getRecord(
    scope,
    table,
    input.id,
    [slaPlaceFilter(scope, reach, 'manage', businessCalendars)],
    'BusinessCalendar',
  );
  const merged = (key: 'holidays' | 'makeUpDays') =>
    [...new Set([...((before[key] as unknown[]) ?? []), ...(input[key] ?? [])])].sort();
  const holidays = merged('holidays');
  const makeUpDays = merged('makeUpDays');
  const clash = calendarDayIssues(holidays, makeUpDays);
  if (clash.length > 0) {
    throw new AppError('validation_failed', 'A date is both a holiday and a make-up day', { issues: clash });
  }
  const ids = await openCaseIds(scope, {
    branchId: before.branchId as string | null,
    projectId: before.projectId as string | null,
  });
  const evaluated = ids.slice(-previewCaseLimit);
  const shifts: DeadlineShift[] = [];
  for (const caseId of evaluated) {
    const context = await loadClockContext(scope, caseId);
    if (!context?.calendars.some((row) => row.id === input.id)) continue;
    const after: ClockContext = {
      ...context,
      calendars: context.calendars.map((row) =>
        row.id === input.id ? ({ ...row, holidays, makeUpDays } as typeof row) : row,
      ),
    };
    const now = evaluateCase(context, scope.timeZone, scope.now).milestones;
    const then = evaluateCase(after, scope.timeZone, scope.now).milestones;
    for (const m of now) {
      if (m.metAt || m.endedAt) continue;
      const next = then.find((x) => x.milestone === m.milestone && x.cycle === m.cycle);
      const a = m.dueAt?.toISOString() ?? null;
      const b = next?.dueAt?.toISOString() ?? null;
      if (a !== b) {
        shifts.push({
          caseId,
          archiveNo: context.caseRow.archiveNo,
          milestone: m.milestone,
          dueAtBefore: a,
          dueAtAfter: b,
        });
      }
    }
  }
  return {
    calendarId: input.id,
    holidays,
    makeUpDays,
    openCases: ids.length,
    evaluatedCases: evaluated.length,
    shifts,
  };
}
