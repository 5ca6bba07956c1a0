import { AppError, fieldError } from '@guanjia/core';
import type { CorrectiveRow } from '../../data/corrective-actions';
import * as corrective from '../../data/corrective-actions';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { type AuditReach, canManageAudit } from './reach';

/** Corrective actions (整改): the owner reports the fix, a supervisor who is not the owner verifies it. */

export function listCorrectiveActions(
  scope: TenantScope,
  reach: AuditReach,
  query: { projectId?: string; auditId?: string; status?: string; overdue?: boolean },
  page: PageRequest,
): Promise<CorrectiveRow[]> {
  return corrective.listCorrective(scope, reach, query, page);
}

export function getCorrectiveAction(
  scope: TenantScope,
  reach: AuditReach,
  id: string,
): Promise<CorrectiveRow> {
  return corrective.getCorrective(scope, reach, id);
}

/** The owner (or a manager of the project) reports an open action done. */
export async function completeCorrectiveAction(
  scope: TenantScope,
  reach: AuditReach,
  input: { id: string; resolution: string; expectedVersion: number | undefined },
): Promise<CorrectiveRow> {
  const before = await corrective.getCorrective(scope, reach, input.id);
  if (before.ownerId !== scope.actor.id && !canManageAudit(reach, before)) {
    throw new AppError('forbidden', 'Only the owner or a manager reports the fix');
  }
  if (before.status !== 'open') throw new AppError('illegal_transition', `The action is ${before.status}`);
  return corrective.updateCorrective(
    scope,
    before,
    { status: 'done', resolution: input.resolution, doneAt: scope.now },
    'corrective_actions.complete',
    input.expectedVersion,
  );
}

/**
 * A supervisor (`audits.manage`, not the owner) accepts a done action, closing it, or sends it
 * back with the reason (`comment`, required then), which the owner reads on the reopened action.
 */
export async function verifyCorrectiveAction(
  scope: TenantScope,
  reach: AuditReach,
  input: { id: string; accepted: boolean; comment?: string | undefined; expectedVersion: number | undefined },
): Promise<CorrectiveRow> {
  const reason = input.comment?.trim();
  if (!input.accepted && !reason) throw fieldError('comment', 'Say why the fix is sent back');
  const before = await corrective.getCorrective(scope, reach, input.id);
  if (!canManageAudit(reach, before)) {
    throw new AppError('forbidden', 'Verification needs a supervisor (audits.manage)');
  }
  if (before.ownerId === scope.actor.id) {
    throw new AppError('forbidden', 'The owner of an action cannot verify it');
  }
  if (before.status !== 'done') {
    throw new AppError('illegal_transition', `Only a done action can be verified (is ${before.status})`);
  }
  return corrective.updateCorrective(
    scope,
    before,
    input.accepted
      ? { status: 'verified', verifiedBy: scope.actor.id, verifiedAt: scope.now, returnReason: null }
      : { status: 'open', doneAt: null, returnReason: reason ?? null },
    input.accepted ? 'corrective_actions.verify' : 'corrective_actions.reopen',
    input.expectedVersion,
  );
}
