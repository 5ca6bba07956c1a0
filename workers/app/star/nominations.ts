import { AppError, fieldError, type Reach } from '@guanjia/core';
import { activeStaff, projectPlace } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { ensureCycle } from '../../data/star-cycles';
import type { StarDecisionRow, StarNominationRow, StarReach } from '../../data/star-nominations';
import * as nominations from '../../data/star-nominations';
import { quarterOf } from './calendar';

/** A nomination with its review decisions, oldest first. */
export interface NominationView {
  nomination: StarNominationRow;
  decisions: StarDecisionRow[];
}

export async function nominationView(scope: TenantScope, row: StarNominationRow): Promise<NominationView> {
  return { nomination: row, decisions: await nominations.nominationDecisions(scope, [row.id]) };
}

/** A page of the nominations the caller sees, with the decisions of each. */
export async function listNominations(
  scope: TenantScope,
  reach: StarReach,
  query: nominations.NominationQuery,
  page: PageRequest,
): Promise<{ rows: StarNominationRow[]; decisions: StarDecisionRow[] }> {
  const rows = await nominations.listNominations(scope, reach, query, page);
  const shown = rows.slice(0, page.limit).map((r) => r.id);
  return { rows, decisions: await nominations.nominationDecisions(scope, shown) };
}

export async function getNomination(
  scope: TenantScope,
  reach: StarReach,
  id: string,
): Promise<NominationView> {
  return nominationView(scope, await nominations.getNomination(scope, reach, id));
}

export interface NominationInput {
  projectId: string;
  nomineeId: string;
  nomineeRole: StarNominationRow['nomineeRole'];
  reasons: StarNominationRow['reasons'];
  deeds: StarNominationRow['deeds'];
}

/**
 * Drafts a nomination in a project the caller reaches with `star.nominate`, in the current
 * quarter's cycle of its branch (opened by this first nomination when need be).
 */
export async function nominate(
  scope: TenantScope,
  reach: Reach,
  input: NominationInput,
): Promise<StarNominationRow> {
  const project = await projectPlace(scope, input.projectId);
  if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw fieldError('projectId', `Project ${input.projectId} not found`);
  }
  await activeStaff(scope, input.nomineeId, 'nomineeId');
  const { year, quarter } = quarterOf(scope.now, scope.timeZone);
  const { cycle } = await ensureCycle(scope, project.branchId, year, quarter, null);
  if (cycle.status !== 'open') {
    throw new AppError('illegal_transition', `The ${year} Q${quarter} cycle is already announced`);
  }
  return nominations.insertNomination(scope, {
    cycleId: cycle.id,
    branchId: project.branchId,
    projectId: project.id,
    nomineeId: input.nomineeId,
    nomineeRole: input.nomineeRole,
    reasons: input.reasons,
    deeds: input.deeds,
    evidence: null,
    status: 'draft',
    currentStep: 0,
    chain: null,
    nominatedBy: scope.actor.id,
    submittedBy: null,
    submittedAt: null,
    submissionMonth: null,
    late: false,
  });
}

/** Project staff edit a draft or a returned nomination. */
export async function updateNomination(
  scope: TenantScope,
  reach: StarReach,
  input: { id: string; changes: Partial<NominationInput>; expectedVersion: number | undefined },
): Promise<NominationView> {
  const before = await nominations.getNomination(scope, reach, input.id);
  const place = { branchId: before.branchId, projectId: before.projectId };
  if (!inReach(reach.nominate, place) && !inReach(reach.submit, place)) {
    throw new AppError('forbidden', 'Only project staff may edit a draft');
  }
  if (before.status !== 'draft' && before.status !== 'returned') {
    throw new AppError('illegal_transition', 'Only a draft or a returned nomination can be edited');
  }
  if (input.changes.nomineeId) await activeStaff(scope, input.changes.nomineeId, 'nomineeId');
  const row = await nominations.updateNomination(
    scope,
    before,
    input.changes,
    'star.nominations.update',
    input.expectedVersion,
  );
  return nominationView(scope, row);
}
