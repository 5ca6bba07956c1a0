import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedActions,
  applyAction,
  type CaseActionInput,
  type CaseSnapshot,
  caseKinds,
  receiveCase,
  type TimelineEntry,
} from '../../src/cases/index';
import {
  defaultPolicies,
  evaluateClock,
  eventNamesOfTimeline,
  eventsFromTimeline,
  meetableStatuses,
  type ResolvedMilestone,
  resolveMilestones,
  statusSpansFromEvents,
} from '../../src/sla/index';
import {
  agent,
  at,
  fixItStaff,
  hours,
  intake,
  minutes,
  owner,
  settings,
  slaDeadlines,
  system,
} from '../cases/support';
import { shanghaiOffice } from './support';

/*
 * Issue 19 item 2, as a property over the state machine: walk every kind from intake with
 * allowed steps; at every reachable state, every milestone of the default policies that is still
 * pending (running or paused) can still be met by some allowed sequence of steps of this cycle
 * (no reopen, no reclassification), and none is pending once the case is closed or cancelled.
 */

const actors: Actor[] = [agent, fixItStaff, owner, system];
const actions: CaseActionInput[] = [
  { type: 'dispatch', contractorId: 'ctr_fixit' },
  { type: 'dispatch', departmentId: 'dept_engineering' },
  { type: 'reassign', contractorId: 'ctr_fixit' },
  { type: 'record_contact', visitBookedFor: '2026-11-23T02:00:00Z' },
  { type: 'arrive' },
  { type: 'complete', note: 'done' },
  { type: 'sign_off', method: 'owner_link' },
  { type: 'forfeit' },
  { type: 'assign_department', departmentId: 'dept_engineering' },
  { type: 'add_feedback', note: 'feedback' },
  { type: 'reply_owner', replyKind: 'progress', message: 'on it' },
  { type: 'reply_owner', replyKind: 'result', message: 'done', channel: 'wechat' },
  { type: 'resolve', note: 'resolved' },
  { type: 'follow_up', satisfaction: 5 },
  { type: 'follow_up', satisfaction: 1 },
  { type: 'follow_up', callOutcome: 'no_answer' },
  { type: 'reopen', reason: 're_report' },
  { type: 'answer', note: 'answer' },
  { type: 'acknowledge' },
  { type: 'adopt', note: 'improvement' },
  { type: 'mark_noted' },
  { type: 'close' },
  { type: 'cancel', reason: 'withdrawn' },
  { type: 'wait_for_owner', note: 'away' },
  { type: 'resume' },
  { type: 'add_note', note: 'internal note' },
  { type: 'add_note', note: '已安排师傅', visibility: 'owner' },
];

/** Every (actor, action) the state machine takes from here, with what it leads to. */
function successors(s: CaseSnapshot, when: Date) {
  const out: { action: CaseActionInput; next: CaseSnapshot; timeline: TimelineEntry[] }[] = [];
  for (const actor of actors) {
    const offered = allowedActions(s, actor, { now: when, settings, deadlines: slaDeadlines(s) }).map(
      (a) => a.action,
    );
    for (const action of actions) {
      if (!offered.includes(action.type)) continue;
      try {
        const t = applyAction(s, action, actor, when, settings, slaDeadlines(s, action, when));
        out.push({ action, next: t.next, timeline: t.timeline });
      } catch {
        // a payload this state refuses (e.g. a forfeit before its deadline)
      }
    }
  }
  return out;
}

/** Whether some sequence of allowed steps of this cycle meets the milestone (breadth first). */
function canStillBeStopped(s: CaseSnapshot, m: ResolvedMilestone, when: Date): boolean {
  const seen = new Set<string>();
  let frontier = [s];
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const next: CaseSnapshot[] = [];
    for (const state of frontier) {
      for (const step of successors(state, when)) {
        if (step.action.type === 'reopen') continue;
        const events = step.timeline.flatMap((t) => eventNamesOfTimeline(t));
        if (events.includes('case.reopened')) continue; // an unsatisfied follow-up without meeting it
        if (events.some((e) => m.stopOn.includes(e))) return true;
        const key = `${step.next.status}|${step.next.contractorId}|${step.next.departmentId}`;
        if (!seen.has(key)) {
          seen.add(key);
          next.push(step.next);
        }
      }
    }
    frontier = next;
  }
  return false;
}

const walk = fc.record({
  kind: fc.constantFrom(...caseKinds),
  channel: fc.constantFrom('hotline', 'web', 'app'),
  urgency: fc.constantFrom('normal', 'emergency'),
  steps: fc.array(fc.record({ pick: fc.nat(), advance: fc.integer({ min: 0, max: hours(30) }) }), {
    maxLength: 25,
  }),
});

describe('no clock outlives the step it waits for', () => {
  it('every pending milestone of the default policies can still be met; none is pending when closed', () => {
    fc.assert(
      fc.property(walk, ({ kind, channel, urgency, steps }) => {
        const received = receiveCase({
          id: 'case_reach',
          intake: intake(kind, { channel: channel as 'hotline', urgency: urgency as 'normal' }),
          actor: channel === 'hotline' ? agent : owner,
          now: at(0),
          settings,
          sequence: 1,
        });
        let snapshot = received.snapshot;
        const timeline: TimelineEntry[] = [...received.timeline];
        const milestones = resolveMilestones(defaultPolicies, {
          kind,
          urgency: snapshot.urgency,
          category: snapshot.category,
          channel: channel as 'hotline',
          projectId: 'prj_lakeside',
        });
        let now = at(0).getTime();
        for (const step of steps) {
          now += step.advance + minutes(1);
          const when = new Date(now);
          const options = successors(snapshot, when);
          const going = options.filter((o) => o.action.type !== 'cancel');
          const chosen = (step.pick % 10 === 0 ? options : going)[step.pick % Math.max(1, going.length)];
          if (!chosen) break;
          snapshot = chosen.next;
          timeline.push(...chosen.timeline);

          const events = eventsFromTimeline(timeline);
          const decision = evaluateClock({
            facts: {
              caseId: snapshot.id,
              kind,
              status: snapshot.status,
              events,
              statusSpans: statusSpansFromEvents(events),
            },
            milestones,
            calendar: shanghaiOffice,
            now: when,
          });
          const closed = snapshot.status === 'closed' || snapshot.status === 'cancelled';
          for (const view of decision.milestones) {
            if (view.status !== 'running' && view.status !== 'paused') continue;
            const m = milestones.find((x) => x.key === view.milestone)!;
            const where = `${kind} ${snapshot.status}: ${m.key}`;
            expect(closed, `${where} is pending on a closed case`).toBe(false);
            expect(meetableStatuses(kind, m).has(snapshot.status), where).toBe(true);
            expect(canStillBeStopped(snapshot, m, when), `${where} can no longer be met`).toBe(true);
          }
          // Every ended milestone says why, and nothing is due after it ended.
          for (const view of decision.milestones.filter((v) => v.status === 'cancelled')) {
            expect(view.endReason).not.toBeNull();
            expect(view.endedAt).not.toBeNull();
          }
          for (const a of decision.actions) {
            const view = decision.milestones.find((v) => v.milestone === a.milestone);
            if (view?.endedAt) expect(a.at.getTime()).toBeLessThanOrEqual(view.endedAt.getTime());
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a complaint resolved before the department’s feedback ends that milestone at the resolve', () => {
    const c = receiveCase({
      id: 'case_cmp',
      intake: intake('complaint'),
      actor: agent,
      now: at(0),
      settings,
      sequence: 1,
    });
    let s = c.snapshot;
    const timeline: TimelineEntry[] = [...c.timeline];
    for (const [action, offset] of [
      [{ type: 'assign_department', departmentId: 'dept_engineering' }, minutes(10)],
      [{ type: 'resolve', note: '已处理' }, hours(2)],
    ] as const) {
      const t = applyAction(s, action, agent, at(offset), settings, slaDeadlines(s, action, at(offset)));
      s = t.next;
      timeline.push(...t.timeline);
    }
    const events = eventsFromTimeline(timeline);
    const milestones = resolveMilestones(defaultPolicies, {
      kind: 'complaint',
      urgency: 'normal',
      category: 'elevator',
      channel: 'hotline',
      projectId: 'prj_lakeside',
    });
    const d = evaluateClock({
      facts: { caseId: s.id, kind: 'complaint', status: s.status, events, statusSpans: [] },
      milestones,
      calendar: shanghaiOffice,
      now: at(hours(30)),
    });
    expect(d.milestones.find((v) => v.milestone === 'department_feedback')).toMatchObject({
      status: 'cancelled',
      endedAt: at(hours(2)),
      endReason: 'case_moved_on',
    });
    expect(d.actions.filter((a) => a.milestone === 'department_feedback')).toEqual([]);
  });
});
