import { describe, expect, it } from 'vitest';
import {
  type CaseEventFact,
  type CaseProfile,
  type ClockFacts,
  defaultPolicies,
  evaluateClock,
  PolicySchema,
  type RecordedAction,
  resolveMilestones,
  type StatusSpan,
  statusSpansFromEvents,
} from '../../src/sla/index';
import { hours, sh, shanghaiOffice } from './support';

const complaint: CaseProfile = {
  kind: 'complaint',
  urgency: 'normal',
  category: 'noise',
  channel: 'hotline',
  projectId: 'prj_1',
};
const repair: CaseProfile = {
  kind: 'repair',
  urgency: 'normal',
  category: 'plumbing',
  channel: 'hotline',
  projectId: 'prj_1',
};

const only = (profile: CaseProfile, ...keys: string[]) =>
  resolveMilestones(defaultPolicies, profile).filter((m) => keys.includes(m.key));
const ev = (name: string, local: string): CaseEventFact => ({ name, at: sh(local) });
const facts = (events: CaseEventFact[], status = 'assigned', statusSpans: StatusSpan[] = []): ClockFacts => ({
  caseId: 'case_1',
  status,
  events,
  statusSpans,
});
const record = (actions: { key: string; at: Date }[]): RecordedAction[] =>
  actions.map(({ key, at }) => ({ key, at }));

// A complaint received on Monday 16 November 2026 at 10:00, Shanghai.
const created = [ev('case.created', '2026-11-16 10:00')];

describe('a complaint’s 24-hour first reply', () => {
  const milestones = only(complaint, 'first_reply');
  const run = (now: string, recorded: RecordedAction[] = [], events = created) =>
    evaluateClock({ facts: facts(events), milestones, calendar: shanghaiOffice, now: sh(now), recorded });

  it('sleeps until the warning point, warns at 75% elapsed, then breaches at 24 hours and escalates', () => {
    const early = run('2026-11-16 11:00');
    expect(early.actions).toEqual([]);
    expect(early.nextWakeAt).toEqual(sh('2026-11-17 04:00'));

    const warned = run('2026-11-17 04:00');
    expect(warned.actions).toMatchObject([
      { key: 'case_1:first_reply:warning:0', kind: 'warning', at: sh('2026-11-17 04:00'), escalate: false },
    ]);
    expect(warned.nextWakeAt).toEqual(sh('2026-11-17 10:00'));

    const breached = run('2026-11-17 10:00', record(warned.actions));
    expect(breached.actions).toMatchObject([
      { key: 'case_1:first_reply:breach:0', kind: 'breach', dueAt: sh('2026-11-17 10:00'), escalate: true },
    ]);
    expect(breached.milestones[0]).toMatchObject({
      status: 'breached',
      warnedAt: sh('2026-11-17 04:00'),
      breachedAt: sh('2026-11-17 10:00'),
    });
    expect(breached.nextWakeAt).toBeNull();
  });

  it('a repeated or later evaluation with the recorded actions yields nothing new', () => {
    const first = run('2026-11-17 10:05');
    const recorded = record(first.actions);
    expect(run('2026-11-17 10:05', recorded).actions).toEqual([]);
    expect(run('2026-11-19 09:00', recorded).actions).toEqual([]);
  });

  it('an alarm that fires late reports the breach and skips the stale warning', () => {
    expect(run('2026-11-17 11:00').actions.map((a) => a.kind)).toEqual(['breach']);
  });

  it('a reply in time meets the milestone: no action, no wake', () => {
    const d = run('2026-11-18 10:00', [], [...created, ev('case.replied', '2026-11-16 16:00')]);
    expect(d.actions).toEqual([]);
    expect(d.nextWakeAt).toBeNull();
    expect(d.milestones[0]).toMatchObject({ status: 'met', metAt: sh('2026-11-16 16:00') });
  });

  it('a late reply still records the breach it missed', () => {
    const d = run('2026-11-17 12:00', [], [...created, ev('case.replied', '2026-11-17 11:00')]);
    expect(d.actions.map((a) => a.key)).toEqual(['case_1:first_reply:breach:0']);
  });

  it('a closed case runs no clock', () => {
    const d = evaluateClock({
      facts: facts(created, 'closed'),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-20 10:00'),
    });
    expect(d).toEqual({ actions: [], nextWakeAt: null, milestones: [], previousCycles: [] });
  });
});

describe('waiting for the owner', () => {
  const milestones = only(complaint, 'first_reply');
  const pausedEvents = [...created, ev('case.paused', '2026-11-16 12:00')];

  it('while the case waits the clock stands still: no due time and no wake', () => {
    const d = evaluateClock({
      facts: facts(pausedEvents, 'waiting_for_owner', statusSpansFromEvents(pausedEvents)),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-16 13:00'),
    });
    expect(d.milestones[0]).toMatchObject({ status: 'paused', dueAt: null, pausedMs: hours(1) });
    expect(d.nextWakeAt).toBeNull();
  });

  it('after the owner answers, the deadline moves back by the two hours paused', () => {
    const events = [...pausedEvents, ev('case.resumed', '2026-11-16 14:00')];
    const d = evaluateClock({
      facts: facts(events, 'assigned', statusSpansFromEvents(events)),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-16 15:00'),
    });
    expect(d.milestones[0]).toMatchObject({
      status: 'running',
      dueAt: sh('2026-11-17 12:00'),
      pausedMs: hours(2),
    });
    expect(d.nextWakeAt).toEqual(sh('2026-11-17 06:00'));
  });
});

describe('a reopened complaint', () => {
  // Replied after 6 hours, reopened on Wednesday at 10:00.
  const events = [
    ...created,
    ev('case.replied', '2026-11-16 16:00'),
    ev('case.reopened', '2026-11-18 10:00'),
  ];
  const milestonesWith = (reopen: 'continue' | 'restart') =>
    only(complaint, 'first_reply').map((m) => ({ ...m, reopen }));
  const at = (reopen: 'continue' | 'restart', now: string) =>
    evaluateClock({
      facts: facts(events, 'reopened'),
      milestones: milestonesWith(reopen),
      calendar: shanghaiOffice,
      now: sh(now),
    });

  it('with restart gets a fresh 24 hours from the reopen, in cycle 1', () => {
    const d = at('restart', '2026-11-18 11:00');
    expect(d.milestones[0]).toMatchObject({
      cycle: 1,
      status: 'running',
      dueAt: sh('2026-11-19 10:00'),
      metAt: null,
    });
    expect(at('restart', '2026-11-19 10:00').actions.map((a) => a.key)).toEqual([
      'case_1:first_reply:breach:1',
    ]);
  });

  it('with continue after a second reopen keeps what the first two cycles left', () => {
    // 6 h before the first reply, 2 h between the first reopen and the second reply: 16 h left.
    const twice = [
      ...events,
      ev('case.replied', '2026-11-18 12:00'),
      ev('case.reopened', '2026-11-20 10:00'),
    ];
    const d = evaluateClock({
      facts: facts(twice, 'reopened'),
      milestones: milestonesWith('continue'),
      calendar: shanghaiOffice,
      now: sh('2026-11-20 11:00'),
    });
    expect(d.milestones[0]).toMatchObject({ cycle: 2, dueAt: sh('2026-11-21 02:00') });
  });

  it('the follow-up waits for the next resolution rather than restarting at the reopen', () => {
    const resolved = [
      ...events.slice(0, 2),
      ev('case.resolved', '2026-11-17 10:00'),
      ev('case.reopened', '2026-11-18 10:00'),
    ];
    const followup = only(complaint, 'followup');
    const reopened = evaluateClock({
      facts: facts(resolved, 'reopened'),
      milestones: followup,
      calendar: shanghaiOffice,
      now: sh('2026-11-25 10:00'),
    });
    expect(reopened.milestones[0]).toMatchObject({ cycle: 1, status: 'not_started' });
    expect(reopened.actions).toEqual([]);
    const again = [...resolved, ev('case.resolved', '2026-11-19 10:00')];
    const d = evaluateClock({
      facts: facts(again, 'resolved'),
      milestones: followup,
      calendar: shanghaiOffice,
      now: sh('2026-11-20 10:00'),
    });
    expect(d.milestones[0]).toMatchObject({
      cycle: 1,
      startedAt: sh('2026-11-19 10:00'),
      dueAt: sh('2026-11-22 10:00'),
    });
  });

  it('with continue keeps only the 18 hours left over', () => {
    expect(at('continue', '2026-11-18 11:00').milestones[0]).toMatchObject({
      cycle: 1,
      dueAt: sh('2026-11-19 04:00'),
    });
  });
});

describe('a policy or calendar change', () => {
  it('is picked up by the next evaluation: a tighter first reply breaches sooner', () => {
    const tighter = PolicySchema.parse({
      id: 'pol_vip',
      name: 'VIP project: reply in 12 hours',
      match: { kinds: ['complaint'], projectIds: ['prj_1'] },
      milestones: [
        {
          key: 'first_reply',
          startOn: ['case.created'],
          stopOn: ['case.replied'],
          target: { kind: 'duration', minutes: 720 },
          calendar: 'round_the_clock',
        },
      ],
    });
    const before = evaluateClock({
      facts: facts(created),
      milestones: only(complaint, 'first_reply'),
      calendar: shanghaiOffice,
      now: sh('2026-11-16 23:00'),
    });
    expect(before.actions).toEqual([]);
    const milestones = resolveMilestones([...defaultPolicies, tighter], complaint).filter(
      (m) => m.key === 'first_reply',
    );
    const after = evaluateClock({
      facts: facts(created),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-16 23:00'),
    });
    expect(after.milestones[0]).toMatchObject({ policyId: 'pol_vip', dueAt: sh('2026-11-16 22:00') });
    expect(after.actions.map((a) => a.key)).toEqual(['case_1:first_reply:breach:0']);
  });
});

describe('the responsible department', () => {
  const events = [...created, ev('case.assigned', '2026-11-16 10:30')];

  it('owes its feedback one hour before the reply is due and is warned an hour before that', () => {
    const d = evaluateClock({
      facts: facts(events),
      milestones: only(complaint, 'first_reply', 'department_feedback'),
      calendar: shanghaiOffice,
      now: sh('2026-11-17 08:00'),
    });
    expect(d.milestones.map((m) => [m.milestone, m.dueAt])).toEqual([
      ['first_reply', sh('2026-11-17 10:00')],
      ['department_feedback', sh('2026-11-17 09:00')],
    ]);
    expect(d.actions.map((a) => a.key)).toEqual([
      'case_1:first_reply:warning:0',
      'case_1:department_feedback:warning:0',
    ]);
  });

  it('reports its handling by the end of each working day; each missed day is its own breach', () => {
    const milestones = only(complaint, 'department_daily_update');
    const withFeedback = [...events, ev('case.feedback_added', '2026-11-16 15:00')];
    const d = evaluateClock({
      facts: facts(withFeedback),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-18 18:30'),
    });
    expect(d.actions.map((a) => a.key)).toEqual([
      'case_1:department_daily_update:breach:0:2026-11-17',
      'case_1:department_daily_update:breach:0:2026-11-18',
    ]);
    expect(d.actions.every((a) => !a.escalate)).toBe(true);
    expect(d.nextWakeAt).toEqual(sh('2026-11-19 17:00'));
  });

  it('stops owing daily updates once the complaint is resolved', () => {
    const resolved = [...events, ev('case.resolved', '2026-11-17 11:00')];
    const d = evaluateClock({
      facts: facts(resolved, 'resolved'),
      milestones: only(complaint, 'department_daily_update'),
      calendar: shanghaiOffice,
      now: sh('2026-11-18 18:30'),
    });
    expect(d.actions.map((a) => a.key)).toEqual(['case_1:department_daily_update:breach:0:2026-11-16']);
    expect(d.milestones[0]?.status).toBe('ended');
    expect(d.nextWakeAt).toBeNull();
  });
});

describe('a repair dispatched to a contractor', () => {
  const milestones = only(repair, 'contractor_contact');
  const dispatched = [ev('case.created', '2026-11-19 17:40'), ev('case.dispatched', '2026-11-19 17:50')];

  it('dispatched at 23:50 must contact the owner by 00:20, round the clock, else forfeits and escalates', () => {
    const night = [ev('case.created', '2026-11-19 23:40'), ev('case.dispatched', '2026-11-19 23:50')];
    const before = evaluateClock({
      facts: facts(night, 'dispatched'),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-19 23:55'),
    });
    expect(milestones[0]?.calendar).toBe('round_the_clock');
    expect(before.milestones[0]?.dueAt).toEqual(sh('2026-11-20 00:20'));
    expect(before.nextWakeAt).toEqual(sh('2026-11-20 00:10'));
    const late = evaluateClock({
      facts: facts(night, 'dispatched'),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-20 00:20'),
    });
    expect(late.actions).toMatchObject([
      { key: 'case_1:contractor_contact:breach:0', forfeitContractor: true, escalate: true },
    ]);
  });

  it('a tenant policy in business hours moves a 17:50 dispatch to 09:20 the next working morning', () => {
    const business = milestones.map((m) => ({ ...m, calendar: 'business_hours' as const }));
    const d = evaluateClock({
      facts: facts(dispatched, 'dispatched'),
      milestones: business,
      calendar: shanghaiOffice,
      now: sh('2026-11-19 18:00'),
    });
    expect(d.milestones[0]?.dueAt).toEqual(sh('2026-11-20 09:20'));
    expect(d.nextWakeAt).toEqual(sh('2026-11-20 09:10'));
  });

  it('a re-dispatch to a third-party vendor starts a fresh 30 minutes with its own keys', () => {
    const redispatched = [
      ...dispatched,
      ev('case.forfeited', '2026-11-19 18:21'),
      ev('case.dispatched', '2026-11-20 10:00'),
    ];
    const d = evaluateClock({
      facts: facts(redispatched, 'dispatched'),
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-20 10:30'),
      recorded: [{ key: 'case_1:contractor_contact:breach:0', at: sh('2026-11-19 18:20') }],
    });
    expect(d.milestones[0]).toMatchObject({
      occurrence: 'r1',
      startedAt: sh('2026-11-20 10:00'),
      dueAt: sh('2026-11-20 10:30'),
    });
    expect(d.actions.map((a) => a.key)).toEqual(['case_1:contractor_contact:breach:0:r1']);
  });
});
