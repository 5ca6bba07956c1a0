import { AppError, type complaintSummary, type Reach } from '@guanjia/core';
import { caseMilestones, caseParties, cases, complaintSummaries } from '@guanjia/core/db/schema';
import { and, asc, eq, exists, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned, type VersionedTable } from './records';
import type { TenantScope } from './scope';

/** Monthly complaint summaries (月度投诉汇总) and the complaint facts they are drafted from. */

export type ComplaintSummaryRow = typeof complaintSummaries.$inferSelect;

/**
 * The month's complaints of some projects as the summary reads them: received in [from, to),
 * with first reply, resolution, any breached milestone, reopenings, other parties (群诉) and claims.
 */
export async function complaintFacts(
  scope: TenantScope,
  projectIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<complaintSummary.ComplaintFact[]> {
  if (projectIds.length === 0) return [];
  const breached = exists(
    scope.db
      .select({ one: sql`1` })
      .from(caseMilestones)
      .where(
        and(
          eq(caseMilestones.tenantId, cases.tenantId),
          eq(caseMilestones.caseId, cases.id),
          isNotNull(caseMilestones.breachedAt),
        ),
      ),
  );
  const group = exists(
    scope.db
      .select({ one: sql`1` })
      .from(caseParties)
      .where(and(eq(caseParties.tenantId, cases.tenantId), eq(caseParties.caseId, cases.id))),
  );
  const rows = await scope.db
    .select({
      caseId: cases.id,
      projectId: cases.projectId,
      ownerId: cases.ownerId,
      category: cases.category,
      channel: cases.channel,
      severity: cases.severity,
      receivedAt: cases.receivedAt,
      firstResponseAt: cases.firstReplyAt,
      resolvedAt: cases.resolvedAt,
      breached: sql<number>`${breached}`,
      reopenings: cases.reopenCount,
      group: sql<number>`${group}`,
      claim: cases.claimAmountFen,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.kind, 'complaint'),
        inArray(cases.projectId, [...projectIds].slice(0, 500)),
        gte(cases.receivedAt, window.from),
        lt(cases.receivedAt, window.to),
      ),
    )
    .limit(20_000);
  return rows.map((r) => ({
    ...r,
    severity: r.severity ?? 'normal',
    breached: Boolean(r.breached),
    group: Boolean(r.group),
    claim: r.claim !== null,
  }));
}

/**
 * Inserts one draft with its audit entry and event in one batch; a draft already there for the
 * project and month (another tick got there first) is a unique clash, answered false.
 */
export async function insertDraft(
  scope: TenantScope,
  row: ComplaintSummaryRow,
  event: unknown,
): Promise<boolean> {
  try {
    await commit(scope, [
      scope.db.insert(complaintSummaries).values(row),
      auditEntry(scope, 'complaint_summaries.draft', { type: 'complaintSummary', id: row.id }, null, row),
      event,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return false;
    throw error;
  }
}

export async function drafted(scope: TenantScope, month: string): Promise<Set<string>> {
  const rows = await scope.db
    .select({ projectId: complaintSummaries.projectId })
    .from(complaintSummaries)
    .where(and(eq(complaintSummaries.tenantId, scope.tenantId), eq(complaintSummaries.month, month)));
  return new Set(rows.map((r) => r.projectId));
}

export async function getSummary(scope: TenantScope, reach: Reach, id: string): Promise<ComplaintSummaryRow> {
  const row = await scope.db.query.complaintSummaries.findFirst({
    where: and(eq(complaintSummaries.tenantId, scope.tenantId), eq(complaintSummaries.id, id)),
  });
  if (!row || !inReach(reach, { branchId: row.branchId, projectId: row.projectId })) {
    throw new AppError('not_found', `Complaint summary ${id} not found`);
  }
  return row;
}

export interface SummaryQuery {
  month?: string;
  branchId?: string;
  projectId?: string;
  status?: ComplaintSummaryRow['status'];
}

export function listSummaries(scope: TenantScope, reach: Reach, q: SummaryQuery, page: PageRequest) {
  return keysetPage(
    scope,
    complaintSummaries,
    [
      q.month ? eq(complaintSummaries.month, q.month) : undefined,
      q.branchId ? eq(complaintSummaries.branchId, q.branchId) : undefined,
      q.projectId ? eq(complaintSummaries.projectId, q.projectId) : undefined,
      q.status ? eq(complaintSummaries.status, q.status) : undefined,
      projectFilter(scope, reach, complaintSummaries.projectId),
    ],
    page,
  );
}

export function updateSummary(
  scope: TenantScope,
  before: ComplaintSummaryRow,
  changes: Partial<ComplaintSummaryRow>,
  action: string,
  expectedVersion: number | undefined,
  afterwards?: (after: ComplaintSummaryRow) => unknown[],
): Promise<ComplaintSummaryRow> {
  return updateVersioned(scope, complaintSummaries as unknown as VersionedTable, before, changes, {
    audit: { action, type: 'complaintSummary' },
    conflict: 'The summary changed meanwhile',
    expectedVersion,
    ...(afterwards ? { afterwards } : {}),
  });
}

/** Records the first read of a submitted summary (the read receipt); later reads change nothing. */
export async function markRead(scope: TenantScope, row: ComplaintSummaryRow): Promise<ComplaintSummaryRow> {
  await commit(scope, [
    scope.db
      .update(complaintSummaries)
      .set({ readBy: scope.actor.id, readAt: scope.now })
      .where(
        and(
          eq(complaintSummaries.tenantId, scope.tenantId),
          eq(complaintSummaries.id, row.id),
          isNull(complaintSummaries.readAt),
        ),
      ),
  ]);
  return { ...row, readBy: scope.actor.id, readAt: scope.now };
}

/** Drafts not submitted, oldest due first. */
export function openDrafts(scope: TenantScope) {
  return scope.db
    .select()
    .from(complaintSummaries)
    .where(and(eq(complaintSummaries.tenantId, scope.tenantId), eq(complaintSummaries.status, 'draft')))
    .orderBy(asc(complaintSummaries.dueOn))
    .limit(500);
}

/** Marks a deadline notice sent once (the column is the key), with its event. */
export async function markSummaryNotice(
  scope: TenantScope,
  row: ComplaintSummaryRow,
  column: 'warnedAt' | 'escalatedAt',
  event: unknown,
): Promise<void> {
  await commit(scope, [
    scope.db
      .update(complaintSummaries)
      .set({ [column]: scope.now })
      .where(
        and(
          eq(complaintSummaries.tenantId, scope.tenantId),
          eq(complaintSummaries.id, row.id),
          isNull(complaintSummaries[column]),
        ),
      ),
    event,
  ]);
}
