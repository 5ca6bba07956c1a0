import { AppError, fieldError, newId, type Reach, reachOf, satisfaction } from '@guanjia/core';
import type { ImprovementPlanRow, PlanRecheckRow } from '../../data/improvement-plans';
import * as plans from '../../data/improvement-plans';
import { activeStaff } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import { roleHolders } from '../../data/role-holders';
import type { TenantScope } from '../../data/scope';
import * as campaigns from '../../data/survey-campaigns';
import type { CampaignSnapshot } from './lifecycle';
import { satisfactionSettings, tenantCalendar } from './settings';

export type { ImprovementPlanRow, PlanRecheckRow } from '../../data/improvement-plans';

/*
 * Improvement plans (提高计划): after a campaign closes, each of the bottom three (projects, or a
 * project's department) files a plan whose measures each name the indicator they address; the
 * CS centre approves it or returns it with a reason; it is presented to the GM (recorded); from
 * then the CS centre re-checks it every quarter (复核) on the tenant calendar.
 */

/** Who acts on plans: the ranked project files and submits; the CS centre reviews and re-checks. */
export interface PlanReach {
  read: Reach;
  plan: Reach;
  manage: Reach;
}

/** The caller's plan reaches; none of them at all is a 403. */
export function planReach(scope: TenantScope): PlanReach {
  const reach = {
    read: reachOf(scope.grants, 'satisfaction.read'),
    plan: reachOf(scope.grants, 'satisfaction.plan'),
    manage: reachOf(scope.grants, 'satisfaction.manage'),
  };
  if (reach.read.kind === 'none') throw new AppError('forbidden', 'Missing permission satisfaction.read');
  return reach;
}

export interface PlanView {
  plan: ImprovementPlanRow;
  rechecks: PlanRecheckRow[];
  allowedSteps: satisfaction.PlanAction['type'][];
}

/** The steps the plan's status allows that the caller may take: the project submits, the CS centre the rest. */
function stepsFor(reach: PlanReach, plan: ImprovementPlanRow): satisfaction.PlanAction['type'][] {
  const place = { branchId: plan.branchId, projectId: plan.projectId };
  return satisfaction
    .planActionsFrom(plan.status)
    .filter((step) => inReach(step === 'submit' ? reach.plan : reach.manage, place));
}

async function viewOf(scope: TenantScope, reach: PlanReach, plan: ImprovementPlanRow): Promise<PlanView> {
  return {
    plan,
    rechecks: await plans.rechecksOf(scope, [plan.id]),
    allowedSteps: stepsFor(reach, plan),
  };
}

/** The CS centre of a branch: the group's CR managers and the branch's CS managers. */
async function csCentre(scope: TenantScope, branchId: string): Promise<string[]> {
  const holders = await roleHolders(scope, {
    roles: ['cr_manager', 'branch_cs_manager'],
    places: [{ scopeType: 'group' }, { scopeType: 'branch', scopeIds: [branchId] }],
  });
  return holders.map((h) => h.userId);
}

async function branchGms(scope: TenantScope, branchId: string): Promise<string[]> {
  const holders = await roleHolders(scope, {
    roles: ['branch_gm'],
    places: [{ scopeType: 'branch', scopeIds: [branchId] }],
  });
  return holders.map((h) => h.userId);
}

function checkMeasures(measures: readonly { ownerId: string; id: string }[]) {
  const seen = new Set<string>();
  measures.forEach((m, i) => {
    if (seen.has(m.id)) throw fieldError(`measures.${i}.id`, `Duplicate measure ${m.id}`);
    seen.add(m.id);
  });
}

/**
 * A bottom-three project (or department) files its plan, as a draft. Only a subject the closed
 * campaign put in its bottom three files one; one plan per subject (409 on a second).
 */
export async function filePlan(
  scope: TenantScope,
  reach: PlanReach,
  input: satisfaction.PlanDraft,
): Promise<PlanView> {
  const campaign = await campaigns.findCampaign(scope, input.campaignId).catch(() => {
    throw fieldError('campaignId', `Survey campaign ${input.campaignId} not found`);
  });
  const { projectId } = input.subject;
  const branchId = (await campaigns.projectBranches(scope, [projectId])).get(projectId);
  if (!branchId || !inReach(reach.plan, { branchId, projectId })) {
    throw fieldError('subject.projectId', `Project ${projectId} not found`);
  }
  if (campaign.status !== 'closed' || !campaign.results) {
    throw new AppError('illegal_transition', 'Plans are filed after the campaign closes');
  }
  const snapshot = campaign.results as unknown as CampaignSnapshot;
  const department = input.subject.kind === 'department' ? input.subject.department : '';
  const ranked =
    input.subject.kind === 'project'
      ? snapshot.bottomThree.includes(projectId)
      : snapshot.bottomThreeDepartments.includes(`${projectId}:${department}`);
  if (!ranked) {
    throw new AppError(
      'illegal_transition',
      'Only the bottom three of the ranking file an improvement plan',
      {
        extra: {
          bottomThree:
            input.subject.kind === 'project' ? snapshot.bottomThree : snapshot.bottomThreeDepartments,
        },
      },
    );
  }
  await activeStaff(scope, input.ownerId, 'ownerId');
  for (const [i, m] of input.measures.entries()) await activeStaff(scope, m.ownerId, `measures.${i}.ownerId`);
  checkMeasures(input.measures);
  const row: ImprovementPlanRow = {
    id: newId('improvementPlan'),
    tenantId: scope.tenantId,
    campaignId: campaign.id,
    branchId,
    projectId,
    department,
    ownerId: input.ownerId,
    measures: input.measures,
    status: 'draft',
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    returnReason: null,
    presentedTo: null,
    presentedOn: null,
    closedAt: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await plans.insertPlan(scope, row);
  return viewOf(scope, reach, row);
}

export async function getPlan(scope: TenantScope, reach: PlanReach, id: string): Promise<PlanView> {
  return viewOf(scope, reach, await plans.getPlan(scope, reach.read, id));
}

export async function listPlans(
  scope: TenantScope,
  reach: PlanReach,
  query: plans.PlanQuery,
  page: PageRequest,
) {
  const rows = await plans.listPlans(scope, reach.read, query, page);
  const rechecks = await plans.rechecksOf(
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((plan) => ({
    plan,
    rechecks: rechecks.filter((r) => r.planId === plan.id),
    allowedSteps: stepsFor(reach, plan),
  }));
}

/** The project revises a draft or a returned plan (its measures and owner). */
export async function revisePlan(
  scope: TenantScope,
  reach: PlanReach,
  input: {
    id: string;
    ownerId: string;
    measures: satisfaction.PlanDraft['measures'];
    expectedVersion: number | undefined;
  },
): Promise<PlanView> {
  const before = await plans.getPlan(scope, reach.read, input.id);
  if (!inReach(reach.plan, { branchId: before.branchId, projectId: before.projectId })) {
    throw new AppError('forbidden', 'Only the ranked project revises its plan (satisfaction.plan)');
  }
  if (before.status !== 'draft' && before.status !== 'returned') {
    throw new AppError('illegal_transition', `A ${before.status} plan is not revised`);
  }
  await activeStaff(scope, input.ownerId, 'ownerId');
  for (const [i, m] of input.measures.entries()) await activeStaff(scope, m.ownerId, `measures.${i}.ownerId`);
  checkMeasures(input.measures);
  const after = await plans.updatePlan(
    scope,
    before,
    { ownerId: input.ownerId, measures: input.measures },
    'satisfaction.plans.revise',
    input.expectedVersion,
  );
  return viewOf(scope, reach, after);
}

/**
 * A step of a plan through core's moves: the project submits; the CS centre approves or returns
 * with a reason, records the presentation to the GM (which schedules the quarterly re-checks)
 * and closes it. Each step is one batch with its `improvement_plan.changed` event.
 */
export async function planStep(
  scope: TenantScope,
  reach: PlanReach,
  input: { id: string; action: satisfaction.PlanAction; expectedVersion: number | undefined },
): Promise<PlanView> {
  const before = await plans.getPlan(scope, reach.read, input.id);
  const place = { branchId: before.branchId, projectId: before.projectId };
  const { action } = input;
  if (action.type === 'submit' ? !inReach(reach.plan, place) : !inReach(reach.manage, place)) {
    throw new AppError(
      'forbidden',
      action.type === 'submit'
        ? 'Only the ranked project submits its plan (satisfaction.plan)'
        : 'Only the CS centre reviews plans (satisfaction.manage)',
    );
  }
  const next = satisfaction.nextPlanStatus(before.status, action);
  if (!next.ok) {
    throw new AppError('illegal_transition', `A ${before.status} plan cannot take the ${action.type} step`, {
      extra: { allowedFrom: next.allowedFrom },
    });
  }
  const changes: Partial<ImprovementPlanRow> = { status: next.status };
  const extra: unknown[] = [];
  let notify: string[] = [before.ownerId];
  if (action.type === 'submit') {
    Object.assign(changes, { submittedAt: scope.now, returnReason: null });
    notify = await csCentre(scope, before.branchId);
  }
  if (action.type === 'approve' || action.type === 'return') {
    Object.assign(changes, {
      reviewedBy: scope.actor.id,
      reviewedAt: scope.now,
      returnReason: action.type === 'return' ? action.reason : null,
    });
  }
  if (action.type === 'present') {
    await activeStaff(scope, action.presentedTo, 'presentedTo');
    Object.assign(changes, { presentedTo: action.presentedTo, presentedOn: action.presentedOn });
    const schedule = satisfaction.recheckSchedule(
      action.presentedOn,
      await tenantCalendar(scope),
      (await satisfactionSettings(scope)).recheck,
    );
    for (const due of schedule) {
      extra.push(
        plans.recheckInsert(scope, {
          id: newId('planRecheck'),
          tenantId: scope.tenantId,
          planId: before.id,
          year: due.year,
          quarter: due.quarter,
          dueOn: due.dueDate,
          checkedBy: null,
          checkedAt: null,
          progress: null,
          warnedAt: null,
          breachedAt: null,
          escalatedAt: null,
          createdAt: scope.now,
          updatedAt: scope.now,
        }),
      );
    }
    notify = [before.ownerId, ...(await branchGms(scope, before.branchId))];
  }
  if (action.type === 'close') Object.assign(changes, { closedAt: scope.now });
  const after = await plans.updatePlan(
    scope,
    before,
    changes,
    `satisfaction.plans.${action.type}`,
    input.expectedVersion,
    extra,
    (row) => [
      outboxEvent(
        scope,
        'improvement_plan.changed',
        {
          planId: row.id,
          campaignId: row.campaignId,
          branchId: row.branchId,
          projectId: row.projectId,
          department: row.department,
          status: row.status,
          step: action.type,
          reason: action.type === 'return' ? action.reason : null,
          notifyStaffIds: [...new Set(notify)],
          actor: { type: scope.actor.type, id: scope.actor.id },
        },
        { branchId: row.branchId, projectId: row.projectId },
      ),
    ],
  );
  return viewOf(scope, reach, after);
}

/** The CS centre records a quarter's re-check: progress per measure of the plan. */
export async function recordRecheck(
  scope: TenantScope,
  reach: PlanReach,
  input: {
    planId: string;
    recheckId: string;
    progress: { measureId: string; status: string; note?: string }[];
  },
): Promise<PlanView> {
  const plan = await plans.getPlan(scope, reach.read, input.planId);
  if (!inReach(reach.manage, { branchId: plan.branchId, projectId: plan.projectId })) {
    throw new AppError('forbidden', 'Only the CS centre re-checks plans (satisfaction.manage)');
  }
  const recheck = (await plans.rechecksOf(scope, [plan.id])).find((r) => r.id === input.recheckId);
  if (!recheck) throw new AppError('not_found', `Re-check ${input.recheckId} not found`);
  const measureIds = new Set((plan.measures as { id: string }[]).map((m) => m.id));
  input.progress.forEach((p, i) => {
    if (!measureIds.has(p.measureId))
      throw fieldError(`progress.${i}.measureId`, `No measure ${p.measureId} in the plan`);
  });
  if (plan.status !== 'presented')
    throw new AppError('illegal_transition', 'Only a presented plan is re-checked');
  await plans.recordRecheck(scope, recheck, input.progress);
  return viewOf(scope, reach, plan);
}

const noticeColumn = { warning: 'warnedAt', overdue: 'breachedAt', escalated: 'escalatedAt' } as const;
const noticeEvent = {
  warning: 'plan_recheck.due_soon',
  overdue: 'plan_recheck.overdue',
  escalated: 'plan_recheck.escalated',
} as const;

/**
 * The cron's step: each re-check not done is warned before its due date, marked overdue after
 * it, and escalated to the branch GM after the escalation days, once each (the notice columns).
 * A re-check that skipped a state (the cron was down) still gets each notice once, in order.
 */
export async function raiseRecheckDeadlines(scope: TenantScope): Promise<number> {
  const settings = (await satisfactionSettings(scope)).recheck;
  const calendar = await tenantCalendar(scope);
  // Due within the next warning window (a generous calendar bound; the deadline decides).
  const until = new Date(scope.now.getTime() + (settings.warnWorkingDays * 3 + 14) * 86_400_000);
  const horizon = until.toISOString().slice(0, 10);
  let raised = 0;
  for (const { recheck, plan } of await plans.openRechecks(scope, horizon)) {
    const deadline = satisfaction.workingDayDeadline(recheck.dueOn, calendar, {
      warnDays: settings.warnWorkingDays,
      escalateDays: settings.escalateWorkingDays,
    });
    const state = satisfaction.deadlineState(deadline, scope.now, recheck.checkedAt);
    const reached = (['warning', 'overdue', 'escalated'] as const).filter(
      (s) =>
        ['warning', 'overdue', 'escalated'].indexOf(s) <= ['warning', 'overdue', 'escalated'].indexOf(state),
    );
    if (state === 'pending' || state === 'done') continue;
    for (const s of reached) {
      if (recheck[noticeColumn[s]]) continue;
      const notify = [
        ...(await csCentre(scope, plan.branchId)),
        ...(s === 'escalated' ? await branchGms(scope, plan.branchId) : []),
      ];
      const event = outboxEvent(
        scope,
        noticeEvent[s],
        {
          planId: plan.id,
          recheckId: recheck.id,
          branchId: plan.branchId,
          projectId: plan.projectId,
          year: recheck.year,
          quarter: recheck.quarter,
          dueOn: recheck.dueOn,
          state: s,
          notifyStaffIds: [...new Set(notify)],
        },
        { branchId: plan.branchId, projectId: plan.projectId },
      );
      if (await plans.markRecheckNotice(scope, recheck, noticeColumn[s], event)) raised += 1;
    }
  }
  return raised;
}
