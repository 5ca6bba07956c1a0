import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  CalendarOverrideSchema,
  CalendarSchema,
  cnMainlandDays,
  cnMainlandHolidays,
  cnMainlandYears,
  isOpen,
  mergeCalendars,
  officeHoursCalendar,
} from '../../src/sla/index';
import { hours, sh, shanghaiOffice } from './support';

const issues = (input: unknown) => {
  const result = CalendarSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('an admin saving a business calendar', () => {
  const mon = (...spans: [string, string][]) => ({
    hours: { mon: spans.map(([start, end]) => ({ start, end })) },
  });

  it('gets Shanghai, business hours and no holidays by default', () => {
    const cal = CalendarSchema.parse(mon(['09:00', '18:00']));
    expect(cal).toMatchObject({
      timeZone: 'Asia/Shanghai',
      roundTheClock: false,
      holidays: [],
      makeUpDays: [],
    });
  });

  it('may split a day into a morning and an afternoon, touching or not', () => {
    expect(issues(mon(['09:00', '12:00'], ['13:30', '18:00']))).toEqual([]);
    expect(issues(mon(['09:00', '12:00'], ['12:00', '18:00']))).toEqual([]);
    expect(issues(mon(['00:00', '24:00']))).toEqual([]);
  });

  it('is told which interval overlaps which', () => {
    expect(issues(mon(['09:00', '12:00'], ['11:00', '18:00']))).toEqual([
      { path: 'hours.mon.1.start', message: '11:00–18:00 overlaps 09:00–12:00' },
    ]);
  });

  it('is told when an interval ends before it starts', () => {
    expect(issues(mon(['18:00', '09:00']))).toEqual([
      { path: 'hours.mon.0.end', message: 'end 09:00 must be after start 18:00' },
    ]);
    expect(issues(mon(['25:00', '26:00']))[0]?.path).toBe('hours.mon.0.start');
  });

  it('is told an unknown time zone is unknown', () => {
    expect(issues({ ...mon(['09:00', '18:00']), timeZone: 'Asia/Beijing' })).toEqual([
      { path: 'timeZone', message: 'unknown time zone (an IANA name such as Asia/Shanghai)' },
    ]);
  });

  it('cannot make a date both a holiday and a make-up working day', () => {
    expect(
      issues({ ...mon(['09:00', '18:00']), holidays: ['2026-10-10'], makeUpDays: ['2026-10-10'] }),
    ).toEqual([{ path: 'makeUpDays.0', message: '2026-10-10 is both a holiday and a make-up working day' }]);
    expect(issues({ ...mon(['09:00', '18:00']), holidays: ['2026-02-30'] })[0]).toEqual({
      path: 'holidays.0',
      message: 'not a calendar date',
    });
  });

  it('cannot save a business-hours calendar with no hours at all, but can save a round-the-clock one', () => {
    expect(issues({})).toEqual([
      { path: 'hours', message: 'a business-hours calendar needs working hours on at least one weekday' },
    ]);
    expect(issues({ roundTheClock: true })).toEqual([]);
  });
});

describe('make-up working days (调休)', () => {
  it('work the Monday hours by default, another weekday’s, or explicit hours', () => {
    const cal = CalendarSchema.parse({
      hours: { mon: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '16:00' }] },
      makeUpDays: [
        '2026-10-10',
        { date: '2026-10-11', hoursOf: 'fri' },
        { date: '2026-10-17', hours: [{ start: '10:00', end: '12:00' }] },
      ],
    });
    expect(addBusinessTime(sh('2026-10-10 17:00'), hours(1), cal)).toEqual(sh('2026-10-10 18:00'));
    expect(isOpen(sh('2026-10-11 16:30'), cal)).toBe(false);
    expect(isOpen(sh('2026-10-11 15:30'), cal)).toBe(true);
    expect(isOpen(sh('2026-10-17 11:00'), cal)).toBe(true);
    expect(isOpen(sh('2026-10-17 13:00'), cal)).toBe(false);
  });
});

describe('tenant, branch and project calendars', () => {
  it('the project’s hours replace the tenant’s for the weekdays it names, the rest carry over', () => {
    const branch = CalendarOverrideSchema.parse({ hours: { sat: [{ start: '09:00', end: '12:00' }] } });
    const project = CalendarOverrideSchema.parse({ hours: { mon: [{ start: '08:00', end: '20:00' }] } });
    const cal = mergeCalendars(shanghaiOffice, branch, project);
    expect(cal.hours.mon).toEqual([{ start: '08:00', end: '20:00' }]);
    expect(cal.hours.tue).toEqual(shanghaiOffice.hours.tue);
    expect(cal.hours.sat).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(cal.timeZone).toBe('Asia/Shanghai');
  });

  it('a project can work a tenant holiday and close a tenant make-up day: the nearer layer decides the date', () => {
    const project = CalendarOverrideSchema.parse({ makeUpDays: ['2026-10-02'], holidays: ['2026-10-10'] });
    const cal = mergeCalendars(shanghaiOffice, null, project);
    expect(isOpen(sh('2026-10-02 10:00'), cal)).toBe(true);
    expect(isOpen(sh('2026-10-10 10:00'), cal)).toBe(false);
    expect(isOpen(sh('2026-10-03 10:00'), cal)).toBe(false);
  });

  it('a branch override adds its own local holiday to the national ones', () => {
    const branch = CalendarOverrideSchema.parse({ holidays: ['2026-11-19'] });
    const cal = mergeCalendars(shanghaiOffice, branch);
    expect(isOpen(sh('2026-11-19 10:00'), cal)).toBe(false);
    expect(cal.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-11-19']));
  });
});

describe('the shipped mainland-China holiday data', () => {
  it('covers 2026 as the State Council announced it and does not guess 2027', () => {
    expect(cnMainlandYears).toEqual([2026]);
    expect(cnMainlandHolidays[2027]).toBeUndefined();
    const days = cnMainlandDays([2026, 2027]);
    expect(days.holidays).toHaveLength(33);
    expect(days.makeUpDays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.holidays).toEqual(
      expect.arrayContaining([
        '2026-01-03',
        '2026-02-23',
        '2026-04-06',
        '2026-05-05',
        '2026-06-21',
        '2026-09-27',
        '2026-10-07',
      ]),
    );
  });

  it('every make-up day falls on a weekend and every holiday list parses as a calendar', () => {
    for (const d of cnMainlandDays().makeUpDays)
      expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(() => CalendarSchema.parse({ ...officeHoursCalendar, ...cnMainlandDays() })).not.toThrow();
  });
});
