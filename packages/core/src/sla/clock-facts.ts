import type { CaseKind } from '../cases/vocabulary';
import type { Calendar } from './calendar';
import type { MilestoneEndReason } from './milestone-reach';
import type { ResolvedMilestone } from './policy';

/*
 * The clock's inputs and outputs: what the edge reads from the case and the action log, and
 * what it writes back. Kept apart from the evaluation so the edge can import the shapes alone.
 */

export interface CaseEventFact {
  name: string;
  at: Date;
}

/** Time the case spent in a status; `end: null` while it still is in it. */
export interface StatusSpan {
  status: string;
  start: Date;
  end: Date | null;
}

export interface ClockFacts {
  caseId: string;
  /**
   * The case's kind: with it, a milestone the case can no longer meet from `status` ends as
   * `cancelled` (`meetableStatuses`); without it only closed and cancelled stop the clocks.
   */
  kind?: CaseKind;
  status: string;
  /** The case's domain events (`case.created`, `case.reopened`, …), any order. */
  events: readonly CaseEventFact[];
  /** Spans in statuses that may pause a milestone; see `statusSpansFromEvents`. */
  statusSpans: readonly StatusSpan[];
}

/** An action the clock records, under a key unique per deed. */
export interface SlaAction {
  key: string;
  kind: 'warning' | 'breach' | 'due';
  caseId: string;
  milestone: string;
  policyId: string;
  cycle: number;
  /** Restart run (`r1`…) or working day (`2026-10-09`) of a repeating milestone; null otherwise. */
  occurrence: string | null;
  dueAt: Date;
  /** The instant the action became due (the warning point or the deadline). */
  at: Date;
  escalate: boolean;
  forfeitContractor: boolean;
}

/** What was recorded before: the keys decide; `at` feeds the view. */
export interface RecordedAction {
  key: string;
  at: Date;
}

/**
 * `met_late`: met after its due time (it breached first); `cancelled`: ended unmet without a
 * breach (`endReason` says why); `ended`: a daily series ended.
 */
export type MilestoneStatus =
  | 'not_started'
  | 'running'
  | 'paused'
  | 'met'
  | 'met_late'
  | 'breached'
  | 'cancelled'
  | 'ended';

export interface MilestoneView {
  milestone: string;
  policyId: string;
  cycle: number;
  occurrence: string | null;
  status: MilestoneStatus;
  startedAt: Date | null;
  warnAt: Date | null;
  /** Null before the start or while an open pause holds the clock. */
  dueAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  metAt: Date | null;
  /** When it ended unmet (cancelled, or breached then ended), and why. */
  endedAt: Date | null;
  endReason: MilestoneEndReason | null;
  /** Clock time taken off by pauses (business or wall-clock, per the milestone). */
  pausedMs: number;
}

export interface ClockInput {
  facts: ClockFacts;
  milestones: readonly ResolvedMilestone[];
  calendar: Calendar;
  now: Date;
  recorded?: readonly RecordedAction[];
  /**
   * Per milestone key: no run starts, and no stop counts, before this instant (a policy added or
   * widened later, a reclassification). The milestone starts at it when its start event was earlier.
   */
  notBefore?: ReadonlyMap<string, Date>;
}

export interface ClockDecision {
  actions: SlaAction[];
  nextWakeAt: Date | null;
  milestones: MilestoneView[];
  /**
   * The earlier cycles' milestones as they stood at each reopen: met (a follow-up done, the owner
   * unsatisfied, is met), breached, or cancelled with reason `reopened`.
   */
  previousCycles: MilestoneView[];
}

/** Statuses in which no clock runs. */
export const stoppedStatuses: readonly string[] = ['closed', 'cancelled'];

/** The stable key of an action: `${caseId}:${milestone}:${kind}:${cycle}[:${occurrence}]`. */
export function actionKey(
  caseId: string,
  milestone: string,
  kind: SlaAction['kind'],
  cycle: number,
  occurrence: string | null = null,
): string {
  return `${caseId}:${milestone}:${kind}:${cycle}${occurrence ? `:${occurrence}` : ''}`;
}

/**
 * The `waiting_for_owner` spans of a case from its `case.paused` / `case.resumed` events (a
 * reopen, close or cancel also ends a pause), for `ClockFacts.statusSpans`.
 */
export function statusSpansFromEvents(events: readonly CaseEventFact[]): StatusSpan[] {
  const spans: StatusSpan[] = [];
  let open: StatusSpan | null = null;
  for (const e of sortEvents(events)) {
    if (e.name === 'case.paused' && !open) {
      open = { status: 'waiting_for_owner', start: e.at, end: null };
      spans.push(open);
    } else if (
      open &&
      ['case.resumed', 'case.reopened', ...stoppedStatuses.map((s) => `case.${s}`)].includes(e.name)
    ) {
      open.end = e.at;
      open = null;
    }
  }
  return spans;
}

/** Events in time order. */
export function sortEvents(events: readonly CaseEventFact[]): CaseEventFact[] {
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
}
