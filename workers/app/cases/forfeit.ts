import { AppError, cases as core } from '@guanjia/core';
import { caseById } from '../../data/case-channels';
import type { CaseRow } from '../../data/case-support';
import type { TenantScope } from '../../data/scope';
import { applyCaseAction } from './actions';

export type ForfeitResult =
  | { forfeited: true; contractorId: string; case: CaseRow }
  | { forfeited: false; reason: string };

/**
 * The contractor missed its contact deadline (the SLA policy's `contractor_contact` milestone,
 * the one definition of it): the job is taken from it (one chance per repair) and recorded
 * against it. Called by the SLA clock; acts as the system whatever the scope's actor. Idempotent:
 * when the case is no longer a dispatched contractor job (already forfeited, contacted,
 * reassigned...) or the deadline has not passed at the scope's `now`, nothing changes.
 */
export async function forfeitContractorJob(scope: TenantScope, caseId: string): Promise<ForfeitResult> {
  const system: TenantScope = {
    ...scope,
    actor: { type: 'system', id: null },
    grants: [],
    contractorId: null,
  };
  const row = await caseById(system, caseId);
  if (!row) return { forfeited: false, reason: 'unknown case' };
  if (row.kind !== 'repair' || row.status !== 'dispatched' || !row.contractorId) {
    return { forfeited: false, reason: `not a dispatched contractor job (${row.status})` };
  }
  const contractorId = row.contractorId;
  try {
    const { row: next } = await applyCaseAction(
      system,
      caseId,
      { type: 'forfeit', note: '未在时限内联系业主，丧失本次维修权' },
      { visibility: undefined, actor: core.systemActor },
    );
    return { forfeited: true, contractorId, case: next };
  } catch (error) {
    if (error instanceof AppError && ['illegal_transition', 'precondition_failed'].includes(error.code)) {
      return { forfeited: false, reason: error.detail ?? error.code };
    }
    throw error;
  }
}
