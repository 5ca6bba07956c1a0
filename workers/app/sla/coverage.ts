import { localDate, sla } from '@guanjia/core';
import type { RecordRow } from '../../data/records';
import type { TenantScope } from '../../data/scope';

/*
 * A business calendar as the tenant admin reads it: its row plus the years (this one and, from
 * December, the next) that have no official holiday data and none of the calendar's own days.
 * Those years fall back to plain weekends until someone enters the State Council's days, so the
 * console warns of them. Today is the calendar's local date at `scope.now` (time is an input).
 */
export function withHolidayCoverage(
  scope: Pick<TenantScope, 'now' | 'timeZone'>,
  row: RecordRow,
): RecordRow & { holidayYearsMissing: number[] } {
  const dates = (v: unknown) =>
    (Array.isArray(v) ? v : []).flatMap((d: unknown) =>
      typeof d === 'string'
        ? [d]
        : d && typeof d === 'object' && typeof (d as { date?: unknown }).date === 'string'
          ? [(d as { date: string }).date]
          : [],
    );
  const timeZone = typeof row.timeZone === 'string' ? row.timeZone : scope.timeZone;
  const today = localDate(scope.now, timeZone);
  return {
    ...row,
    holidayYearsMissing: sla.holidayYearsMissing(
      { holidays: dates(row.holidays), makeUpDays: dates(row.makeUpDays) },
      today,
    ),
  };
}
