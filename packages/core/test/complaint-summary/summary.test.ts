import { describe, expect, it } from 'vitest';
import { type ComplaintFact, draftSummary, summarySchedule } from '../../src/complaint-summary/index';
import { cn2026 } from '../satisfaction/calendar-fixture';

describe('the monthly summary is drafted on the first working day of the month', () => {
  it.each([
    [
      '2026-09',
      '2026-10-08',
      '2026-10-13',
      'National Day closes 1–7 October; Saturday 10 October is a make-up day',
    ],
    ['2026-01', '2026-02-02', '2026-02-06', 'an ordinary Monday'],
    ['2026-02', '2026-03-02', '2026-03-06', 'after Spring Festival'],
    ['2025-12', '2026-01-04', '2026-01-08', '1–3 January closed; Sunday 4 January is a make-up day'],
  ])('the summary of %s is drafted %s and due %s (%s)', (month, draftOn, dueOn) => {
    const s = summarySchedule(month, cn2026);
    expect(s.draftOn).toBe(draftOn);
    expect(s.dueOn).toBe(dueOn);
  });
  it('counts the Spring Festival make-up Saturday 14 February as a working day', () => {
    expect(
      summarySchedule('2026-01', cn2026, { dueWorkingDay: 11, warnWorkingDays: 1, escalateWorkingDays: 2 })
        .dueOn,
    ).toBe('2026-02-14');
  });
  it('is due at the close of the due day, warned the working day before, escalated two working days after', () => {
    const { deadline } = summarySchedule('2026-09', cn2026);
    expect(deadline.dueAt.toISOString()).toBe('2026-10-13T10:00:00.000Z');
    expect(deadline.warnAt.toISOString()).toBe('2026-10-11T16:00:00.000Z');
    expect(deadline.escalateAt.toISOString()).toBe('2026-10-15T10:00:00.000Z');
  });
});

const fact = (over: Partial<ComplaintFact>): ComplaintFact => ({
  caseId: 'c',
  projectId: 'p',
  ownerId: 'o1',
  category: 'noise',
  channel: 'phone',
  severity: 'normal',
  receivedAt: new Date('2026-09-01T00:00:00Z'),
  firstResponseAt: new Date('2026-09-01T01:00:00Z'),
  resolvedAt: new Date('2026-09-02T00:00:00Z'),
  breached: false,
  reopenings: 0,
  group: false,
  claim: false,
  ...over,
});

describe('the draft figures', () => {
  it('counts by category, repeats, groups, claims, reopenings and the change from the month before', () => {
    const d = draftSummary(
      [
        fact({}),
        fact({ category: 'leak', breached: true, reopenings: 1 }),
        fact({ ownerId: 'o2', group: true, claim: true, resolvedAt: null }),
      ],
      [fact({})],
    );
    expect(d.figures).toMatchObject({
      total: 3,
      byCategory: { leak: 1, noise: 2 },
      breaches: 1,
      reopened: 1,
      repeatComplainants: 1,
      groupComplaints: 1,
      claims: 1,
      unresolved: 1,
    });
    expect(d.figures.firstResponseMinutes).toEqual({ p50: 60, p90: 60 });
    expect(d.changes.total).toEqual({ current: 3, previous: 1, delta: 2, ratio: 2 });
    expect(d.byCategoryChange.leak).toEqual({ current: 1, previous: 0, delta: 1, ratio: null });
  });
});
