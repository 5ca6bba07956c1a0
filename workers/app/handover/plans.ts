import { AppError, fieldError, handover, type Reach, sla } from '@guanjia/core';
import { ZodError } from 'zod';
import { findDepartment } from '../../data/defects';
import {
  type ChecklistItemRow,
  defaultTemplate,
  getPlanRow,
  type HandoverPlanRow,
  insertPlan,
  listPlanRows,
  planItems,
  plansOnTheClock,
  recordHandoverAlert,
  updateItemRow,
  updatePlanRow,
} from '../../data/handover';
import { holdersOf } from '../../data/inbox';
import { activeStaff, projectPlace, tenantSettings } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';

/** Handover readiness (交付): a plan per project batch, its checklist, its targets against the actuals. */

/** The tenant's `settings.handover`, core's defaults for what is missing or broken. */
export async function handoverSettings(scope: TenantScope): Promise<handover.HandoverSettings> {
  const stored = (await tenantSettings(scope)).handover;
  const parsed = handover.HandoverSettingsSchema.safeParse(
    stored && typeof stored === 'object' ? stored : {},
  );
  return parsed.success ? parsed.data : handover.parseHandoverSettings({});
}

export interface PlanView {
  plan: HandoverPlanRow;
  phase: handover.PlanPhase;
  items: (ChecklistItemRow & { state: handover.ChecklistItemState; atRisk: boolean; escalateTo: string[] })[];
  targets: handover.HandoverTargetResult[];
}

async function viewOf(scope: TenantScope, plan: HandoverPlanRow): Promise<PlanView> {
  const settings = await handoverSettings(scope);
  const items = await planItems(scope, plan.id);
  const risks = handover.checklistRisks(
    { id: plan.id, handoverOn: plan.handoverOn, opensOn: plan.opensOn, items },
    scope.now,
    scope.timeZone,
    settings.riskMarginDays,
  );
  const byKey = new Map(risks.map((r) => [r.key, r]));
  return {
    plan,
    phase: handover.planPhase(plan, scope.now, scope.timeZone, settings.opensMonthsBefore),
    items: items.map((i) => {
      const r = byKey.get(i.key);
      return {
        ...i,
        state: r?.state ?? 'on_track',
        atRisk: r?.atRisk ?? false,
        escalateTo: r?.escalateTo ?? [],
      };
    }),
    targets: handover.handoverTargets(
      {
        households: plan.households,
        accepted: plan.acceptedHouseholds,
        issues: plan.handoverIssues,
        surveyResponses: 0,
        satisfied: 0,
        groupIncidents: plan.groupIncidents,
      },
      settings.targets,
    ),
  };
}

/** A plan for a project batch: its checklist copied from the tenant's default template (the seed's list). */
export async function createHandoverPlan(
  scope: TenantScope,
  reach: Reach,
  input: handover.HandoverPlanInput,
) {
  const settings = await handoverSettings(scope);
  let body: handover.HandoverPlan;
  try {
    body = handover.handoverPlanInputSchema(settings.minProjectSharePercent).parse(input);
  } catch (error) {
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('validation_failed', issues[0]?.message ?? 'Invalid plan', { issues });
    }
    throw error;
  }
  const project = await projectPlace(scope, body.projectId);
  if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError('not_found', `Project ${body.projectId} not found`);
  }
  for (const [i, r] of body.responsibilities.entries()) {
    if (!(await findDepartment(scope, r.departmentId))) {
      throw fieldError(`responsibilities.${i}.departmentId`, `Department ${r.departmentId} not found`);
    }
  }
  const template = (await defaultTemplate(scope))?.items ?? handover.defaultHandoverChecklist;
  const plan = await insertPlan(
    scope,
    {
      branchId: project.branchId,
      projectId: project.id,
      batch: body.batch,
      handoverOn: body.handoverOn,
      opensOn: handover.planOpensOn(body.handoverOn, settings.opensMonthsBefore),
      households: body.households,
      buildingIds: body.buildingIds,
      responsibilities: body.responsibilities,
      templateId: null,
      acceptedHouseholds: 0,
      handoverIssues: 0,
      groupIncidents: 0,
    },
    handover.checklistFromTemplate(template).map((item, position) => ({
      key: item.key,
      group: item.group,
      labelZh: item.label.zh,
      labelEn: item.label.en,
      position,
      plannedOn: null,
      actualOn: null,
      ownerId: null,
      notes: '',
    })),
  );
  return viewOf(scope, plan);
}

export async function getHandoverPlan(scope: TenantScope, reach: Reach, id: string): Promise<PlanView> {
  return viewOf(scope, await getPlanRow(scope, reach, id));
}

export function listHandoverPlans(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string },
  page: PageRequest,
) {
  return listPlanRows(scope, reach, query, page);
}

/** Planned and actual dates, owner and notes of one checklist item. */
export async function updateChecklistItem(
  scope: TenantScope,
  reach: Reach,
  input: {
    planId: string;
    key: string;
    patch: { plannedOn?: string | null; actualOn?: string | null; ownerId?: string | null; notes?: string };
    expectedVersion: number | undefined;
  },
): Promise<PlanView> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const item = (await planItems(scope, plan.id)).find((i) => i.key === input.key);
  if (!item) throw new AppError('not_found', `Checklist item ${input.key} not found`);
  if (input.patch.actualOn && input.patch.actualOn > sla.localDateOf(scope.now.getTime(), scope.timeZone)) {
    throw fieldError('actualOn', 'An actual date is not in the future');
  }
  if (input.patch.ownerId) await activeStaff(scope, input.patch.ownerId, 'ownerId');
  await updateItemRow(scope, item, input.patch, input.expectedVersion);
  return viewOf(scope, plan);
}

/** Handover-day counts (units accepted, issues raised, group incidents), shown against the targets. */
export async function recordHandoverDay(
  scope: TenantScope,
  reach: Reach,
  input: {
    id: string;
    acceptedHouseholds?: number;
    handoverIssues?: number;
    groupIncidents?: number;
    expectedVersion: number | undefined;
  },
): Promise<PlanView> {
  const plan = await getPlanRow(scope, reach, input.id);
  const { id: _id, expectedVersion, ...counts } = input;
  if ((counts.acceptedHouseholds ?? plan.acceptedHouseholds) > plan.households) {
    throw fieldError('acceptedHouseholds', `The batch has ${plan.households} households`);
  }
  return viewOf(scope, await updatePlanRow(scope, plan, counts, expectedVersion));
}

/**
 * The readiness pass of the cron: in every open plan, an item overdue, planned too close to the
 * date or unplanned is flagged once per state it enters (`handover.item_at_risk`), to the
 * project manager (the project GM), and for overdue or too-close items also the branch GM.
 */
export async function raiseHandoverRiskAlerts(scope: TenantScope): Promise<number> {
  const settings = await handoverSettings(scope);
  const today = sla.localDateOf(scope.now.getTime(), scope.timeZone);
  const { plans, recorded } = await plansOnTheClock(scope, today);
  let raised = 0;
  for (const plan of plans) {
    const items = await planItems(scope, plan.id);
    const risks = handover.checklistRisks(
      { id: plan.id, handoverOn: plan.handoverOn, opensOn: plan.opensOn, items },
      scope.now,
      scope.timeZone,
      settings.riskMarginDays,
    );
    for (const risk of risks) {
      if (!risk.alertKey || recorded.has(risk.alertKey)) continue;
      const item = items.find((i) => i.key === risk.key) as ChecklistItemRow;
      const ids = new Set<string>();
      for (const h of await holdersOf(scope, ['project_manager'], { scopeIds: [plan.projectId] }))
        ids.add(h.userId);
      if (risk.escalateTo.includes('leadership')) {
        for (const h of await holdersOf(scope, ['branch_gm'], { scopeIds: [plan.branchId] }))
          ids.add(h.userId);
      }
      const event = outboxEvent(
        scope,
        'handover.item_at_risk',
        {
          planId: plan.id,
          branchId: plan.branchId,
          projectId: plan.projectId,
          batch: plan.batch,
          handoverOn: plan.handoverOn,
          itemKey: item.key,
          itemLabel: item.labelZh,
          state: risk.state,
          escalateTo: risk.escalateTo,
          notifyStaffIds: [...ids].sort(),
        },
        { branchId: plan.branchId, projectId: plan.projectId },
      );
      if (
        await recordHandoverAlert(
          scope,
          { key: risk.alertKey, planId: plan.id, itemKey: item.key, state: risk.state },
          [event],
        )
      )
        raised++;
    }
  }
  return raised;
}
