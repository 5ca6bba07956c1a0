import { describe, expect, it } from 'vitest';
import {
  type DefectClock,
  DefectMeetingSchema,
  defectAlertsDue,
  defectDeadlines,
  meetingAgenda,
  parseDefectSettings,
  undecidableDefects,
  workingDatesAfter,
} from '../../src/defects/index';
import { officeHoursCalendar, withHolidays } from '../../src/sla/calendar';

const settings = parseDefectSettings();
// Office hours, Shanghai; 2026-10-01..07 National Day holiday, Saturday 2026-10-10 a make-up day.
const calendar = withHolidays(officeHoursCalendar, {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeUpDays: ['2026-10-10'],
});
const impact = (risk: 'low' | 'medium' | 'high', householdsAffected: number) => ({
  risk,
  householdsAffected,
  estimatedLossFen: 0,
});
const found = new Date('2026-09-01T02:00:00Z');

describe('defect meetings', () => {
  it('the agenda puts defects awaiting a decision first, then overdue ones, by risk and households', () => {
    const agenda = meetingAgenda([
      { id: 'rect', status: 'rectifying', impact: impact('high', 50), foundAt: found },
      { id: 'low', status: 'accepted', impact: impact('low', 90), foundAt: found },
      { id: 'high', status: 'accepted', impact: impact('high', 3), foundAt: found },
      { id: 'late', status: 'overdue', impact: impact('low', 1), foundAt: found },
      { id: 'sugg', status: 'suggested', impact: impact('high', 99), foundAt: found },
      { id: 'done', status: 'closed', impact: impact('high', 99), foundAt: found },
    ]);
    expect(agenda).toEqual([
      { defectId: 'high', purpose: 'decide' },
      { defectId: 'low', purpose: 'decide' },
      { defectId: 'late', purpose: 'review' },
      { defectId: 'rect', purpose: 'review' },
    ]);
  });

  it('a meeting decides each defect once, and only accepted ones', () => {
    const decision = {
      defectId: 'd1',
      preventionMeasure: '外窗增加披水板',
      responsibleDepartmentId: 'dept_eng',
      rectificationDueOn: '2026-10-30',
    };
    const bad = DefectMeetingSchema.safeParse({
      heldAt: '2026-09-28T10:00:00+08:00',
      chairId: 'stf_1',
      decisions: [decision, decision],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['decisions', 1, 'defectId']);
    const meeting = DefectMeetingSchema.parse({
      heldAt: '2026-09-28T10:00:00+08:00',
      chairId: 'stf_1',
      decisions: [decision, { ...decision, defectId: 'd2' }],
    });
    expect(
      undecidableDefects(meeting, [
        { id: 'd1', status: 'accepted' },
        { id: 'd2', status: 'suggested' },
      ]),
    ).toEqual([{ defectId: 'd2', status: 'suggested' }]);
  });
});

describe('rectification deadlines on the tenant calendar', () => {
  it('feedback is due five working dates after the meeting, skipping the National Day holiday', () => {
    // Meeting Monday 2026-09-28: 29, 30, then 8, 9 (Fri), 10 (make-up Saturday).
    expect(workingDatesAfter(new Date('2026-09-28T02:00:00Z'), 5, calendar)).toBe('2026-10-10');
  });

  it('a deadline is the close of its date’s working day, or the next working day’s when the date is closed', () => {
    const heldAt = new Date('2026-09-28T02:00:00Z');
    const d = defectDeadlines(
      { feedbackDueOn: null, rectificationDueOn: '2026-10-31' },
      heldAt,
      calendar,
      settings,
    );
    expect(d.feedback.toISOString()).toBe('2026-10-10T10:00:00.000Z'); // 18:00 Shanghai
    // Saturday 31 October is closed: Monday 2 November 18:00.
    expect(d.completion.toISOString()).toBe('2026-11-02T10:00:00.000Z');
  });

  const deadlines = {
    feedback: new Date('2026-10-16T10:00:00Z'),
    completion: new Date('2026-10-30T10:00:00Z'),
  };
  const clock: DefectClock = { defectId: 'd1', deadlines, feedbackAt: null, completedAt: null };
  const due = (now: string, recorded: string[] = [], c = clock) =>
    defectAlertsDue([c], { now: new Date(now), calendar, settings, recorded: new Set(recorded) }).map(
      (a) => a.key,
    );

  it('warns 16 business hours before, breaches after, and escalates 16 business hours after, each once', () => {
    // Working days of 7.5 hours: 16 business hours before Friday 18:00 is Wednesday 17:00.
    expect(due('2026-10-14T08:59:00Z')).toEqual([]);
    expect(due('2026-10-14T09:00:00Z')).toEqual(['d1:feedback:warning']);
    expect(due('2026-10-14T10:00:00Z', ['d1:feedback:warning'])).toEqual([]);
    expect(due('2026-10-16T10:00:01Z', ['d1:feedback:warning'])).toEqual(['d1:feedback:breach']);
    // Escalation: Wednesday 21 October 10:00 (the weekend does not count).
    expect(due('2026-10-21T02:00:00Z', ['d1:feedback:warning', 'd1:feedback:breach'])).toEqual([]);
    expect(due('2026-10-21T02:00:01Z', ['d1:feedback:warning', 'd1:feedback:breach'])).toEqual([
      'd1:feedback:escalation',
    ]);
  });

  it('a pass that comes late records the breach and the escalation, not a stale warning', () => {
    expect(due('2026-10-22T00:00:00Z')).toEqual(['d1:feedback:breach', 'd1:feedback:escalation']);
  });

  it('feedback given stops its clock; completion keeps its own', () => {
    const c = { ...clock, feedbackAt: new Date('2026-10-15T02:00:00Z') };
    expect(due('2026-11-05T00:00:00Z', [], c)).toEqual(['d1:completion:breach', 'd1:completion:escalation']);
    expect(due('2026-11-05T00:00:00Z', [], { ...c, completedAt: new Date('2026-10-29T02:00:00Z') })).toEqual(
      [],
    );
  });
});
