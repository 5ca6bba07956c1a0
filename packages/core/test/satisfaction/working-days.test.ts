import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineState,
  deadlineStates,
  isWorkingDate,
  nthWorkingDateOfMonth,
  recheckKeyAt,
  recheckSchedule,
  shiftMonth,
  workingDayDeadline,
} from '../../src/satisfaction/index';
import { addDays } from '../../src/sla/index';
import { cn2026 } from './calendar-fixture';

const date2026 = fc.integer({ min: 0, max: 364 }).map((i) => addDays('2026-01-01', i));

describe('working dates on the 2026 mainland calendar', () => {
  it('make-up Saturdays work, holiday weekdays do not', () => {
    expect(isWorkingDate('2026-10-10', cn2026)).toBe(true);
    expect(isWorkingDate('2026-02-14', cn2026)).toBe(true);
    expect(isWorkingDate('2026-10-05', cn2026)).toBe(false);
    expect(isWorkingDate('2026-02-16', cn2026)).toBe(false);
    expect(nthWorkingDateOfMonth('2026-10', 1, cn2026)).toBe('2026-10-08');
    expect(addWorkingDays('2026-02-13', 1, cn2026)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1, cn2026)).toBe('2026-02-24');
  });
  it('months shift across years', () => {
    expect([shiftMonth('2026-12', 1), shiftMonth('2026-01', -1), shiftMonth('2026-03', -15)]).toEqual([
      '2027-01',
      '2025-12',
      '2024-12',
    ]);
  });
  it('a deadline is warned no later than due, and escalated no earlier, on any date', () => {
    fc.assert(
      fc.property(
        date2026,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (d, warnDays, escalateDays) => {
          const dl = workingDayDeadline(d, cn2026, { warnDays, escalateDays });
          expect(dl.warnAt.getTime()).toBeLessThanOrEqual(dl.dueAt.getTime());
          expect(dl.dueAt.getTime()).toBeLessThanOrEqual(dl.escalateAt.getTime());
        },
      ),
    );
  });
  it('the state only moves forward with time', () => {
    const dl = workingDayDeadline('2026-09-30', cn2026, { warnDays: 2, escalateDays: 2 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        (t, step) => {
          const base = Date.parse('2026-09-15T00:00:00Z');
          const a = deadlineStates.indexOf(deadlineState(dl, new Date(base + t)));
          const b = deadlineStates.indexOf(deadlineState(dl, new Date(base + t + step)));
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});

describe('re-check settings and keys', () => {
  it('due one working day before the quarter end: Q3 2026 falls on Tuesday 29 September', () => {
    const [q3] = recheckSchedule(
      '2026-05-10',
      cn2026,
      { dueWorkingDaysBeforeQuarterEnd: 1, warnWorkingDays: 5, escalateWorkingDays: 3 },
      1,
    );
    expect(q3?.dueDate).toBe('2026-09-29');
  });
  it('a re-check made just after Shanghai midnight on 1 October counts for Q4', () => {
    expect(recheckKeyAt(new Date('2026-09-30T16:30:00Z'), cn2026)).toBe('2026-Q4');
  });
});
