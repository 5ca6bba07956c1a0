import type { star } from '@guanjia/core';
import { outboxEvent } from '../../data/outbox';
import type { TenantScope } from '../../data/scope';
import type { StarCycleRow, StarWinnerRow } from '../../data/star-cycles';
import type { StarNominationRow } from '../../data/star-nominations';
import { pendingStepName } from './chain';

/** The Service Star's outbox events, built for the same batch as the change they report. */

const actorOf = (scope: TenantScope) => ({ type: scope.actor.type, id: scope.actor.id });

export function announcementEvents(
  scope: TenantScope,
  cycle: StarCycleRow,
  winners: StarWinnerRow[],
  notifyStaffIds: string[],
): unknown[] {
  return [
    outboxEvent(
      scope,
      'star.winners_announced',
      {
        cycleId: cycle.id,
        branchId: cycle.branchId,
        year: cycle.year,
        quarter: cycle.quarter,
        winners: winners.map((w) => ({
          nominationId: w.nominationId,
          nomineeId: w.nomineeId,
          projectId: w.projectId,
          rewardFen: w.rewardFen,
          rewardDescription: w.rewardDescription,
        })),
        notifyStaffIds,
        actor: actorOf(scope),
      },
      { branchId: cycle.branchId },
    ),
  ];
}

const nominationRef = (n: StarNominationRow) => ({
  nominationId: n.id,
  cycleId: n.cycleId,
  branchId: n.branchId,
  projectId: n.projectId,
  nomineeId: n.nomineeId,
  status: n.status,
});

export function submittedEvent(scope: TenantScope, n: StarNominationRow) {
  return outboxEvent(
    scope,
    'star.nomination_submitted',
    { ...nominationRef(n), late: n.late, submissionMonth: n.submissionMonth ?? '', actor: actorOf(scope) },
    { branchId: n.branchId, projectId: n.projectId },
  );
}

export function decidedEvent(
  scope: TenantScope,
  after: StarNominationRow,
  step: string,
  decision: star.StepDecisionKind,
) {
  return outboxEvent(
    scope,
    'star.nomination_decided',
    { ...nominationRef(after), step, decision, nextStep: pendingStepName(after), actor: actorOf(scope) },
    { branchId: after.branchId, projectId: after.projectId },
  );
}
