import type { Reach } from '@guanjia/core';
import { AppError } from '@guanjia/core';
import { businessCalendars } from '@guanjia/core/db/schema';
import { getRecord, type RecordTable, updateRecord } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { openCaseClockWrites, slaPlaceFilter } from '../../data/sla';
import { calendarDayIssues } from './checks';

/**
 * Adds holidays and make-up days to a calendar (a set union, sorted); a date that would be both
 * is refused with the field at fault. The open cases' clocks are re-armed: their deadlines move.
 */
export async function addCalendarDays(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; holidays?: unknown[]; makeUpDays?: unknown[]; expectedVersion?: number },
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
    throw new AppError('validation_failed', 'A date is both a holiday and a make-up day', {
      issues: clash,
    });
  }
  return updateRecord(
    scope,
    table,
    before,
    { holidays, makeUpDays },
    input.expectedVersion,
    { type: 'calendar', action: 'sla/calendars.days.add' },
    await openCaseClockWrites(scope),
  );
}
