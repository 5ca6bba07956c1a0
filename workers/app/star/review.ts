import { AppError, type star } from '@guanjia/core';
import { tenantSettings } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';
import { getCycle } from '../../data/star-cycles';
import type { StarReach } from '../../data/star-nominations';
import * as nominations from '../../data/star-nominations';
import { submissionTiming } from './calendar';
import * as chain from './chain';
import { decidedEvent, submittedEvent } from './events';
import { nominationEvidence } from './evidence';
import { type NominationView, nominationView } from './nominations';
import { rolesOverBranch } from './reach';

/**
 * The project manager submits a draft (or a returned form again) for review: the month's
 * deadline decides on time, late or refused; the approval chain in force and the evidence of the
 * cycle's quarter are snapshotted; `star.nomination_submitted` goes out in the same batch.
 */
export async function submitNomination(
  scope: TenantScope,
  reach: StarReach,
  input: { id: string; expectedVersion: number | undefined },
): Promise<NominationView> {
  const before = await nominations.getNomination(scope, reach, input.id);
  if (!inReach(reach.submit, { branchId: before.branchId, projectId: before.projectId })) {
    throw new AppError('forbidden', 'Only the project manager submits (star.submit)');
  }
  const status = chain.submittedStatus(before);
  const settings = await tenantSettings(scope);
  const timing = submissionTiming(scope.now, scope.timeZone, settings);
  const cycle = await getCycle(scope, { kind: 'tenant' }, before.cycleId);
  const row = await nominations.updateNomination(
    scope,
    before,
    {
      status,
      currentStep: 0,
      // A resubmission after a return keeps the chain of the first submission.
      chain: before.chain ?? chain.tenantChain(settings),
      evidence: await nominationEvidence(scope, before.nomineeId, cycle),
      submittedBy: scope.actor.id,
      submittedAt: scope.now,
      submissionMonth: timing.month,
      late: timing.late,
    },
    'star.nominations.submit',
    input.expectedVersion,
    [],
    (after) => [submittedEvent(scope, after)],
  );
  return nominationView(scope, row);
}

/**
 * A reviewer decides the pending step through core's chain (approve, reject or return), with
 * the decision row and `star.nomination_decided` in the same batch.
 */
export async function decideNomination(
  scope: TenantScope,
  reach: StarReach,
  input: {
    id: string;
    decision: star.StepDecisionKind;
    comment?: string;
    expectedVersion: number | undefined;
  },
): Promise<NominationView> {
  const before = await nominations.getNomination(scope, reach, input.id);
  if (!inReach(reach.review, { branchId: before.branchId })) {
    throw new AppError('forbidden', 'Only the branch reviewers decide (star.review)');
  }
  const { step, changes } = chain.decide(before, await nominations.nominationDecisions(scope, [before.id]), {
    actorId: scope.actor.id ?? '',
    roles: rolesOverBranch(scope, before.branchId),
    decision: input.decision,
    comment: input.comment ?? '',
    now: scope.now,
  });
  const decision = nominations.decisionInsert(scope, before, step, input.decision, input.comment ?? null);
  const row = await nominations.updateNomination(
    scope,
    before,
    changes,
    'star.nominations.decide',
    input.expectedVersion,
    [decision.statement],
    (after) => [decidedEvent(scope, after, step.name, input.decision)],
  );
  return nominationView(scope, row);
}
