import { describe, expect, it } from 'vitest';
import {
  applyAction,
  defaultCaseSettings,
  followupDoneRate,
  isUnsatisfied,
  parseCaseSettings,
} from '../../src/cases/index';
import { agent, at, days, defaultFollowupMinutes, hours, newCase, Story, settings } from './support';

describe('follow-up (回访)', () => {
  it('falls due when the SLA policy says: the default policies follow up 3 days after completion or resolution', () => {
    expect(defaultFollowupMinutes('repair')).toBe(3 * 24 * 60);
    expect(defaultFollowupMinutes('complaint')).toBe(3 * 24 * 60);
  });

  it('takes its due time from the deadlines the edge passes, and none without them', () => {
    const story = new Story(newCase('complaint'));
    story.step({ type: 'assign_department', departmentId: 'dept_cs' }, agent, at(hours(1)));
    const resolve = { type: 'resolve', note: '已处理' } as const;
    const withPolicy = applyAction(story.snapshot, resolve, agent, at(hours(2)), settings, {
      contactDueAt: null,
      followupDueAt: at(days(5)),
    });
    expect(withPolicy.changes.followupDueAt).toEqual(at(days(5)));
    expect(withPolicy.events.find((e) => e.name === 'followup.scheduled')?.data.dueAt).toBe(
      at(days(5)).toISOString(),
    );
    // A tenant whose policies define no follow-up milestone schedules none.
    const without = applyAction(story.snapshot, resolve, agent, at(hours(2)), settings);
    expect(without.changes.followupDueAt).toBeNull();
  });

  it('is no longer a case setting: the policy is the one source', () => {
    expect(defaultCaseSettings).not.toHaveProperty('followupDelayDays');
    expect(parseCaseSettings({ followupDelayDays: { repair: 1 } })).not.toHaveProperty('followupDelayDays');
  });

  it('is unsatisfied at or below 2 by default', () => {
    expect([1, 2, 3, 4, 5].map((s) => isUnsatisfied(s, settings))).toEqual([true, true, false, false, false]);
  });

  it('done rate counts follow-ups due by now, and early ones already done', () => {
    const now = at(days(10));
    const rate = followupDoneRate(
      [
        { followupDueAt: at(days(3)), followedUpAt: at(days(3)) }, // done
        { followupDueAt: at(days(5)), followedUpAt: null }, // overdue
        { followupDueAt: at(days(12)), followedUpAt: at(days(9)) }, // done early
        { followupDueAt: at(days(12)), followedUpAt: null }, // not yet due
        { followupDueAt: null, followedUpAt: null }, // an inquiry
      ],
      now,
    );
    expect(rate).toEqual({ due: 3, done: 2, overdue: 1, rate: 2 / 3 });
    expect(followupDoneRate([], now).rate).toBeNull();
  });
});
