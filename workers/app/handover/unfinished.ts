import { AppError, fieldError, handover, type Reach, sla } from '@guanjia/core';
import { findDepartment } from '../../data/defects';
import {
  getPlanRow,
  getUnfinishedWorkRow,
  insertUnfinishedWork,
  planUnfinishedWorks,
  type UnfinishedWorkRow,
  updateUnfinishedWorkRow,
} from '../../data/handover';
import type { TenantScope } from '../../data/scope';

/** 未完成工程: works left after handover, registered, reported and tracked to completion. */

export type UnfinishedView = UnfinishedWorkRow & { state: handover.UnfinishedWorkState };

const today = (scope: TenantScope) => sla.localDateOf(scope.now.getTime(), scope.timeZone);
const viewOf = (scope: TenantScope, w: UnfinishedWorkRow): UnfinishedView => ({
  ...w,
  state: handover.unfinishedWorkState(w, today(scope)),
});

export async function registerUnfinishedWork(
  scope: TenantScope,
  reach: Reach,
  input: {
    planId: string;
    description: string;
    location: string;
    responsibleDepartmentId: string | null;
    dueOn: string;
  },
): Promise<UnfinishedView> {
  const plan = await getPlanRow(scope, reach, input.planId);
  if (input.responsibleDepartmentId && !(await findDepartment(scope, input.responsibleDepartmentId))) {
    throw fieldError('responsibleDepartmentId', `Department ${input.responsibleDepartmentId} not found`);
  }
  const row = await insertUnfinishedWork(scope, {
    planId: plan.id,
    projectId: plan.projectId,
    description: input.description,
    location: input.location,
    responsibleDepartmentId: input.responsibleDepartmentId,
    dueOn: input.dueOn,
    completedOn: null,
    reportedAt: scope.now,
  });
  return viewOf(scope, row);
}

export async function listUnfinishedWorks(scope: TenantScope, reach: Reach, planId: string) {
  const plan = await getPlanRow(scope, reach, planId);
  const rows = await planUnfinishedWorks(scope, plan.id);
  return {
    works: rows.map((w) => viewOf(scope, w)),
    summary: handover.unfinishedWorkSummary(rows, scope.now, scope.timeZone),
  };
}

export async function completeUnfinishedWork(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; completedOn?: string; expectedVersion: number | undefined },
): Promise<UnfinishedView> {
  const before = await getUnfinishedWorkRow(scope, input.id);
  if (!before) throw new AppError('not_found', `Unfinished work ${input.id} not found`);
  await getPlanRow(scope, reach, before.planId).catch(() => {
    throw new AppError('not_found', `Unfinished work ${input.id} not found`);
  });
  if (before.completedOn) throw new AppError('illegal_transition', 'The work is already completed');
  const on = input.completedOn ?? today(scope);
  if (on > today(scope)) throw fieldError('completedOn', 'A completion is not in the future');
  return viewOf(
    scope,
    await updateUnfinishedWorkRow(scope, before, { completedOn: on }, input.expectedVersion),
  );
}
