import { describe, expect, it } from 'vitest';
import { cycleRange, parseCycleId, quarterCycle, quarterOf, quarterOfMonth } from '../../src/star/index';

describe('Service Star runs in quarters of the tenant’s local calendar', () => {
  it('an instant on 1 October in Shanghai belongs to 2026-Q4 even though it is still 30 September in UTC', () => {
    const q = quarterOf(Date.parse('2026-09-30T17:00:00Z'), 'Asia/Shanghai');
    expect(q).toMatchObject({
      id: '2026-Q4',
      year: 2026,
      quarter: 4,
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
    });
    expect(q.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(q.label).toEqual({ zh: '2026年第4季度', en: '2026 Q4' });
  });

  it('the same instant is still Q3 for a London branch', () => {
    expect(quarterOf(new Date('2026-09-30T17:00:00Z'), 'Europe/London').id).toBe('2026-Q3');
  });

  it('the first quarter of a leap year ends on 31 March and Q1 2027 starts on 1 January', () => {
    expect(quarterCycle(2028, 1)).toMatchObject({ startsOn: '2028-01-01', endsOn: '2028-03-31' });
    expect(quarterOfMonth('2027-01').id).toBe('2027-Q1');
  });

  it('a cycle id parses back to its quarter and rubbish parses to null', () => {
    expect(parseCycleId('2026-Q2')).toMatchObject({ startsOn: '2026-04-01', endsOn: '2026-06-30' });
    expect(parseCycleId('2026-Q5')).toBeNull();
    expect(parseCycleId('Q1-2026')).toBeNull();
  });

  it('the cycle range runs from local midnight to local midnight, to select case facts by instant', () => {
    const r = cycleRange(quarterCycle(2026, 4), 'Asia/Shanghai');
    expect(new Date(r.startsAt).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(r.endsAt).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
