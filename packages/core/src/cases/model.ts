import type { ActorKind } from './actor';
import type { CaseParty } from './parties';
import type { CaseKind, ComplaintSeverity, LowRatingReason, Urgency } from './vocabulary';

/** Every status a case can be in, across kinds; `caseGraph` says which belong to which kind. */
export const caseStatuses = [
  'received',
  'dispatched', // 派单
  'contacted',
  'on_site',
  'completed',
  'signed_off', // 业主签收
  'forfeited', // 丧失维修权
  'assigned',
  'in_progress',
  'resolved',
  'answered',
  'acknowledged',
  'adopted',
  'noted',
  'followed_up', // 已回访
  'reopened',
  'waiting_for_owner',
  'closed',
  'cancelled',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The incident a major or group complaint opens: a special team and its leader. */
export interface Incident {
  leaderId: string;
  memberIds: string[];
  openedBy: string;
  openedAt: string; // ISO instant: this lives in the JSON `state` column
  plan?: string;
  etaAt?: string;
}

/**
 * The part of the flow with no column of its own, stored as the JSON `state` column.
 * Instants here are ISO strings so they survive JSON unchanged.
 */
export interface CaseFlowState {
  /** While waiting_for_owner: where resume returns to. */
  pausedFrom?: CaseStatus;
  pausedAt?: string;
  pauseReason?: string;
  incident?: Incident;
  claimApprovedAt?: string;
  cancelReason?: 'duplicate' | 'withdrawn' | 'invalid';
  duplicateOfCaseId?: string;
  /** A repair reopened within the rework window: its first-time fix is spoiled. */
  reworked?: boolean;
  followupAttempts?: number;
  /** Contractors that failed this repair (reopened as not fixed, or reworked): one chance each. */
  failedContractorIds?: string[];
}

/**
 * What the rules need to know about a case. Field names match the `cases` table, so the
 * edge can load a row, call `applyAction` and write `changes` back in one batch.
 */
export interface CaseSnapshot {
  id: string;
  kind: CaseKind;
  status: CaseStatus;
  urgency: Urgency;
  /** Complaints only; null for other kinds. */
  severity: ComplaintSeverity | null;
  category: string;
  /** The case's project (the edge loads it; a reclassification compares against it). */
  projectId?: string;
  unitId: string | null;
  ownerId: string | null;
  /** 首问负责人: set once by the first staff member to receive the case; no action changes it. */
  firstAskOwnerId: string | null;
  assigneeId: string | null;
  departmentId: string | null;
  contractorId: string | null;
  forfeitedContractorIds: string[];
  claimAmountFen: number | null;
  claimApprovedBy: string | null;
  reopenCount: number;
  reworkOfCaseId: string | null;
  satisfaction: number | null;
  /** Why a low rating was given (slow, not_fixed, attitude, cost, other); null otherwise. */
  lowRatingReason: LowRatingReason | null;
  receivedAt: Date;
  dispatchedAt: Date | null;
  contactedAt: Date | null;
  visitBookedFor: Date | null;
  arrivedAt: Date | null;
  completedAt: Date | null;
  signedOffAt: Date | null;
  firstReplyAt: Date | null;
  lastDepartmentFeedbackAt: Date | null;
  resolvedAt: Date | null;
  followupDueAt: Date | null;
  followedUpAt: Date | null;
  closedAt: Date | null;
  state: CaseFlowState;
  /**
   * The further owners and units a complaint involves (`case_parties`, not a `cases` column):
   * the edge loads them for a complaint; absent means none linked.
   */
  parties?: readonly CaseParty[];
}

/**
 * Fields an action may change. Identity, first-ask ownership and linked parties are not among
 * them; the kind and project change only by a reclassification (the edge adds the project's branch).
 */
export type CaseChanges = Partial<Omit<CaseSnapshot, 'id' | 'firstAskOwnerId' | 'parties'>>;

/** One line of the case timeline (the `case_timeline` table without its ids). */
export interface TimelineEntry {
  at: Date;
  actorType: ActorKind;
  actorId: string | null;
  action: string;
  /** `owner` entries show on the owner link; `internal` ones never do. */
  visibility: 'internal' | 'owner';
  note: string | null;
  data: Record<string, unknown>;
}

export const caseEventNames = [
  'case.created',
  'case.dispatched',
  'case.reassigned',
  'case.contacted',
  'case.arrived',
  'case.completed',
  'case.signed_off',
  'case.forfeited',
  'case.assigned',
  'case.feedback_added',
  'case.replied',
  'case.owner_noted',
  'case.severity_changed',
  'case.parties_linked',
  'case.resolved',
  'case.answered',
  'case.acknowledged',
  'case.adopted',
  'case.noted',
  'case.paused',
  'case.resumed',
  'case.reopened',
  'case.closed',
  'case.cancelled',
  'case.reclassified',
  'incident.required',
  'incident.opened',
  'claim.recorded',
  'claim.approval_required',
  'claim.approved',
  'followup.scheduled',
  'followup.attempted',
  'followup.completed',
  'followup.unsatisfied',
  'repair.rework_detected',
] as const;
export type CaseEventName = (typeof caseEventNames)[number];

/** A domain event for the outbox; the edge gives it an id and the tenant. */
export interface CaseEvent {
  name: CaseEventName;
  caseId: string;
  at: Date;
  data: Record<string, unknown>;
}

/** What an action produces: the new snapshot, the changed fields, timeline and events. */
export interface CaseTransition {
  next: CaseSnapshot;
  changes: CaseChanges & { firstAskOwnerId?: string };
  timeline: TimelineEntry[];
  events: CaseEvent[];
  /** Owners and units this step links to the case (rows for `case_parties`); usually none. */
  linkedParties: CaseParty[];
}
