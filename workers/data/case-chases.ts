import { cases, tenants } from '@guanjia/core/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import type { CaseRow } from './case-support';
import { timelineStatements } from './case-timeline';
import { commit } from './commit';
import { outboxEvent } from './outbox';
import type { TenantScope } from './scope';

/**
 * Fails the whole batch unless the case was last chased at or before `notBefore` (or never), so
 * two chases sent at once count once (the json_extract trick of `versionGuard`).
 */
function chaseGuard(scope: TenantScope, caseId: string, notBefore: Date) {
  return scope.db
    .select({
      guard: sql<number>`CASE WHEN EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.tenantId} = ${scope.tenantId}
        AND ${cases.id} = ${caseId} AND coalesce(${cases.lastChasedAt}, 0) <= ${notBefore.getTime()}) THEN 1
        ELSE json_extract('chased too soon', '$') END`,
    })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
}

/**
 * 催单: one chase of a case by its owner, in one batch: the guard, the case's chase count and
 * time, an owner-facing timeline entry, the audit entry and the `case.chased` event. A chase
 * that lost a race to another throws what `isStaleVersion` recognises.
 */
export async function writeChase(
  scope: TenantScope,
  row: CaseRow,
  input: { notBefore: Date; notifyStaffIds: string[] },
): Promise<void> {
  const chaseCount = row.chaseCount + 1;
  await commit(scope, [
    chaseGuard(scope, row.id, input.notBefore),
    scope.db
      .update(cases)
      .set({ chaseCount: sql`${cases.chaseCount} + 1`, lastChasedAt: scope.now, updatedAt: scope.now })
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, row.id))),
    ...timelineStatements(scope, row.id, [
      {
        at: scope.now,
        actorType: 'owner',
        actorId: scope.actor.id,
        action: 'chase',
        visibility: 'owner',
        note: null,
        data: { chaseCount },
      },
    ]),
    auditEntry(
      scope,
      'cases.chase',
      { type: 'case', id: row.id },
      { chaseCount: row.chaseCount, lastChasedAt: row.lastChasedAt },
      { chaseCount, lastChasedAt: scope.now },
    ),
    outboxEvent(
      scope,
      'case.chased',
      {
        caseId: row.id,
        archiveNo: row.archiveNo,
        kind: row.kind,
        status: row.status,
        branchId: row.branchId,
        projectId: row.projectId,
        unitId: row.unitId,
        ownerId: row.ownerId,
        chasedAt: scope.now.toISOString(),
        chaseCount,
        notifyStaffIds: input.notifyStaffIds,
        actor: { type: scope.actor.type, id: scope.actor.id },
      },
      { branchId: row.branchId, projectId: row.projectId },
    ),
  ]);
}
