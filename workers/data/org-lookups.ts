import { fieldError } from '@guanjia/core';
import { projects, staffUsers, tenants } from '@guanjia/core/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { branchStaff } from './role-holders';
import type { TenantScope } from './scope';

/**
 * Small reads of the organisation the Service Star and audit use cases share: the tenant's
 * settings, a project's place, staff by id, and the staff of a branch.
 */

/** The tenant's settings object (the directory row lives in the same shard for now). */
export async function tenantSettings(scope: TenantScope): Promise<Record<string, unknown>> {
  const row = await scope.db.query.tenants.findFirst({
    columns: { settings: true },
    where: eq(tenants.id, scope.tenantId),
  });
  return row?.settings ?? {};
}

/** A project of the tenant, or a field error; reach is checked by the caller. */
export async function projectPlace(scope: TenantScope, projectId: string, path = 'projectId') {
  const project = await scope.db.query.projects.findFirst({
    columns: { id: true, branchId: true, name: true },
    where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)),
  });
  if (!project) throw fieldError(path, `Project ${projectId} not found`);
  return project;
}

/** A branch of the tenant, or undefined. */
export async function findBranch(scope: TenantScope, branchId: string) {
  return scope.db.query.branches.findFirst({
    columns: { id: true },
    where: (b, { and: all, eq: equals }) => all(equals(b.tenantId, scope.tenantId), equals(b.id, branchId)),
  });
}

/** An active staff member of the tenant, or a field error at `path`. */
export async function activeStaff(scope: TenantScope, staffId: string, path: string) {
  const row = await scope.db.query.staffUsers.findFirst({
    columns: { id: true, name: true, status: true },
    where: and(eq(staffUsers.tenantId, scope.tenantId), eq(staffUsers.id, staffId)),
  });
  if (row?.status !== 'active') throw fieldError(path, `Staff ${staffId} not found`);
  return row;
}

export async function staffNames(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await scope.db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of projects of the tenant by id (an auditor reads its audits' projects by name, not the org). */
export async function projectNames(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await scope.db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), inArray(projects.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active staff who work in a branch: a branch assignment, or an assignment to one of its projects. */
export async function branchStaffIds(scope: TenantScope, branchId: string): Promise<string[]> {
  return [...new Set((await branchStaff(scope, branchId)).map((r) => r.userId))];
}
