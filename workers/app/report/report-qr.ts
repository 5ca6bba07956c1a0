import { AppError, type Reach } from '@guanjia/core';
import { inReach } from '../../data/reach';
import { projectOfBuilding, reportBuilding, reportProject } from '../../data/report-codes';
import type { TenantScope } from '../../data/scope';
import { findTenant } from '../../data/tenants';
import type { Env } from '../../env';
import { reportQrSvg } from './qr';

/** The public report page's path of a project, or of one of its buildings. */
export function reportPagePath(tenantSlug: string, projectId: string, buildingId?: string | null) {
  return `/report/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(projectId)}${
    buildingId ? `/${encodeURIComponent(buildingId)}` : ''
  }`;
}

/**
 * The printable QR code (SVG) of a project's report page, or of one building's (which opens on
 * its unit list): a project or building of another tenant or outside the caller's reach is 404.
 */
export async function reportQr(
  env: Env,
  scope: TenantScope,
  reach: Reach,
  input: { projectId: string; baseUrl: string } | { buildingId: string; baseUrl: string },
): Promise<{ svg: string; url: string }> {
  const buildingId = 'buildingId' in input ? input.buildingId : undefined;
  const projectId = 'projectId' in input ? input.projectId : await projectOfBuilding(scope, input.buildingId);
  const project = projectId ? await reportProject(scope, projectId) : undefined;
  if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError(
      'not_found',
      buildingId ? `Building ${buildingId} not found` : `Project ${projectId} not found`,
    );
  }
  const building = buildingId ? await reportBuilding(scope, project.id, buildingId) : null;
  if (buildingId && !building) throw new AppError('not_found', `Building ${buildingId} not found`);
  const tenant = await findTenant(env, scope.tenantId);
  if (!tenant) throw new AppError('not_found', 'No such tenant');
  const url = `${input.baseUrl}${reportPagePath(tenant.slug, project.id, building?.id)}`;
  const caption = building ? `${project.name} ${building.name}` : project.name;
  return { svg: reportQrSvg(url, caption), url };
}
