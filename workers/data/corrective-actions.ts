import { AppError, newId, type Role } from '@guanjia/core';
import { correctiveActions } from '@guanjia/core/db/schema';
import { and, eq, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import type { AuditReach } from './mystery-audits';
import { inReach, projectCondition } from './reach';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import { roleHolders } from './role-holders';
import type { TenantScope } from './scope';

/** Corrective actions (整改) of published audits: an owner, a deadline, a supervisor's verification. */

export type CorrectiveRow = typeof correctiveActions.$inferSelect;

const never = sql`0`;

/** The insert and audit entry of a new action, for the batch that publishes its audit. */
export function correctiveInsert(
  scope: TenantScope,
  values: Omit<CorrectiveRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
) {
  const row: CorrectiveRow = {
    ...values,
    id: newId('correctiveAction'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  return {
    row,
    statements: [
      scope.db.insert(correctiveActions).values(row),
      auditEntry(scope, 'corrective_actions.create', { type: 'correctiveAction', id: row.id }, null, row),
    ],
  };
}

/** Managers of the project, the action's owner, and readers of the project (actions exist only once published). */
export function correctiveVisible(scope: TenantScope, r: AuditReach): SQL {
  return (
    or(
      projectCondition(scope, r.manage, correctiveActions.projectId),
      scope.actor.id ? eq(correctiveActions.ownerId, scope.actor.id) : never,
      projectCondition(scope, r.read, correctiveActions.projectId),
    ) ?? never
  );
}

export function listCorrective(
  scope: TenantScope,
  r: AuditReach,
  query: { projectId?: string; auditId?: string; status?: string; overdue?: boolean },
  page: PageRequest,
): Promise<CorrectiveRow[]> {
  return keysetPage(
    scope,
    correctiveActions,
    [
      query.projectId ? eq(correctiveActions.projectId, query.projectId) : undefined,
      query.auditId ? eq(correctiveActions.auditId, query.auditId) : undefined,
      query.status ? eq(correctiveActions.status, query.status as CorrectiveRow['status']) : undefined,
      query.overdue
        ? and(ne(correctiveActions.status, 'verified'), lt(correctiveActions.deadline, scope.now))
        : undefined,
      correctiveVisible(scope, r),
    ],
    page,
  );
}

export async function getCorrective(scope: TenantScope, r: AuditReach, id: string): Promise<CorrectiveRow> {
  const row = await scope.db.query.correctiveActions.findFirst({
    where: and(eq(correctiveActions.tenantId, scope.tenantId), eq(correctiveActions.id, id)),
  });
  const place = row ? { branchId: row.branchId, projectId: row.projectId } : null;
  if (
    !row ||
    !place ||
    !(inReach(r.manage, place) || row.ownerId === scope.actor.id || inReach(r.read, place))
  ) {
    throw new AppError('not_found', `Corrective action ${id} not found`);
  }
  return row;
}

export function updateCorrective(
  scope: TenantScope,
  before: CorrectiveRow,
  changes: Partial<CorrectiveRow>,
  action: string,
  expectedVersion: number | undefined,
): Promise<CorrectiveRow> {
  return updateVersioned(scope, correctiveActions, before, changes, {
    audit: { action, type: 'correctiveAction' },
    expectedVersion,
    conflict: 'The corrective action changed meanwhile',
  });
}

/** Active staff holding one of `roles` on a project, in the order they were assigned. */
export async function projectRoleHolders(
  scope: TenantScope,
  projectId: string,
  roles: Role[],
): Promise<{ id: string; role: Role }[]> {
  const rows = await roleHolders(scope, { roles, places: [{ scopeType: 'project', scopeIds: [projectId] }] });
  return rows.map((r) => ({ id: r.userId, role: r.role }));
}
