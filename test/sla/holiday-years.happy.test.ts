import { sla } from '@guanjia/core';
import { describe, expect, it } from 'vitest';

const office = sla.withHolidays(sla.officeHoursCalendar, sla.cnMainlandDays());

describe('a year without official holiday data', () => {
  it('falls back to plain weekends: 2027-01-01 (a Friday) works, 2026-01-01 (元旦) does not', () => {
    expect(sla.isOpen(new Date('2027-01-01T02:00:00Z'), office)).toBe(true);
    expect(sla.isOpen(new Date('2027-01-02T02:00:00Z'), office)).toBe(false); // Saturday
    expect(sla.isOpen(new Date('2026-01-01T02:00:00Z'), office)).toBe(false);
  });

  it('is named for the tenant admin: next year from December, this year when it is uncovered', () => {
    expect(sla.holidayYearsMissing(office, '2026-11-30')).toEqual([]);
    expect(sla.holidayYearsMissing(office, '2026-12-01')).toEqual([2027]);
    expect(sla.holidayYearsMissing(office, '2027-03-15')).toEqual([2027]);
    expect(sla.holidayYearsMissing(office, '2027-12-10')).toEqual([2027, 2028]);
  });

  it('is covered once the calendar holds its own days of that year', () => {
    const entered = sla.withHolidays(office, { holidays: ['2027-01-01'], makeUpDays: [] });
    expect(sla.holidayYearsMissing(entered, '2026-12-01')).toEqual([]);
    const makeUpOnly = { ...office, makeUpDays: [{ date: '2027-02-06' }] };
    expect(sla.holidayYearsMissing(makeUpOnly, '2027-01-05')).toEqual([]);
  });
});
