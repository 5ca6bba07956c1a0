import { AppError, reachOf } from '@guanjia/core';
import type { AuditReach } from '../../data/mystery-audits';
import { inReach, requireReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';

export type { AuditReach };

/** Any way into audits (manage, perform, or reading a project's published results), else 403. */
export function auditReach(scope: TenantScope): AuditReach {
  const r = {
    manage: reachOf(scope.grants, 'audits.manage'),
    perform: reachOf(scope.grants, 'audits.perform'),
    read: reachOf(scope.grants, 'org.read'),
  };
  if (r.manage.kind === 'none' && r.perform.kind === 'none' && r.read.kind === 'none') {
    throw new AppError('forbidden', 'Missing permission audits.manage, audits.perform or org.read');
  }
  return r;
}

/** Templates are tenant-wide: every manager reads them, only a group-wide manager changes them. */
export function templateWriter(scope: TenantScope): void {
  const reach = requireReach(scope, 'audits.manage');
  if (reach.kind !== 'tenant') throw new AppError('forbidden', 'Changing templates needs a group-wide role');
}

export function canManageAudit(r: AuditReach, row: { branchId: string; projectId: string }): boolean {
  return inReach(r.manage, { branchId: row.branchId, projectId: row.projectId });
}
