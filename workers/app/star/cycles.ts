import { AppError, fieldError, type Reach, star } from '@guanjia/core';
import { findBranch, staffNames, tenantSettings } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { StarCycleRow, StarWinnerRow } from '../../data/star-cycles';
import * as cycles from '../../data/star-cycles';
import { deadlineSettings, quarterOf } from './calendar';

/** A cycle with its winners, each with the nominee's name. */
export interface CycleView {
  cycle: StarCycleRow;
  winners: (StarWinnerRow & { nomineeName: string | null })[];
  /** Each month's nomination deadline (the Wednesday of its last week, tenant time and rule). */
  deadlines: star.MonthlyDeadline[];
}

export async function cycleView(scope: TenantScope, cycle: StarCycleRow): Promise<CycleView> {
  const winners = await cycles.cycleWinners(scope, [cycle.id]);
  const names = await staffNames(
    scope,
    winners.map((w) => w.nomineeId),
  );
  const settings = deadlineSettings(await tenantSettings(scope), scope.timeZone);
  const months = star.quarterCycle(cycle.year, cycle.quarter as 1 | 2 | 3 | 4).months;
  return {
    cycle,
    winners: winners.map((w) => ({ ...w, nomineeName: names.get(w.nomineeId) ?? null })),
    deadlines: months.map((month) => star.monthlyDeadline(month, settings)),
  };
}

export function listCycles(
  scope: TenantScope,
  reach: Reach,
  query: cycles.CycleQuery,
  page: PageRequest,
): Promise<StarCycleRow[]> {
  return cycles.listCycles(scope, reach, query, page);
}

export async function getCycle(scope: TenantScope, reach: Reach, id: string): Promise<CycleView> {
  return cycleView(scope, await cycles.getCycle(scope, reach, id, 'read'));
}

/** Branch HR opens a quarter's cycle by hand (`star.review` over the branch); 409 if it is open. */
export async function openCycle(
  scope: TenantScope,
  reach: Reach,
  input: { branchId: string; year: number; quarter: number },
): Promise<StarCycleRow> {
  const branch = await findBranch(scope, input.branchId);
  if (!branch || !inReach(reach, { branchId: branch.id })) {
    throw fieldError('branchId', `Branch ${input.branchId} not found`);
  }
  const { cycle, created } = await cycles.ensureCycle(
    scope,
    branch.id,
    input.year,
    input.quarter,
    scope.actor.id,
  );
  if (!created) throw new AppError('conflict', `The ${input.year} Q${input.quarter} cycle is already open`);
  return cycle;
}

/**
 * For the scheduled handler: opens the current quarter's cycle (tenant time) of every branch of
 * the scope's tenant; already-open cycles are left alone. Answers the cycles it opened.
 */
export async function openQuarterCycles(scope: TenantScope): Promise<StarCycleRow[]> {
  const { year, quarter } = quarterOf(scope.now, scope.timeZone);
  const opened: StarCycleRow[] = [];
  for (const branchId of await cycles.branchesWithoutCycle(scope, year, quarter)) {
    const { cycle, created } = await cycles.ensureCycle(scope, branchId, year, quarter, null);
    if (created) opened.push(cycle);
  }
  return opened;
}
