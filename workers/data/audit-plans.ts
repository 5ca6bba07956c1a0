import { AppError, newId, type Reach, type Role } from '@guanjia/core';
import { auditPlans, audits } from '@guanjia/core/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import type { TemplateRow } from './audit-templates';
import { commit } from './commit';
import type { AuditRow } from './mystery-audits';
import { inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest } from './records';
import { roleHolders } from './role-holders';
import type { TenantScope } from './scope';

/** Audit plans (暗访计划): which project and channel, by when, by which auditor; each carries its audit. */

export type PlanRow = typeof auditPlans.$inferSelect;

/** Whether a staff member is active in the tenant and holds one of `roles`. */
export async function isActiveHolder(scope: TenantScope, staffId: string, roles: Role[]): Promise<boolean> {
  return (await roleHolders(scope, { roles, userId: staffId })).length > 0;
}

export function listPlans(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; auditorId?: string; status?: string },
  page: PageRequest,
): Promise<PlanRow[]> {
  return keysetPage(
    scope,
    auditPlans,
    [
      query.projectId ? eq(auditPlans.projectId, query.projectId) : undefined,
      query.auditorId ? eq(auditPlans.auditorId, query.auditorId) : undefined,
      query.status ? eq(auditPlans.status, query.status as PlanRow['status']) : undefined,
      projectFilter(scope, reach, auditPlans.projectId),
    ],
    page,
  );
}

export async function getPlan(scope: TenantScope, reach: Reach, id: string): Promise<PlanRow> {
  const row = await scope.db.query.auditPlans.findFirst({
    where: and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.id, id)),
  });
  if (!row || !inReach(reach, { branchId: row.branchId, projectId: row.projectId })) {
    throw new AppError('not_found', `Audit plan ${id} not found`);
  }
  return row;
}

/** A plan and its draft audit (the template snapshotted, the pass mark fixed) in one batch. */
export async function insertPlan(
  scope: TenantScope,
  plan: Omit<PlanRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'createdBy'>,
  template: TemplateRow,
  threshold: number,
): Promise<{ plan: PlanRow; audit: AuditRow }> {
  const planRow: PlanRow = {
    ...plan,
    id: newId('auditPlan'),
    tenantId: scope.tenantId,
    status: 'planned',
    createdBy: scope.actor.id,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  const auditRow: AuditRow = {
    id: newId('mysteryAudit'),
    tenantId: scope.tenantId,
    planId: planRow.id,
    templateId: template.id,
    templateVersion: template.version,
    template: {
      name: template.name,
      channel: template.channel,
      sections: template.sections,
      defaultKey: template.defaultKey,
      version: template.version,
    },
    branchId: plan.branchId,
    projectId: plan.projectId,
    channel: plan.channel,
    auditorId: plan.auditorId,
    status: 'draft',
    visitedAt: null,
    answers: [],
    score: null,
    passed: null,
    threshold,
    result: null,
    submittedAt: null,
    publishedAt: null,
    publishedBy: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(auditPlans).values(planRow),
    scope.db.insert(audits).values(auditRow),
    auditEntry(scope, 'audit_plans.create', { type: 'auditPlan', id: planRow.id }, null, planRow),
  ]);
  return { plan: planRow, audit: auditRow };
}

/** The statement that marks a plan done, for the batch that submits its audit. */
export function planDone(scope: TenantScope, planId: string) {
  return scope.db
    .update(auditPlans)
    .set({ status: 'done', updatedAt: scope.now, version: sql`${auditPlans.version} + 1` })
    .where(and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.id, planId)));
}
