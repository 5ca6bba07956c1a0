import { AppError, type cases as core } from '@guanjia/core';
import { loadCaseSettings } from '../../data/case-support';
import { reportBuilding, reportProject } from '../../data/report-codes';
import type { TenantScope } from '../../data/scope';
import { findTenantBySlug, type TenantRecord } from '../../data/tenants';
import type { Env } from '../../env';
import type { Edge } from '../runtime';
import { ownerScope } from '../scope';

/*
 * The public report page (业主自助报修) of a project or one of its buildings, reached by the
 * tenant's slug and the project's (and building's) id: no login. Another tenant's project or
 * building, an unknown one or a suspended tenant is not found.
 */

export interface ReportPage {
  env: Env;
  tenant: TenantRecord;
  scope: TenantScope;
  settings: core.CaseSettings;
  project: { id: string; name: string; branchId: string; buildings: { id: string; name: string }[] };
  building: { id: string; name: string; units: { id: string; number: string }[] } | null;
}

export async function openReportPage(
  edge: Edge,
  place: { tenantSlug: string; projectId: string; buildingId?: string | undefined },
): Promise<ReportPage> {
  const tenant = await findTenantBySlug(edge.env, place.tenantSlug);
  if (tenant?.status !== 'active') throw new AppError('not_found', 'No such report page');
  const scope = ownerScope(edge, tenant, null);
  const project = await reportProject(scope, place.projectId);
  if (!project) throw new AppError('not_found', 'No such report page');
  const building = place.buildingId ? await reportBuilding(scope, project.id, place.buildingId) : null;
  if (place.buildingId && !building) throw new AppError('not_found', 'No such report page');
  return {
    env: edge.env,
    tenant,
    scope,
    settings: await loadCaseSettings(scope),
    project,
    building: building ?? null,
  };
}
