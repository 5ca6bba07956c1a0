import type { cases as core } from '@guanjia/core';
import { cases, caseTimeline } from '@guanjia/core/db/schema';
import { and, eq, exists, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TenantScope } from './scope';

/** The facts core's KPI rules (first-time fix rate, follow-up done rate) read. All reads. */

export interface ReportFilter {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  projectId?: string;
  branchId?: string;
  contractorId?: string;
}

/** Most rows one report reads; a larger window is refused rather than answered partially. */
export const maxReportRows = 20_000;

/** The place filter every report shares (project, branch, contractor). */
export const reportPlace = (f: ReportFilter) => [
  f.projectId ? eq(cases.projectId, f.projectId) : undefined,
  f.branchId ? eq(cases.branchId, f.branchId) : undefined,
  f.contractorId ? eq(cases.contractorId, f.contractorId) : undefined,
];

/**
 * Original repairs completed in the window (re-reports are the same fault and are not
 * counted again), each with whether its first-time fix was spoiled: reopened within the rework
 * window (`state.reworked`), or re-reported by a later case (`rework_of_case_id` names it),
 * whenever that re-report came — even after the window being reported on.
 * Served by the (tenant, kind, completed_at) index: only the window's completions are read.
 */
export async function repairFixFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: core.FixFacts[]; complete: boolean }> {
  // Drizzle leaves a column of the selected table unqualified inside a select field, so the
  // inner table is an alias and the subquery is built by drizzle, which qualifies both sides.
  const later = alias(cases, 'rereport');
  const rereported = sql<number>`${exists(
    scope.db
      .select({ one: sql`1` })
      .from(later)
      .where(
        and(
          eq(later.tenantId, cases.tenantId),
          eq(later.unitId, cases.unitId),
          eq(later.reworkOfCaseId, cases.id),
        ),
      ),
  )}`;
  const rows = await scope.db
    .select({
      id: cases.id,
      category: cases.category,
      reopenedWithinWindow: sql<number | null>`json_extract(${cases.state}, '$.reworked')`,
      rereported,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.kind, 'repair'),
        gte(cases.completedAt, filter.from),
        lt(cases.completedAt, filter.to),
        isNull(cases.reworkOfCaseId),
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return {
    complete: rows.length <= maxReportRows,
    facts: rows.slice(0, maxReportRows).map((r) => ({
      id: r.id,
      category: r.category,
      reworkOfCaseId: null,
      reworked: !!r.reopenedWithinWindow || !!r.rereported,
    })),
  };
}

export interface FollowupFactsRow extends core.FollowupFacts {
  kind: 'repair' | 'complaint';
}

/**
 * Repairs and complaints whose follow-up (回访) fell due in the window. `followup_due_at` is the
 * SLA policy's `followup` milestone (set by the step that starts it, kept in step by the clock);
 * served by the (tenant, kind, followup_due_at) index, one range per kind.
 */
export async function followupFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: FollowupFactsRow[]; complete: boolean }> {
  const rows = await scope.db
    .select({ kind: cases.kind, followupDueAt: cases.followupDueAt, followedUpAt: cases.followedUpAt })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        inArray(cases.kind, ['repair', 'complaint']),
        gte(cases.followupDueAt, filter.from),
        lt(cases.followupDueAt, filter.to),
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return {
    complete: rows.length <= maxReportRows,
    facts: rows.slice(0, maxReportRows).map((r) => ({ ...r, kind: r.kind as FollowupFactsRow['kind'] })),
  };
}

/**
 * The low ratings given in the window (回访 answers that were unsatisfied), each with its reason
 * (null when none was given), from the follow-up rows of the timeline: an unsatisfied follow-up
 * reopens the case, so the case row alone no longer shows it.
 */
export async function lowRatingFacts(
  scope: TenantScope,
  visibility: SQL | undefined,
  filter: ReportFilter,
): Promise<{ facts: { kind: string; lowRatingReason: string | null }[]; complete: boolean }> {
  const rows = await scope.db
    .select({
      kind: cases.kind,
      lowRatingReason: sql<string | null>`json_extract(${caseTimeline.data}, '$.lowRatingReason')`,
    })
    .from(caseTimeline)
    .innerJoin(cases, and(eq(cases.tenantId, caseTimeline.tenantId), eq(cases.id, caseTimeline.caseId)))
    .where(
      and(
        eq(caseTimeline.tenantId, scope.tenantId),
        eq(caseTimeline.action, 'follow_up'),
        gte(caseTimeline.at, filter.from),
        lt(caseTimeline.at, filter.to),
        sql`json_extract(${caseTimeline.data}, '$.satisfied') = 0`,
        ...reportPlace(filter),
        visibility,
      ),
    )
    .limit(maxReportRows + 1);
  return { complete: rows.length <= maxReportRows, facts: rows.slice(0, maxReportRows) };
}
