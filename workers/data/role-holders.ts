import type { Role } from '@guanjia/core';
import { projects, roleAssignments, staffUsers } from '@guanjia/core/db/schema';
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { TenantScope } from './scope';

/*
 * "Who holds this role in this place": the one query of role holders. Active staff only, in
 * the order they were assigned; one row per assignment (a person on two projects is two rows).
 */

/** A place an assignment is at: a scope type, optionally limited to some scope ids. */
export interface HolderPlace {
  scopeType?: 'group' | 'branch' | 'project';
  scopeIds?: readonly string[];
}

export interface RoleHolder {
  userId: string;
  role: Role;
  scopeType: 'group' | 'branch' | 'project';
  scopeId: string | null;
}

export interface HolderQuery {
  /** Any of these roles (all roles when left out). */
  roles?: readonly Role[];
  /** At any of these places (anywhere when left out). */
  places?: readonly HolderPlace[];
  /** Only this staff member. */
  userId?: string;
}

const placeCondition = (place: HolderPlace): SQL | undefined =>
  and(
    place.scopeType ? eq(roleAssignments.scopeType, place.scopeType) : undefined,
    place.scopeIds ? inArray(roleAssignments.scopeId, [...place.scopeIds]) : undefined,
  );

/** The active holders of the roles at the places. */
export async function roleHolders(scope: TenantScope, query: HolderQuery = {}): Promise<RoleHolder[]> {
  const rows = await scope.db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.tenantId, roleAssignments.tenantId), eq(staffUsers.id, roleAssignments.userId)),
    )
    .where(
      and(
        eq(roleAssignments.tenantId, scope.tenantId),
        eq(staffUsers.status, 'active'),
        query.roles ? inArray(roleAssignments.role, [...query.roles]) : undefined,
        query.userId ? eq(roleAssignments.userId, query.userId) : undefined,
        query.places ? or(...query.places.map(placeCondition)) : undefined,
      ),
    )
    .orderBy(asc(roleAssignments.id));
  return rows as RoleHolder[];
}

/** A holder at a branch or one of its projects. */
export type BranchHolder = RoleHolder & { scopeType: 'branch' | 'project'; scopeId: string };

/** Active staff who work in a branch: an assignment at the branch, or at one of its projects. */
export async function branchStaff(scope: TenantScope, branchId: string): Promise<BranchHolder[]> {
  const projectIds = (
    await scope.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.branchId, branchId)))
  ).map((p) => p.id);
  const rows = await roleHolders(scope, {
    places: [
      { scopeType: 'branch', scopeIds: [branchId] },
      ...(projectIds.length ? [{ scopeType: 'project' as const, scopeIds: projectIds }] : []),
    ],
  });
  return rows as BranchHolder[];
}
