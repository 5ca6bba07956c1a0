import { AppError, star } from '@guanjia/core';
import type { StarDecisionRow, StarNominationRow } from '../../data/star-nominations';

/**
 * The approval chain: reading stored chains into core's `star.ApprovalChain` and
 * deciding a step with core's `canDecide` and `applyNominationEvent`. No rule of its own.
 */

/** The shape the edge stored before core's chain (migration 0010): `{ step, roles[] }`. */
interface LegacyStep {
  step: string;
  roles: string[];
}

const isLegacyStep = (s: unknown): s is LegacyStep =>
  !!s &&
  typeof (s as LegacyStep).step === 'string' &&
  Array.isArray((s as LegacyStep).roles) &&
  (s as LegacyStep).roles.length > 0;

/**
 * A stored chain (tenant setting or a nomination's snapshot) as core's chain. The legacy shape
 * is read too: the first step screens and the rest decide (as the old edge walked them), and a
 * step that listed several roles keeps its first. Null when neither shape parses.
 */
export function readChain(stored: unknown): star.ApprovalChain | null {
  const current = star.ApprovalChainSchema.safeParse(stored);
  if (current.success) return current.data;
  if (!Array.isArray(stored) || !stored.every(isLegacyStep)) return null;
  const legacy = star.ApprovalChainSchema.safeParse(
    stored.map((s, i) => ({ key: s.step, role: s.roles[0], stage: i === 0 ? 'screening' : 'deciding' })),
  );
  return legacy.success ? legacy.data : null;
}

/** `settings.star.approvalChain` of the tenant, else core's default chain. */
export function tenantChain(settings: Record<string, unknown>): star.ApprovalChain {
  const section = settings.star as { approvalChain?: unknown } | undefined;
  return readChain(section?.approvalChain) ?? star.defaultApprovalChain;
}

/** The chain a nomination is reviewed under: its snapshot, else the default chain. */
export const chainOf = (n: StarNominationRow): star.ApprovalChain =>
  readChain(n.chain) ?? star.defaultApprovalChain;

/** Decision rows as core's decision history, oldest first. */
export function historyOf(rows: StarDecisionRow[]): star.StepDecision[] {
  return [...rows]
    .sort((a, b) => a.round - b.round || a.stepIndex - b.stepIndex)
    .map((d) => ({
      stepKey: d.step,
      decision: d.decision,
      comment: d.comment ?? '',
      deciderId: d.decidedBy,
      decidedAt: d.decidedAt.getTime(),
    }));
}

const reviewing: readonly string[] = ['submitted', 'screening', 'deciding'];

/** The step waiting for a reviewer, or null when none is (draft, returned, decided). */
export function pendingStepName(n: StarNominationRow): string | null {
  if (!reviewing.includes(n.status)) return null;
  return chainOf(n)[n.currentStep]?.key ?? null;
}

/** Where core's `nextStep` says the review stands, as the stored `currentStep` index. */
export function stepIndexAfter(chain: star.ApprovalChain, decisions: star.StepDecision[]): number {
  const next = star.nextStep(chain, decisions);
  return next.kind === 'pending' ? next.index : chain.length;
}

const refusal: Record<star.RefusalReason, 'not_found' | 'illegal_transition' | 'forbidden'> = {
  other_branch: 'not_found',
  not_in_review: 'illegal_transition',
  self_nominee: 'forbidden',
  self_nominator: 'forbidden',
  missing_role: 'forbidden',
  already_decided: 'forbidden',
};

export interface DecideInput {
  actorId: string;
  /** Roles the actor holds over the nomination's branch (branch or group grants). */
  roles: Set<string>;
  decision: star.StepDecisionKind;
  comment: string;
  now: Date;
}

/**
 * One review decision through core: `canDecide` (another branch → 404, not in review → 409,
 * self-review, a missing role or a second decision in the round → 403 naming the pending step),
 * then `applyNominationEvent`. Answers the row changes and the decision row's place.
 */
export function decide(n: StarNominationRow, rows: StarDecisionRow[], input: DecideInput) {
  const chain = chainOf(n);
  const decisions = historyOf(rows);
  const actor: star.ReviewActor = {
    id: input.actorId,
    roles: [...input.roles] as star.ReviewActor['roles'],
    branchId: input.roles.size > 0 ? n.branchId : null,
  };
  const ref: star.NominationRef = {
    nomineeId: n.nomineeId,
    nominatedBy: n.nominatedBy ?? '',
    submittedBy: n.submittedBy,
    branchId: n.branchId,
    status: n.status,
  };
  const allowed = star.canDecide(chain, decisions, actor, ref);
  if (!allowed.ok) {
    const pending = star.nextStep(chain, decisions);
    const step = pending.kind === 'pending' ? pending.step : null;
    throw new AppError(refusal[allowed.reason], allowed.message, {
      extra: { reason: allowed.reason, ...(step ? { step: step.key, role: step.role } : {}) },
    });
  }
  const decision: star.StepDecision = {
    stepKey: allowed.step.key,
    decision: input.decision,
    comment: input.comment,
    deciderId: input.actorId,
    decidedAt: input.now.getTime(),
  };
  const moved = star.applyNominationEvent(
    chain,
    { status: n.status, decisions },
    { type: 'decide', decision },
  );
  if (!moved.ok) throw new AppError('illegal_transition', moved.message);
  return {
    step: {
      round: decisions.filter((d) => d.decision === 'return').length,
      index: chain.findIndex((s) => s.key === allowed.step.key),
      name: allowed.step.key,
    },
    changes: {
      status: moved.state.status,
      currentStep: stepIndexAfter(chain, moved.state.decisions),
    } satisfies Partial<StarNominationRow>,
  };
}

/** Submitting (a draft, or a returned form again) through core's life cycle; 409 otherwise. */
export function submittedStatus(n: StarNominationRow): star.NominationStatus {
  const moved = star.applyNominationEvent(
    chainOf(n),
    { status: n.status, decisions: [] },
    { type: 'submit' },
  );
  if (!moved.ok) throw new AppError('illegal_transition', moved.message);
  return moved.state.status;
}

/** Announcing a winner through core's life cycle: only an approved nomination; the reason otherwise. */
export function announcedStatus(n: StarNominationRow): { ok: true } | { ok: false; message: string } {
  const moved = star.applyNominationEvent(
    chainOf(n),
    { status: n.status, decisions: [] },
    { type: 'announce' },
  );
  return moved.ok ? { ok: true } : { ok: false, message: moved.message };
}
