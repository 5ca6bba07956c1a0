import {
  AppError,
  type Grant,
  isRole,
  newId,
  type Reach,
  type Role,
  reaches,
  type ScopeType,
  scopeTypes,
} from '@guanjia/core';
import { branches, projects, roleAssignments } from '@guanjia/core/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import type { TenantScope } from './scope';
import { type AssignmentRow, fieldError, type StaffWithRoles } from './staff';

/* Grants: role assignments, and API key grants, which follow the same rules (staff users are in staff.ts). */

export interface GrantInput {
  role: string;
  scopeType: string;
  scopeId?: string | null;
}

export interface GrantRules {
  /** Roles that may not be granted here (e.g. `integrator` to a person). */
  forbiddenRoles?: readonly Role[];
}

/**
 * Validates one grant and checks the caller may give it:
 * - the role and scope type exist, and the scope id is a branch/project of this tenant (400 otherwise);
 * - the caller's manage reach covers the scope (a scope outside it is reported as unknown, like any
 *   record outside reach);
 * - group-wide grants and `tenant_admin` need a group-wide manager (403).
 */
export async function checkGrant(
  scope: TenantScope,
  manageReach: Reach,
  input: GrantInput,
  path: string,
  rules: GrantRules = {},
): Promise<Grant> {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (!isRole(input.role)) throw fieldError(at('role'), `Unknown role ${input.role}`);
  if (rules.forbiddenRoles?.includes(input.role)) {
    throw fieldError(at('role'), `The role ${input.role} cannot be granted here`);
  }
  if (!(scopeTypes as readonly string[]).includes(input.scopeType)) {
    throw fieldError(at('scopeType'), `Scope type must be one of ${scopeTypes.join(', ')}`);
  }
  const scopeType = input.scopeType as ScopeType;
  const role = input.role;
  const scopeId = input.scopeId ?? null;
  if (scopeType === 'group') {
    if (scopeId !== null) throw fieldError(at('scopeId'), 'A group-wide grant has no scopeId');
  } else if (!scopeId) {
    throw fieldError(at('scopeId'), `A ${scopeType} grant needs the ${scopeType} id`);
  }
  if ((scopeType === 'group' || role === 'tenant_admin') && manageReach.kind !== 'tenant') {
    throw new AppError(
      'forbidden',
      'Only a group-wide administrator grants group-wide roles or tenant_admin',
    );
  }
  if (scopeType === 'branch' && scopeId) {
    const branch = await scope.db.query.branches.findFirst({
      where: and(eq(branches.tenantId, scope.tenantId), eq(branches.id, scopeId)),
    });
    if (!branch || !reaches(manageReach, { branchId: branch.id })) {
      throw fieldError(at('scopeId'), `Branch ${scopeId} not found`);
    }
  }
  if (scopeType === 'project' && scopeId) {
    const project = await scope.db.query.projects.findFirst({
      where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, scopeId)),
    });
    if (!project || !reaches(manageReach, { branchId: project.branchId, projectId: project.id })) {
      throw fieldError(at('scopeId'), `Project ${scopeId} not found`);
    }
  }
  return { role, scopeType, scopeId };
}

export function assignmentRow(scope: TenantScope, userId: string, grant: Grant): AssignmentRow {
  return {
    id: newId('roleAssignment'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    userId,
    role: grant.role,
    scopeType: grant.scopeType,
    scopeId: grant.scopeId,
  };
}

export async function listAssignments(scope: TenantScope, userId: string): Promise<AssignmentRow[]> {
  return scope.db
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, scope.tenantId), eq(roleAssignments.userId, userId)))
    .orderBy(asc(roleAssignments.id));
}

export async function addAssignment(
  scope: TenantScope,
  staff: StaffWithRoles,
  grant: Grant,
): Promise<AssignmentRow> {
  const duplicate = staff.roles.some(
    (r) => r.role === grant.role && r.scopeType === grant.scopeType && r.scopeId === grant.scopeId,
  );
  if (duplicate) throw new AppError('conflict', 'The staff member already holds this role in this scope');
  const row = assignmentRow(scope, staff.id, grant);
  await commit(scope, [
    scope.db.insert(roleAssignments).values(row),
    auditEntry(scope, 'staff.roles.add', { type: 'roleAssignment', id: row.id }, null, row),
  ]);
  return row;
}

/** Removes one of the staff member's assignments; one outside the caller's manage reach is 404. */
export async function removeAssignment(
  scope: TenantScope,
  manageReach: Reach,
  staff: StaffWithRoles,
  assignmentId: string,
): Promise<void> {
  const row = staff.roles.find((r) => r.id === assignmentId);
  if (!row || !(await assignmentReached(scope, manageReach, row))) {
    throw new AppError('not_found', `Role assignment ${assignmentId} not found`);
  }
  await commit(scope, [
    scope.db
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, scope.tenantId), eq(roleAssignments.id, row.id))),
    auditEntry(scope, 'staff.roles.remove', { type: 'roleAssignment', id: row.id }, row, null),
  ]);
}

export async function assignmentReached(
  scope: TenantScope,
  reach: Reach,
  row: AssignmentRow,
): Promise<boolean> {
  if (reach.kind === 'tenant') return true;
  if (reach.kind === 'none' || row.scopeType === 'group' || !row.scopeId) return false;
  if (row.scopeType === 'branch') return reach.branchIds.has(row.scopeId);
  const project = await scope.db.query.projects.findFirst({
    where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, row.scopeId)),
  });
  return !!project && reaches(reach, { branchId: project.branchId, projectId: project.id });
}
