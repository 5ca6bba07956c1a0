import { AppError, newId, type Reach } from '@guanjia/core';
import { branchStaffIds } from '../../data/org-lookups';
import type { TenantScope } from '../../data/scope';
import { announceCycle, getCycle, type StarWinnerRow } from '../../data/star-cycles';
import { cycleNominations } from '../../data/star-nominations';
import { announcedStatus } from './chain';
import { type CycleView, cycleView } from './cycles';
import { announcementEvents } from './events';

export interface AnnounceInput {
  cycleId: string;
  expectedVersion: number | undefined;
  winners: { nominationId: string; rewardFen?: number | null; rewardDescription?: string | null }[];
}

/**
 * Announces a cycle's winners (approved nominations of the cycle, each with its reward) in one
 * batch: the cycle closes, the winners are recorded, their nominations become announced, and
 * `star.winners_announced` tells every active staff member of the branch.
 */
export async function announceStarWinners(
  scope: TenantScope,
  reach: Reach,
  input: AnnounceInput,
): Promise<CycleView> {
  const cycle = await getCycle(scope, reach, input.cycleId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== cycle.version) {
    throw new AppError('precondition_failed');
  }
  if (cycle.status !== 'open') throw new AppError('illegal_transition', 'The cycle is already announced');
  const ids = input.winners.map((w) => w.nominationId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('validation_failed', 'A nomination is listed twice', {
      issues: [{ path: 'winners', message: 'Each nomination at most once' }],
    });
  }
  const byId = new Map((await cycleNominations(scope, cycle.id, ids)).map((n) => [n.id, n]));
  const issues = input.winners.flatMap((w, i) => {
    const n = byId.get(w.nominationId);
    if (!n) return [{ path: `winners.${i}.nominationId`, message: 'Not a nomination of this cycle' }];
    const announced = announcedStatus(n);
    return announced.ok ? [] : [{ path: `winners.${i}.nominationId`, message: announced.message }];
  });
  if (issues.length > 0) throw new AppError('validation_failed', 'See issues', { issues });
  const winners: StarWinnerRow[] = input.winners.map((w) => {
    const n = byId.get(w.nominationId);
    if (!n) throw new AppError('internal', 'Winner vanished');
    return {
      id: newId('starWinner'),
      tenantId: scope.tenantId,
      cycleId: cycle.id,
      nominationId: n.id,
      branchId: cycle.branchId,
      projectId: n.projectId,
      nomineeId: n.nomineeId,
      year: cycle.year,
      quarter: cycle.quarter,
      rewardFen: w.rewardFen ?? null,
      rewardDescription: w.rewardDescription ?? null,
      announcedBy: scope.actor.id,
      announcedAt: scope.now,
    };
  });
  const announced = {
    ...cycle,
    status: 'announced' as const,
    announcedBy: scope.actor.id,
    announcedAt: scope.now,
  };
  const after = await announceCycle(
    scope,
    cycle,
    winners,
    { ...announced, winners },
    announcementEvents(scope, cycle, winners, await branchStaffIds(scope, cycle.branchId)),
  );
  return cycleView(scope, after);
}
