import { describe, expect, it } from 'vitest';
import { followupDoneRate, followupDueAt, isUnsatisfied, parseCaseSettings } from '../../src/cases/index';
import { at, days, settings } from './support';

describe('follow-up (回访)', () => {
  it('falls due 3 days after completion or resolution by default, per tenant otherwise', () => {
    expect(followupDueAt('repair', at(0), settings)).toEqual(at(days(3)));
    expect(followupDueAt('complaint', at(0), settings)).toEqual(at(days(3)));
    expect(followupDueAt('inquiry', at(0), settings)).toBeNull();
    const tenant = parseCaseSettings({ followupDelayDays: { repair: 2, complaint: 1 } });
    expect(followupDueAt('repair', at(0), tenant)).toEqual(at(days(2)));
    expect(followupDueAt('complaint', at(0), tenant)).toEqual(at(days(1)));
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
