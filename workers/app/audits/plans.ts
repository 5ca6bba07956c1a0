import { fieldError, type Reach, type Role, rolePermissions } from '@guanjia/core';
import type { PlanRow } from '../../data/audit-plans';
import * as plans from '../../data/audit-plans';
import { getTemplate } from '../../data/audit-templates';
import { auditOfPlan } from '../../data/mystery-audits';
import { projectPlace, tenantSettings } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { auditSettings } from './scoring';

/** A plan with the id of its audit. */
export interface PlanView {
  plan: PlanRow;
  auditId: string | null;
}

const auditIdOf = async (scope: TenantScope, plan: PlanRow) =>
  (await auditOfPlan(scope, plan.id))?.id ?? null;

/** A page of the plans of the projects the caller manages, each with its audit's id. */
export async function listAuditPlans(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; auditorId?: string; status?: string },
  page: PageRequest,
): Promise<{ rows: PlanRow[]; auditIds: Map<string, string | null> }> {
  const rows = await plans.listPlans(scope, reach, query, page);
  const shown = rows.slice(0, page.limit);
  const ids = await Promise.all(shown.map(async (p) => [p.id, await auditIdOf(scope, p)] as const));
  return { rows, auditIds: new Map(ids) };
}

export async function getAuditPlan(scope: TenantScope, reach: Reach, id: string): Promise<PlanView> {
  const plan = await plans.getPlan(scope, reach, id);
  return { plan, auditId: await auditIdOf(scope, plan) };
}

/** Roles that may perform an audit (an auditor must hold one). */
const performers = Object.entries(rolePermissions)
  .filter(([, perms]) => perms.includes('audits.perform'))
  .map(([role]) => role as Role);

/**
 * Schedules an audit of a project the caller manages: an active template, a due date and an
 * active auditor; the plan and its draft audit (template snapshot, pass mark: the template's,
 * else the tenant's) are written together.
 */
export async function scheduleAudit(
  scope: TenantScope,
  reach: Reach,
  input: { templateId: string; projectId: string; dueOn: string; auditorId: string },
): Promise<PlanView> {
  const project = await projectPlace(scope, input.projectId);
  if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw fieldError('projectId', `Project ${input.projectId} not found`);
  }
  const template = await getTemplate(scope, input.templateId, 'templateId');
  if (!template.active) throw fieldError('templateId', 'The template is not active');
  if (!(await plans.isActiveHolder(scope, input.auditorId, performers))) {
    throw fieldError('auditorId', `No active auditor ${input.auditorId}`);
  }
  const threshold =
    template.threshold ?? auditSettings(await tenantSettings(scope), scope.timeZone).passThreshold;
  const { plan, audit } = await plans.insertPlan(
    scope,
    {
      templateId: template.id,
      branchId: project.branchId,
      projectId: project.id,
      channel: template.channel,
      dueOn: input.dueOn,
      auditorId: input.auditorId,
    },
    template,
    threshold,
  );
  return { plan, auditId: audit.id };
}
