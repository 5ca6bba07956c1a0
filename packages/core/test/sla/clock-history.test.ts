import { describe, expect, it } from 'vitest';
import {
  type CaseEventFact,
  type CaseProfile,
  defaultPolicies,
  evaluateClock,
  resolveMilestones,
} from '../../src/sla/index';
import { sh, shanghaiOffice } from './support';

/* What happened stays what happened (issue 19 item 3), in core's evaluation. */

const complaint: CaseProfile = {
  kind: 'complaint',
  urgency: 'normal',
  category: 'noise',
  channel: 'hotline',
  projectId: 'prj_1',
};
const milestones = resolveMilestones(defaultPolicies, complaint);
const ev = (name: string, local: string): CaseEventFact => ({ name, at: sh(local) });
const view = (d: ReturnType<typeof evaluateClock>, key: string) =>
  d.milestones.find((m) => m.milestone === key);

describe('the clock’s history', () => {
  it('a reply after the due time is met late', () => {
    const d = evaluateClock({
      facts: {
        caseId: 'case_1',
        kind: 'complaint',
        status: 'received',
        events: [ev('case.created', '2026-11-20 10:00'), ev('case.replied', '2026-11-21 11:00')],
        statusSpans: [],
      },
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-21 12:00'),
    });
    expect(view(d, 'first_reply')).toMatchObject({ status: 'met_late', metAt: sh('2026-11-21 11:00') });
  });

  it('a milestone not before an instant starts then and is not met by an earlier step', () => {
    const d = evaluateClock({
      facts: {
        caseId: 'case_1',
        kind: 'complaint',
        status: 'received',
        events: [ev('case.created', '2026-11-20 10:00'), ev('case.replied', '2026-11-20 11:00')],
        statusSpans: [],
      },
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-20 13:00'),
      notBefore: new Map([['first_reply', sh('2026-11-20 12:00')]]),
    });
    expect(view(d, 'first_reply')).toMatchObject({
      status: 'running',
      startedAt: sh('2026-11-20 12:00'),
      dueAt: sh('2026-11-21 12:00'),
      metAt: null,
    });
  });

  it('an earlier cycle is judged at its reopen: a follow-up done unsatisfied is met, what was open is cancelled', () => {
    const d = evaluateClock({
      facts: {
        caseId: 'case_1',
        kind: 'complaint',
        status: 'reopened',
        events: [
          ev('case.created', '2026-11-20 10:00'),
          ev('case.assigned', '2026-11-20 10:30'),
          ev('case.resolved', '2026-11-20 15:00'),
          ev('followup.completed', '2026-11-21 09:00'),
          ev('case.reopened', '2026-11-21 09:00'),
        ],
        statusSpans: [],
      },
      milestones,
      calendar: shanghaiOffice,
      now: sh('2026-11-21 11:00'),
    });
    const previous = (key: string) => d.previousCycles.find((m) => m.milestone === key);
    expect(previous('followup')).toMatchObject({ cycle: 0, status: 'met', metAt: sh('2026-11-21 09:00') });
    expect(previous('first_reply')).toMatchObject({
      cycle: 0,
      status: 'cancelled',
      endReason: 'reopened',
    });
    expect(previous('department_feedback')).toMatchObject({
      status: 'cancelled',
      endedAt: sh('2026-11-20 15:00'),
    });
    expect(view(d, 'first_reply')).toMatchObject({ cycle: 1, status: 'running' });
  });
});
