import { z } from 'zod';
import { type Role, roles } from '../access/roles';

/**
 * The review stages of a nomination: branch HR screens (初审), then the branch functional
 * department and the general manager decide (评定). A tenant configures the steps.
 */
export const reviewStages = ['screening', 'deciding'] as const;
export type ReviewStage = (typeof reviewStages)[number];

export const ApprovalStepSchema = z.object({
  /** Stable key recorded on each decision, e.g. `general_manager`. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  /** Holders of this role in the nomination's own branch decide this step. */
  role: z.enum(roles),
  stage: z.enum(reviewStages),
  label: z.object({ zh: z.string().min(1), en: z.string().min(1) }).optional(),
});
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;

/** Ordered steps; keys unique; all screening steps come before the deciding ones. */
export const ApprovalChainSchema = z
  .array(ApprovalStepSchema)
  .min(1)
  .max(10)
  .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, 'step keys must be unique')
  .refine(
    (steps) =>
      steps.every((s, i) => i === 0 || !(s.stage === 'screening' && steps[i - 1]?.stage === 'deciding')),
    'screening steps must come before deciding steps',
  );
export type ApprovalChain = z.infer<typeof ApprovalChainSchema>;

/**
 * The chain of seed 004. The branch "functional department" has no role of its own in
 * access/roles.ts; the branch customer-service manager (分公司客服经理) is the functional
 * department that owns service quality, so it stands for it by default.
 */
export const defaultApprovalChain: ApprovalChain = [
  {
    key: 'hr_screening',
    role: 'branch_hr',
    stage: 'screening',
    label: { zh: '行政人事部初审', en: 'HR screening' },
  },
  {
    key: 'functional_department',
    role: 'branch_cs_manager',
    stage: 'deciding',
    label: { zh: '职能部门评定', en: 'Functional department' },
  },
  {
    key: 'general_manager',
    role: 'branch_gm',
    stage: 'deciding',
    label: { zh: '分公司总经理审定', en: 'General manager' },
  },
];

/** approve passes to the next step; reject ends the review; return sends it back for changes. */
export const stepDecisions = ['approve', 'reject', 'return'] as const;
export type StepDecisionKind = (typeof stepDecisions)[number];

export const StepDecisionSchema = z.object({
  stepKey: z.string().min(1),
  decision: z.enum(stepDecisions),
  comment: z.string().trim().max(2000).default(''),
  deciderId: z.string().min(1),
  /** Epoch ms (UTC). */
  decidedAt: z.number().int(),
});
export type StepDecision = z.infer<typeof StepDecisionSchema>;

export type NextStep =
  | { kind: 'pending'; step: ApprovalStep; index: number }
  | { kind: 'approved' }
  | { kind: 'rejected'; stepKey: string };

/**
 * The decisions of the current review round: those after the last `return`. A return ends a
 * round; when the nominator resubmits, review starts again from the first step.
 */
export function currentRound(decisions: readonly StepDecision[]): StepDecision[] {
  let start = 0;
  decisions.forEach((d, i) => {
    if (d.decision === 'return') start = i + 1;
  });
  return decisions.slice(start);
}

/**
 * Where the review stands: the first step of the chain not yet approved in the current
 * round, or the outcome. Decisions are the full history in order. The chain should be the
 * one snapshotted at submission, so a settings change does not move running reviews.
 */
export function nextStep(chain: ApprovalChain, decisions: readonly StepDecision[]): NextStep {
  const round = currentRound(decisions);
  const rejected = round.find((d) => d.decision === 'reject');
  if (rejected) return { kind: 'rejected', stepKey: rejected.stepKey };
  const approved = new Set(round.filter((d) => d.decision === 'approve').map((d) => d.stepKey));
  const index = chain.findIndex((s) => !approved.has(s.key));
  const step = chain[index];
  return step ? { kind: 'pending', step, index } : { kind: 'approved' };
}

export interface ReviewActor {
  id: string;
  roles: readonly Role[];
  /** The branch the actor's review roles are held in; null for group-level staff. */
  branchId: string | null;
}

export interface NominationRef {
  nomineeId: string;
  /** Who drafted the form. */
  nominatedBy: string;
  /** Who submitted it (the project manager), when not the drafter. */
  submittedBy?: string | null;
  branchId: string;
  status: NominationStatus;
}

/** Statuses; see lifecycle.ts for the moves between them. */
export const nominationStatuses = [
  'draft',
  'submitted',
  'screening',
  'deciding',
  'returned',
  'approved',
  'rejected',
  'announced',
  'withdrawn',
] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

const inReview: readonly NominationStatus[] = ['submitted', 'screening', 'deciding'];

export const refusalReasons = {
  other_branch: 'Only reviewers of the nomination’s own branch may decide',
  not_in_review: 'The nomination is not waiting for a review decision',
  self_nominee: 'Nobody reviews a nomination of themselves',
  self_nominator: 'Nobody reviews a nomination they drafted or submitted',
  missing_role: 'The pending step needs a role the reviewer does not hold',
  already_decided: 'The reviewer already decided an earlier step of this round',
} as const;
export type RefusalReason = keyof typeof refusalReasons;

export type CanDecide =
  | { ok: true; step: ApprovalStep }
  | { ok: false; reason: RefusalReason; message: string };

/**
 * Whether an actor may decide the pending step now. Checked in this order: branch isolation
 * (the edge answers 404 for another branch), review status, self-review (nominee, drafter or
 * submitter), the step's role, and one person per round (someone holding both HR and GM
 * roles cannot approve twice, keeping the chain's four-eyes sense).
 */
export function canDecide(
  chain: ApprovalChain,
  decisions: readonly StepDecision[],
  actor: ReviewActor,
  nomination: NominationRef,
): CanDecide {
  const refuse = (reason: RefusalReason): CanDecide => ({
    ok: false,
    reason,
    message: refusalReasons[reason],
  });
  if (actor.branchId === null || actor.branchId !== nomination.branchId) return refuse('other_branch');
  const next = nextStep(chain, decisions);
  if (!inReview.includes(nomination.status) || next.kind !== 'pending') return refuse('not_in_review');
  if (actor.id === nomination.nomineeId) return refuse('self_nominee');
  if (actor.id === nomination.nominatedBy || actor.id === nomination.submittedBy)
    return refuse('self_nominator');
  if (!actor.roles.includes(next.step.role)) return refuse('missing_role');
  if (currentRound(decisions).some((d) => d.deciderId === actor.id)) return refuse('already_decided');
  return { ok: true, step: next.step };
}

/**
 * Whether an actor may see a nomination: its drafter and submitter, and holders of a chain
 * role in the same branch. The nominee sees it only once announced; other branches never.
 */
export function canView(chain: ApprovalChain, actor: ReviewActor, nomination: NominationRef): boolean {
  if (actor.id === nomination.nominatedBy || actor.id === nomination.submittedBy) return true;
  if (actor.branchId !== nomination.branchId) return false;
  if (nomination.status === 'announced') return true;
  return nomination.status !== 'draft' && chain.some((s) => actor.roles.includes(s.role));
}
