import type { CaseEventName } from '../cases/model';
import type { CaseEventFact } from './clock-facts';

/*
 * The clock's facts come from the case timeline (`case_timeline`): every step of the case flow
 * writes one row per action, in order, with its instant. This maps those rows to the case event
 * names SLA policies are written in (`startOn`, `stopOn`, ...), the names the cases module emits.
 */

/** One timeline row, as the clock reads it. */
export interface TimelineFact {
  action: string;
  at: Date;
  data?: Record<string, unknown> | null;
  /** `owner`: the entry is shown to the owner (an owner-facing note reached them). */
  visibility?: 'internal' | 'owner' | null;
}

/** The names the clock reads (an owner-facing note is `case.owner_noted`, one of the case events). */
export type ClockEventName = CaseEventName;

const eventsOfAction: Readonly<Record<string, readonly ClockEventName[]>> = {
  receive: ['case.created'],
  dispatch: ['case.dispatched'],
  // A reassignment is a fresh dispatch: the contact clock starts again for the new vendor.
  reassign: ['case.reassigned', 'case.dispatched'],
  record_contact: ['case.contacted'],
  arrive: ['case.arrived'],
  complete: ['case.completed'],
  sign_off: ['case.signed_off'],
  forfeit: ['case.forfeited'],
  assign_department: ['case.assigned'],
  add_feedback: ['case.feedback_added'],
  reply_owner: ['case.replied'],
  set_severity: ['case.severity_changed'],
  open_incident: ['incident.opened'],
  record_claim: ['claim.recorded'],
  approve_claim: ['claim.approved'],
  resolve: ['case.resolved'],
  answer: ['case.answered'],
  acknowledge: ['case.acknowledged'],
  adopt: ['case.adopted'],
  mark_noted: ['case.noted'],
  reclassify: ['case.reclassified'],
  wait_for_owner: ['case.paused'],
  resume: ['case.resumed'],
  reopen: ['case.reopened'],
  close: ['case.closed'],
  cancel: ['case.cancelled'],
};

/**
 * The case events one timeline row stands for (none for an internal note or an unknown action).
 * A note shown to the owner is `case.owner_noted`: the owner heard from us.
 */
export function eventNamesOfTimeline(row: TimelineFact): readonly ClockEventName[] {
  if (row.action === 'follow_up') {
    // A call that reached the owner records the satisfaction; one that did not is an attempt.
    return [typeof row.data?.satisfaction === 'number' ? 'followup.completed' : 'followup.attempted'];
  }
  if (row.action === 'add_note') return row.visibility === 'owner' ? ['case.owner_noted'] : [];
  return eventsOfAction[row.action] ?? [];
}

/** Every event a step of this name can stand for, whatever its data (for reasoning over the graph). */
export function possibleEventsOfAction(action: string): readonly ClockEventName[] {
  if (action === 'follow_up') return ['followup.completed', 'followup.attempted'];
  if (action === 'add_note') return ['case.owner_noted'];
  return eventsOfAction[action] ?? [];
}

/** A case's timeline as clock facts, in timeline order (rows of one write share their instant). */
export function eventsFromTimeline(rows: readonly TimelineFact[]): CaseEventFact[] {
  return rows.flatMap((row) => eventNamesOfTimeline(row).map((name) => ({ name, at: row.at })));
}

/**
 * Every event name the clock can see: what an SLA policy's `startOn`, `stopOn` and `endOn` may
 * name (a name outside this list would be a policy that never starts or never stops).
 */
export const clockEventNames: readonly ClockEventName[] = [
  ...new Set<ClockEventName>([
    ...Object.values(eventsOfAction).flat(),
    'followup.completed',
    'followup.attempted',
    'case.owner_noted',
  ]),
].sort();
