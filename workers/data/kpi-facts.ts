import type { reports } from '@guanjia/core';
import { caseMilestones, cases } from '@guanjia/core/db/schema';
import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { maxReportRows, type ReportFilter, reportPlace } from './case-reports';
import type { TenantScope } from './scope';

/** The facts core's `kpiFigures` reads (statistics and KPIs). All reads, within `visibility`. */

/** The cases received in the window; the first response is the first reply, or the contractor's first contact. */
export async function caseKpiFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: reports.DashboardCaseFact[]; complete: boolean }> {
  const rows = await scope.db
    .select({
      kind: cases.kind,
      category: cases.category,
      channel: cases.channel,
      projectId: cases.projectId,
      branchId: cases.branchId,
      departmentId: cases.departmentId,
      agentId: cases.assigneeId,
      receivedAt: cases.receivedAt,
      firstReplyAt: cases.firstReplyAt,
      contactedAt: cases.contactedAt,
      resolvedAt: cases.resolvedAt,
      completedAt: cases.completedAt,
      escalationLevel: cases.escalationLevel,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        gte(cases.receivedAt, filter.from),
        lt(cases.receivedAt, filter.to),
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return {
    complete: rows.length <= maxReportRows,
    facts: rows.slice(0, maxReportRows).map((r) => ({
      kind: r.kind,
      category: r.category,
      channel: r.channel,
      projectId: r.projectId,
      branchId: r.branchId,
      departmentId: r.departmentId,
      agentId: r.agentId,
      receivedAt: r.receivedAt,
      firstResponseAt: r.firstReplyAt ?? r.contactedAt,
      resolvedAt: r.resolvedAt ?? r.completedAt,
      escalationLevel: r.escalationLevel,
    })),
  };
}

/** The SLA milestones (every cycle) of the cases received in the window. */
export async function milestoneKpiFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: reports.DashboardMilestoneFact[]; complete: boolean }> {
  const rows = await scope.db
    .select({
      milestone: caseMilestones.milestone,
      status: caseMilestones.status,
      projectId: cases.projectId,
      receivedAt: cases.receivedAt,
    })
    .from(caseMilestones)
    .innerJoin(cases, and(eq(cases.tenantId, caseMilestones.tenantId), eq(cases.id, caseMilestones.caseId)))
    .where(
      and(
        eq(caseMilestones.tenantId, scope.tenantId),
        gte(cases.receivedAt, filter.from),
        lt(cases.receivedAt, filter.to),
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return { complete: rows.length <= maxReportRows, facts: rows.slice(0, maxReportRows) };
}

/** The complaints' reply milestones (`first_reply`, 24 h) that fell due in the window. */
export async function replyKpiFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: reports.ReplyFact[]; complete: boolean }> {
  const rows = await scope.db
    .select({ dueAt: caseMilestones.dueAt, metAt: caseMilestones.metAt, status: caseMilestones.status })
    .from(caseMilestones)
    .innerJoin(cases, and(eq(cases.tenantId, caseMilestones.tenantId), eq(cases.id, caseMilestones.caseId)))
    .where(
      and(
        eq(caseMilestones.tenantId, scope.tenantId),
        eq(caseMilestones.milestone, 'first_reply'),
        eq(cases.kind, 'complaint'),
        inArray(caseMilestones.status, ['pending', 'warned', 'breached', 'met', 'met_late', 'paused']),
        gte(caseMilestones.dueAt, filter.from),
        lt(caseMilestones.dueAt, filter.to),
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return {
    complete: rows.length <= maxReportRows,
    facts: rows.slice(0, maxReportRows).map((r) => ({ dueAt: r.dueAt as Date, answeredAt: r.metAt })),
  };
}
