import type { CaseStatus } from '../cases/model';
import { caseGraph } from '../cases/transitions';
import type { CaseKind } from '../cases/vocabulary';
import { stoppedStatuses } from './clock-facts';
import type { Milestone } from './policy';
import { possibleEventsOfAction } from './timeline';

/*
 * Which milestone can still be met from where the case stands (issue 19, "no clock outlives the
 * step it waits for"). A milestone is met by the steps whose events are its `stopOn`; from the case
 * graph follows the set of statuses from which such a step can still be reached within the cycle
 * (without a reopen, which starts the next cycle, and never from closed or cancelled). A milestone
 * still unmet when the case is outside that set can never be met: the clock ends it as
 * `cancelled` (reason `case_moved_on`) at the step that took the case out, instead of letting it
 * breach and escalate on a case nobody can act on. Derived from the graph, so a new step or a
 * custom policy follows without a second table.
 */

type MeetingRule = Pick<Milestone, 'stopOn'>;

/** The steps that can meet the milestone (their timeline events include a `stopOn` event). */
export function stopActions(kind: CaseKind, m: MeetingRule): string[] {
  return caseGraph[kind]
    .map((r) => r.action)
    .filter((action) => possibleEventsOfAction(action).some((e) => m.stopOn.includes(e)));
}

// A reopen starts the next cycle and a reclassification re-reads the policies: neither keeps a
// milestone of this cycle alive.
const cycleEnding = new Set<string>(['reopen', 'reclassify']);

/**
 * The statuses of a kind from which a step meeting the milestone can still be reached within
 * the cycle: those a meeting step starts from, and every status with a step (other than a
 * reopen, and not into `reopened`) leading into one of them. Closed and cancelled never are.
 */
export function meetableStatuses(kind: CaseKind, m: MeetingRule): ReadonlySet<CaseStatus> {
  // The graph is fixed, so the answer depends on the kind and the stop events only: every alarm
  // of every case asks, so it is worked out once per pair.
  const memo = `${kind}|${m.stopOn.join(',')}`;
  const known = reachMemo.get(memo);
  if (known) return known;
  const reach = computeMeetable(kind, m);
  // Tenants' own policies bring their own stop lists: keep the memo small in a long-lived isolate.
  if (reachMemo.size >= 500) reachMemo.clear();
  reachMemo.set(memo, reach);
  return reach;
}

const reachMemo = new Map<string, ReadonlySet<CaseStatus>>();

function computeMeetable(kind: CaseKind, m: MeetingRule): ReadonlySet<CaseStatus> {
  const rules = caseGraph[kind].filter((r) => !cycleEnding.has(r.action));
  const stops = new Set(stopActions(kind, m));
  const reach = new Set<CaseStatus>();
  for (const r of rules) if (stops.has(r.action)) for (const s of r.from) reach.add(s);
  for (let grown = true; grown; ) {
    grown = false;
    for (const r of rules) {
      for (const from of r.from) {
        if (reach.has(from)) continue;
        const targets = r.to.map((t) => (t === 'stay' ? from : t)).filter((t) => t !== 'reopened');
        if (targets.some((t) => reach.has(t))) {
          reach.add(from);
          grown = true;
        }
      }
    }
  }
  for (const s of stoppedStatuses) reach.delete(s as CaseStatus);
  return reach;
}

/**
 * The events of the steps that take a case out of the milestone's meetable statuses for good
 * (every target outside them: a resolve for the department's feedback, a cancel, a close). A
 * step with some targets inside (an unsatisfied follow-up, a resume) is not one: the clock then
 * reads the case's status (`canStillBeMet`).
 */
export function leavingEvents(kind: CaseKind, m: MeetingRule): ReadonlySet<string> {
  const reach = meetableStatuses(kind, m);
  const stops = new Set(stopActions(kind, m));
  const events = new Set<string>();
  for (const r of caseGraph[kind]) {
    if (cycleEnding.has(r.action) || stops.has(r.action)) continue;
    if (!r.from.some((s) => reach.has(s))) continue;
    if (r.to.every((t) => t !== 'stay' && t !== 'reopened' && !reach.has(t))) {
      for (const e of possibleEventsOfAction(r.action)) events.add(e);
    }
  }
  return events;
}

/** Whether a milestone not yet met can still be met from this status of the case. */
export function canStillBeMet(kind: CaseKind, status: string, m: MeetingRule): boolean {
  return meetableStatuses(kind, m).has(status as CaseStatus);
}

/** Why a milestone ended without being met. */
export const milestoneEndReasons = [
  /** The case left the statuses from which the milestone can be met (resolved, closed, cancelled). */
  'case_moved_on',
  /** The case was reopened before the milestone was met: the next cycle runs its own. */
  'reopened',
  /** The case was reclassified (kind, category, urgency, project) and the milestone no longer applies. */
  'reclassified',
  /** The policy that defined it was disabled, deleted or no longer matches the case. */
  'policy_changed',
] as const;
export type MilestoneEndReason = (typeof milestoneEndReasons)[number];
