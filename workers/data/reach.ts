import { AppError, type Permission, type Reach, reaches, reachOf } from '@guanjia/core';
import { projects } from '@guanjia/core/db/schema';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { TenantScope } from './scope';

/** The caller's reach for a permission; no reach at all is a 403 (the route exists, the caller may not use it). */
export function requireReach(scope: TenantScope, permission: Permission): Reach {
  const reach = reachOf(scope.grants, permission);
  if (reach.kind === 'none') throw new AppError('forbidden', `Missing permission ${permission}`);
  return reach;
}

/** Whether a record's place is within reach; callers answer 404 when it is not. */
export function inReach(
  reach: Reach,
  place: { branchId: string | null; projectId?: string | null },
): boolean {
  return reaches(reach, place);
}

const never = sql`0`;

/** SQL filter on a project id column: the reached projects and every project of the reached branches. */
export function projectFilter(scope: TenantScope, reach: Reach, column: SQLiteColumn): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const parts: SQL[] = [];
  if (reach.projectIds.size > 0) parts.push(inArray(column, [...reach.projectIds]));
  if (reach.branchIds.size > 0) {
    parts.push(
      inArray(
        column,
        scope.db
          .select({ id: projects.id })
          .from(projects)
          .where(
            and(eq(projects.tenantId, scope.tenantId), inArray(projects.branchId, [...reach.branchIds])),
          ),
      ),
    );
  }
  return or(...parts);
}

/** SQL filter on a branch id column: the reached branches and the branches of reached projects. */
export function branchFilter(scope: TenantScope, reach: Reach, column: SQLiteColumn): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const parts: SQL[] = [];
  if (reach.branchIds.size > 0) parts.push(inArray(column, [...reach.branchIds]));
  if (reach.projectIds.size > 0) {
    parts.push(
      inArray(
        column,
        scope.db
          .select({ id: projects.branchId })
          .from(projects)
          .where(and(eq(projects.tenantId, scope.tenantId), inArray(projects.id, [...reach.projectIds]))),
      ),
    );
  }
  return or(...parts);
}

/**
 * SQL filter on a record placed by a branch and/or a project column: one with a project is in
 * reach by its project, one with only a branch by its branch; one with neither (tenant-wide) only
 * for group-wide callers.
 */
export function placeFilter(
  scope: TenantScope,
  reach: Reach,
  columns: { branchId: SQLiteColumn; projectId: SQLiteColumn },
): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  return or(
    and(sql`${columns.projectId} is not null`, projectFilter(scope, reach, columns.projectId)),
    and(sql`${columns.projectId} is null`, branchFilter(scope, reach, columns.branchId)),
  );
}

const always = sql`1`;

/** `projectFilter` as a condition to combine with `or`: false without reach, true tenant-wide. */
export function projectCondition(scope: TenantScope, reach: Reach, column: SQLiteColumn): SQL {
  return projectFilter(scope, reach, column) ?? always;
}

/** `branchFilter` as a condition to combine with `or`: false without reach, true tenant-wide. */
export function branchCondition(scope: TenantScope, reach: Reach, column: SQLiteColumn): SQL {
  return branchFilter(scope, reach, column) ?? always;
}
