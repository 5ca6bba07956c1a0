import {
  type ApprovalChain,
  type NominationStatus,
  nextStep,
  type StepDecision,
  StepDecisionSchema,
} from './approval';

/**
 * The nomination life cycle (推荐表流转):
 *
 *   draft ──submit──▶ submitted ──receive──▶ screening ──decide…──▶ deciding ──▶ approved ──announce──▶ announced
 *     ▲                  │                                 │                 └─▶ rejected
 *     └──withdraw────────┘        returned ◀── return (any step) ─┘   (resubmit: returned ──submit──▶ submitted)
 *
 * `submitted` means delivered to branch HR and not yet touched, so the nominator may still
 * withdraw it; `receive` (HR signs for the batch, 签收) or any first decision starts review.
 * While a screening step is pending the status is `screening`, while a deciding step is
 * pending it is `deciding`.
 */
export interface NominationState {
  status: NominationStatus;
  /** Full decision history, oldest first, across review rounds. */
  decisions: StepDecision[];
}

export type NominationEvent =
  | { type: 'submit' }
  | { type: 'withdraw' }
  | { type: 'receive' }
  | { type: 'decide'; decision: StepDecision }
  | { type: 'announce' };

export type LifecycleResult =
  | { ok: true; state: NominationState }
  | { ok: false; reason: 'illegal_transition' | 'wrong_step' | 'invalid_decision'; message: string };

const fail = (
  reason: 'illegal_transition' | 'wrong_step' | 'invalid_decision',
  message: string,
): LifecycleResult => ({
  ok: false,
  reason,
  message,
});

/**
 * Applies one event. Who may do it is the caller's check (`canDecide`, the `star.*`
 * permissions, and `decideSubmission` for the deadline); this guards only the order.
 */
export function applyNominationEvent(
  chain: ApprovalChain,
  state: NominationState,
  event: NominationEvent,
): LifecycleResult {
  const { status } = state;
  const to = (next: NominationStatus, decisions = state.decisions): LifecycleResult => ({
    ok: true,
    state: { status: next, decisions },
  });
  switch (event.type) {
    case 'submit':
      return status === 'draft' || status === 'returned'
        ? to('submitted')
        : fail('illegal_transition', `cannot submit a ${status} nomination`);
    case 'withdraw':
      return status === 'submitted'
        ? to('draft')
        : fail('illegal_transition', `cannot withdraw a ${status} nomination`);
    case 'receive':
      return status === 'submitted'
        ? to('screening')
        : fail('illegal_transition', `cannot receive a ${status} nomination`);
    case 'announce':
      return status === 'approved'
        ? to('announced')
        : fail('illegal_transition', `only an approved nomination is announced, not a ${status} one`);
    case 'decide':
      return decide(chain, state, event.decision);
  }
}

function decide(chain: ApprovalChain, state: NominationState, decision: StepDecision): LifecycleResult {
  if (!['submitted', 'screening', 'deciding'].includes(state.status)) {
    return fail('illegal_transition', `a ${state.status} nomination is not under review`);
  }
  const parsed = StepDecisionSchema.safeParse(decision);
  if (!parsed.success) return fail('invalid_decision', parsed.error.issues.map((i) => i.message).join('; '));
  const pending = nextStep(chain, state.decisions);
  if (pending.kind !== 'pending') return fail('illegal_transition', 'the review is already finished');
  if (pending.step.key !== decision.stepKey) {
    return fail('wrong_step', `step ${pending.step.key} is pending, not ${decision.stepKey}`);
  }
  const decisions = [...state.decisions, parsed.data];
  if (decision.decision === 'return') return { ok: true, state: { status: 'returned', decisions } };
  const after = nextStep(chain, decisions);
  const status: NominationStatus = after.kind === 'pending' ? after.step.stage : after.kind;
  return { ok: true, state: { status, decisions } };
}
