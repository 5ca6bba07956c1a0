import { AppError, cases as core } from '@guanjia/core';
import { projects, units } from '@guanjia/core/db/schema';
import { and, eq } from 'drizzle-orm';
import { inReach, requireReach } from './reach';
import type { TenantScope } from './scope';

/**
 * What a reclassification (`reclassify`) names must be the tenant's and within the caller's
 * reach: the category in the tenant's tree (400), the project in the tenant and reached by the
 * caller's `cases.handle` (404 otherwise, as for any record out of reach), the unit one of that
 * project's (400). Answers the new project's branch, which the case moves to with it.
 */
export async function checkReclassification(
  scope: TenantScope,
  action: Extract<core.CaseAction, { type: 'reclassify' }>,
  settings: core.CaseSettings,
): Promise<{ branchId: string } | null> {
  if (action.category !== undefined) core.assertCategory(settings.categories, action.category);
  if (action.projectId === undefined) return null;
  const reach = requireReach(scope, 'cases.handle');
  const [project] = await scope.db
    .select({ id: projects.id, branchId: projects.branchId })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.id, action.projectId)))
    .limit(1);
  if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError('not_found', `Project ${action.projectId} not found`);
  }
  if (action.unitId !== undefined) {
    const [unit] = await scope.db
      .select({ projectId: units.projectId })
      .from(units)
      .where(and(eq(units.tenantId, scope.tenantId), eq(units.id, action.unitId)))
      .limit(1);
    if (unit?.projectId !== project.id) {
      throw new AppError('validation_failed', 'See issues for the fields to correct', {
        issues: [{ path: 'unitId', message: 'Not a unit of the new project' }],
      });
    }
  }
  return { branchId: project.branchId };
}
