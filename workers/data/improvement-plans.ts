import { AppError, type Reach } from '@guanjia/core';
import { improvementPlans, planRechecks } from '@guanjia/core/db/schema';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned, type VersionedTable } from './records';
import type { TenantScope } from './scope';

/** Improvement plans (提高计划) of the bottom three and their quarterly re-checks (复核). */

export type ImprovementPlanRow = typeof improvementPlans.$inferSelect;
export type PlanRecheckRow = typeof planRechecks.$inferSelect;

export async function insertPlan(scope: TenantScope, row: ImprovementPlanRow, extra: unknown[] = []) {
  await commit(scope, [
    scope.db.insert(improvementPlans).values(row),
    auditEntry(scope, 'satisfaction.plans.create', { type: 'improvementPlan', id: row.id }, null, row),
    ...extra,
  ]);
}

/** A plan in reach; another tenant's or out of reach is 404. */
export async function getPlan(scope: TenantScope, reach: Reach, id: string): Promise<ImprovementPlanRow> {
  const row = await scope.db.query.improvementPlans.findFirst({
    where: and(eq(improvementPlans.tenantId, scope.tenantId), eq(improvementPlans.id, id)),
  });
  if (!row || !inReach(reach, { branchId: row.branchId, projectId: row.projectId })) {
    throw new AppError('not_found', `Improvement plan ${id} not found`);
  }
  return row;
}

export interface PlanQuery {
  campaignId?: string;
  projectId?: string;
  status?: ImprovementPlanRow['status'];
}

export function listPlans(scope: TenantScope, reach: Reach, query: PlanQuery, page: PageRequest) {
  return keysetPage(
    scope,
    improvementPlans,
    [
      query.campaignId ? eq(improvementPlans.campaignId, query.campaignId) : undefined,
      query.projectId ? eq(improvementPlans.projectId, query.projectId) : undefined,
      query.status ? eq(improvementPlans.status, query.status) : undefined,
      projectFilter(scope, reach, improvementPlans.projectId),
    ],
    page,
  );
}

export function updatePlan(
  scope: TenantScope,
  before: ImprovementPlanRow,
  changes: Partial<ImprovementPlanRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
  afterwards?: (after: ImprovementPlanRow) => unknown[],
): Promise<ImprovementPlanRow> {
  return updateVersioned(scope, improvementPlans as unknown as VersionedTable, before, changes, {
    audit: { action, type: 'improvementPlan' },
    conflict: 'The plan changed meanwhile',
    expectedVersion,
    extra,
    ...(afterwards ? { afterwards } : {}),
  });
}

export const recheckInsert = (scope: TenantScope, row: PlanRecheckRow) =>
  scope.db.insert(planRechecks).values(row).onConflictDoNothing();

export function rechecksOf(scope: TenantScope, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([] as PlanRecheckRow[]);
  return scope.db
    .select()
    .from(planRechecks)
    .where(and(eq(planRechecks.tenantId, scope.tenantId), inArray(planRechecks.planId, [...planIds])))
    .orderBy(asc(planRechecks.dueOn));
}

/** Re-checks not done yet whose due date is on or before `until` (a local date), oldest first. */
export function openRechecks(scope: TenantScope, until: string) {
  return scope.db
    .select({ recheck: planRechecks, plan: improvementPlans })
    .from(planRechecks)
    .innerJoin(
      improvementPlans,
      and(eq(improvementPlans.tenantId, planRechecks.tenantId), eq(improvementPlans.id, planRechecks.planId)),
    )
    .where(
      and(
        eq(planRechecks.tenantId, scope.tenantId),
        isNull(planRechecks.checkedAt),
        eq(improvementPlans.status, 'presented'),
      ),
    )
    .orderBy(asc(planRechecks.dueOn))
    .limit(500)
    .then((rows) => rows.filter((r) => r.recheck.dueOn <= until));
}

/**
 * Marks one deadline notice of a re-check as sent, only if it was not (the column is the
 * once-only key), with its event in the same batch; answers whether this call marked it.
 */
export async function markRecheckNotice(
  scope: TenantScope,
  recheck: PlanRecheckRow,
  column: 'warnedAt' | 'breachedAt' | 'escalatedAt',
  event: unknown,
): Promise<boolean> {
  const col = planRechecks[column];
  const [result] = await commit(scope, [
    scope.db
      .update(planRechecks)
      .set({ [column]: scope.now, updatedAt: scope.now })
      .where(and(eq(planRechecks.tenantId, scope.tenantId), eq(planRechecks.id, recheck.id), isNull(col))),
    event,
  ]);
  return ((result as D1Result | undefined)?.meta?.changes ?? 0) > 0;
}

/** Records a re-check's progress per measure (once: a done re-check is not re-recorded). */
export async function recordRecheck(
  scope: TenantScope,
  recheck: PlanRecheckRow,
  progress: unknown[],
): Promise<PlanRecheckRow> {
  const after = {
    ...recheck,
    checkedBy: scope.actor.id,
    checkedAt: scope.now,
    progress,
    updatedAt: scope.now,
  };
  const [result] = await commit(scope, [
    scope.db
      .update(planRechecks)
      .set({ checkedBy: after.checkedBy, checkedAt: after.checkedAt, progress, updatedAt: scope.now })
      .where(
        and(
          eq(planRechecks.tenantId, scope.tenantId),
          eq(planRechecks.id, recheck.id),
          isNull(planRechecks.checkedAt),
        ),
      ),
    auditEntry(scope, 'satisfaction.plans.recheck', { type: 'planRecheck', id: recheck.id }, recheck, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('conflict', 'This re-check was recorded already');
  }
  return after;
}
