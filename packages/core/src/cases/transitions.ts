import type { ActionName } from './actions';
import type { CaseStatus } from './model';
import type { CaseKind } from './vocabulary';

/**
 * Who may take a step:
 * - `desk`: staff or an integrator whose roles allow handling cases (`cases.handle`);
 * - `assigned_contractor`: staff of the contractor the case is dispatched to right now;
 * - `case_owner`: the owner, through the owner link of this case;
 * - `system`: the SLA clock;
 * - `claim_approver`: a staff member holding one of the tenant's claim-approver roles;
 * - `case_supervisor`: a staff member holding a supervising role (`reclassifyingRoles`).
 */
export type Capability =
  | 'desk'
  | 'assigned_contractor'
  | 'case_owner'
  | 'system'
  | 'claim_approver'
  | 'case_supervisor';

/** `stay` means the step is an event on the case (a reply, a note) and the status does not move. */
export type Target = CaseStatus | 'stay';

export interface TransitionRule {
  action: ActionName;
  from: readonly CaseStatus[];
  to: readonly Target[];
  by: readonly Capability[];
}

const rule = (
  action: ActionName,
  from: readonly CaseStatus[],
  to: readonly Target[],
  by: readonly Capability[] = ['desk'],
): TransitionRule => ({ action, from, to, by });

const repairPausable = ['received', 'dispatched', 'contacted'] as const;
const complaintOpen = ['received', 'assigned', 'in_progress', 'waiting_for_owner', 'reopened'] as const;
const everyStatusBut =
  (...but: CaseStatus[]) =>
  (statuses: readonly CaseStatus[]) =>
    statuses.filter((s) => !but.includes(s));

const repairStatuses: readonly CaseStatus[] = [
  'received',
  'dispatched',
  'contacted',
  'on_site',
  'completed',
  'signed_off',
  'forfeited',
  'followed_up',
  'reopened',
  'waiting_for_owner',
  'closed',
  'cancelled',
];
const complaintStatuses: readonly CaseStatus[] = [
  'received',
  'assigned',
  'in_progress',
  'resolved',
  'followed_up',
  'reopened',
  'waiting_for_owner',
  'closed',
  'cancelled',
];
const inquiryStatuses: readonly CaseStatus[] = [
  'received',
  'answered',
  'waiting_for_owner',
  'closed',
  'cancelled',
];
const suggestionStatuses: readonly CaseStatus[] = [
  'received',
  'acknowledged',
  'adopted',
  'noted',
  'closed',
  'cancelled',
];

/** The statuses each kind can be in. */
export const statusesByKind: Record<CaseKind, readonly CaseStatus[]> = {
  repair: repairStatuses,
  complaint: complaintStatuses,
  inquiry: inquiryStatuses,
  suggestion: suggestionStatuses,
};

const notes = (statuses: readonly CaseStatus[], by: readonly Capability[] = ['desk']) =>
  rule('add_note', everyStatusBut('cancelled')(statuses), ['stay'], by);

/**
 * Reclassify from any open status but a pause (resume first: the pause belongs to the old
 * flow); a change of kind starts the new kind's flow at `received`.
 */
const reclassify = (statuses: readonly CaseStatus[]) =>
  rule(
    'reclassify',
    everyStatusBut('closed', 'cancelled', 'waiting_for_owner')(statuses),
    ['stay', 'received'],
    ['case_supervisor'],
  );

/**
 * The declared graph: per kind, each action, the statuses it may start from, where it may
 * lead and who may take it. Preconditions that depend on data (deadlines, claims, the
 * incident) are checked in `state-machine.ts`.
 */
export const caseGraph: Record<CaseKind, readonly TransitionRule[]> = {
  repair: [
    rule('dispatch', ['received', 'reopened'], ['dispatched']),
    rule('record_contact', ['dispatched'], ['contacted'], ['desk', 'assigned_contractor']),
    rule('arrive', ['contacted'], ['on_site'], ['desk', 'assigned_contractor']),
    rule('complete', ['on_site'], ['completed'], ['desk', 'assigned_contractor']),
    rule('sign_off', ['completed'], ['signed_off'], ['desk', 'case_owner']),
    rule('forfeit', ['dispatched'], ['forfeited'], ['system', 'desk']),
    rule('reassign', ['forfeited', 'dispatched', 'contacted'], ['dispatched']),
    rule(
      'follow_up',
      ['completed', 'signed_off'],
      ['followed_up', 'reopened', 'stay'],
      ['desk', 'case_owner'],
    ),
    rule('reopen', ['completed', 'signed_off', 'followed_up', 'closed'], ['reopened']),
    rule('close', ['followed_up'], ['closed']),
    rule('wait_for_owner', repairPausable, ['waiting_for_owner']),
    rule('resume', ['waiting_for_owner'], repairPausable, ['desk', 'system']),
    rule(
      'cancel',
      ['received', 'dispatched', 'contacted', 'forfeited', 'waiting_for_owner', 'reopened'],
      ['cancelled'],
    ),
    notes(repairStatuses, ['desk', 'assigned_contractor']),
    reclassify(repairStatuses),
  ],
  complaint: [
    rule('assign_department', ['received', 'reopened', 'assigned', 'in_progress'], ['assigned']),
    rule('add_feedback', ['assigned', 'in_progress'], ['in_progress']),
    rule('reply_owner', [...complaintOpen, 'resolved'], ['stay']),
    rule('set_severity', complaintOpen, ['stay']),
    rule('link_parties', complaintOpen, ['stay']),
    rule('open_incident', complaintOpen, ['stay']),
    rule('record_claim', [...complaintOpen, 'resolved', 'followed_up'], ['stay']),
    rule('approve_claim', [...complaintOpen, 'resolved', 'followed_up'], ['stay'], ['claim_approver']),
    rule('resolve', ['assigned', 'in_progress'], ['resolved']),
    rule('follow_up', ['resolved'], ['followed_up', 'reopened', 'stay'], ['desk', 'case_owner']),
    rule('reopen', ['resolved', 'followed_up', 'closed'], ['reopened']),
    rule('close', ['followed_up'], ['closed']),
    rule('wait_for_owner', ['received', 'assigned', 'in_progress'], ['waiting_for_owner']),
    rule('resume', ['waiting_for_owner'], ['received', 'assigned', 'in_progress'], ['desk', 'system']),
    rule('cancel', complaintOpen, ['cancelled']),
    notes(complaintStatuses),
    reclassify(complaintStatuses),
  ],
  inquiry: [
    rule('answer', ['received'], ['answered']),
    rule('close', ['answered'], ['closed']),
    rule('wait_for_owner', ['received'], ['waiting_for_owner']),
    rule('resume', ['waiting_for_owner'], ['received'], ['desk', 'system']),
    rule('cancel', ['received', 'waiting_for_owner'], ['cancelled']),
    notes(inquiryStatuses),
    reclassify(inquiryStatuses),
  ],
  suggestion: [
    rule('acknowledge', ['received'], ['acknowledged']),
    rule('adopt', ['acknowledged'], ['adopted']),
    rule('mark_noted', ['acknowledged'], ['noted']),
    rule('close', ['adopted', 'noted'], ['closed']),
    rule('cancel', ['received', 'acknowledged'], ['cancelled']),
    notes(suggestionStatuses),
    reclassify(suggestionStatuses),
  ],
};

/** The rule for an action of a kind, if the kind has that action at all. */
export function ruleFor(kind: CaseKind, action: ActionName): TransitionRule | undefined {
  return caseGraph[kind].find((r) => r.action === action);
}
