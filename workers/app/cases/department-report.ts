import { sla } from '@guanjia/core';
import type { SQL } from 'drizzle-orm';
import { departmentNames, departmentReportCandidates } from '../../data/case-lists';
import type { CaseRow } from '../../data/case-support';
import type { TenantScope } from '../../data/scope';
import { calendarAt } from '../sla/decide';

/*
 * The daily department report (部门日报): which open cases had no handling update from their
 * department during the local working day. The repository reads the candidates; the decision
 * (the calendar in force per project, the working day, what counts as an update) is here.
 */

export interface DepartmentReportCase {
  id: string;
  archiveNo: string;
  kind: string;
  status: string;
  urgency: string;
  projectId: string;
  receivedAt: Date;
  lastUpdateAt: Date | null;
  /** The end of the working day on the case's project calendar. */
  endOfDay: Date;
}

export interface DepartmentReportGroup {
  departmentId: string;
  departmentName: string | null;
  cases: DepartmentReportCase[];
}

/**
 * Open cases with a department that had no handling update from it during the local working
 * day: from local midnight to the end of the working day on the business calendar in force for
 * the case's project (tenant → branch → project, merged as the SLA clock merges it, see
 * `calendarAt`). Department feedback, contact, arrival, completion, resolution or an owner reply
 * all count as an update. Cases received after the end of the day wait for the next; a project
 * whose calendar does not work that date (weekend, holiday) lists none.
 */
export async function departmentDailyReport(
  scope: TenantScope,
  visibility: SQL | undefined,
  localDay: string,
): Promise<{ tenantDay: sla.WorkingDay | null; groups: DepartmentReportGroup[] }> {
  const timeZone = scope.timeZone;
  const nextMidnight = new Date(sla.wallToInstant(sla.addDays(localDay, 1), 0, timeZone));
  const { rows, calendars } = await departmentReportCandidates(scope, visibility, nextMidnight);
  const days = new Map<string, sla.WorkingDay | null>();
  const dayOf = (r: CaseRow) => {
    if (!days.has(r.projectId))
      days.set(r.projectId, sla.workingDayOn(localDay, calendarAt(calendars, r, timeZone)));
    return days.get(r.projectId) ?? null;
  };
  const updates = (r: CaseRow, day: sla.WorkingDay) =>
    [
      r.lastDepartmentFeedbackAt,
      r.contactedAt,
      r.arrivedAt,
      r.completedAt,
      r.resolvedAt,
      r.firstReplyAt,
    ].filter((d): d is Date => d !== null && d < day.end);
  const stale = rows.flatMap((r) => {
    const day = dayOf(r);
    if (!day || r.receivedAt >= day.end) return [];
    const seen = updates(r, day).sort((a, b) => b.getTime() - a.getTime());
    if (seen.some((d) => d >= day.start)) return [];
    return [{ row: r, day, lastUpdateAt: seen[0] ?? null }];
  });
  const deptIds = [...new Set(stale.map((s) => s.row.departmentId as string))];
  const nameOf = await departmentNames(scope, deptIds);
  const groups = deptIds.map((departmentId) => ({
    departmentId,
    departmentName: nameOf.get(departmentId) ?? null,
    cases: stale
      .filter((s) => s.row.departmentId === departmentId)
      .map(({ row: r, day, lastUpdateAt }) => ({
        id: r.id,
        archiveNo: r.archiveNo,
        kind: r.kind,
        status: r.status,
        urgency: r.urgency,
        projectId: r.projectId,
        receivedAt: r.receivedAt,
        lastUpdateAt,
        endOfDay: day.end,
      })),
  }));
  const tenantDay = sla.workingDayOn(
    localDay,
    calendarAt(calendars, { branchId: '', projectId: '' }, timeZone),
  );
  return { tenantDay, groups };
}
