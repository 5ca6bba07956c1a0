import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  addBusinessTimeWithPauses,
  businessTimeBetween,
  endOfWorkingDay,
  isOpen,
  nextOpening,
  roundTheClock,
  wallToInstant,
  workingDayOn,
} from '../../src/sla/index';
import { hours, londonOffice, minutes, sh, shanghaiOffice } from './support';

describe('deadlines across the 2026 mainland holidays', () => {
  it('a task left two working hours before National Day is due on the Thursday after the week off', () => {
    expect(addBusinessTime(sh('2026-09-30 17:00'), hours(2), shanghaiOffice)).toEqual(sh('2026-10-08 10:00'));
  });

  it('the office works the make-up Sunday 20 September and Saturday 10 October but not the Sunday after', () => {
    expect(isOpen(sh('2026-09-20 10:00'), shanghaiOffice)).toBe(true);
    expect(isOpen(sh('2026-10-10 10:00'), shanghaiOffice)).toBe(true);
    expect(isOpen(sh('2026-10-11 10:00'), shanghaiOffice)).toBe(false);
    expect(isOpen(sh('2026-10-05 10:00'), shanghaiOffice)).toBe(false);
  });

  it('two hours from Friday 9 October 17:00 run into the make-up Saturday morning', () => {
    expect(addBusinessTime(sh('2026-10-09 17:00'), hours(2), shanghaiOffice)).toEqual(sh('2026-10-10 10:00'));
  });

  it('Spring Festival: the make-up Saturday 14 February works, then nothing until Tuesday 24 February', () => {
    expect(addBusinessTime(sh('2026-02-13 17:30'), hours(1), shanghaiOffice)).toEqual(sh('2026-02-14 09:30'));
    expect(addBusinessTime(sh('2026-02-14 17:00'), hours(2), shanghaiOffice)).toEqual(sh('2026-02-24 10:00'));
    expect(nextOpening(sh('2026-02-16 08:00'), shanghaiOffice)).toEqual(sh('2026-02-24 09:00'));
  });

  it('the lunch break does not count', () => {
    expect(addBusinessTime(sh('2026-11-19 11:30'), hours(1), shanghaiOffice)).toEqual(sh('2026-11-19 14:00'));
    expect(businessTimeBetween(sh('2026-11-19 11:00'), sh('2026-11-19 14:30'), shanghaiOffice)).toBe(
      hours(2),
    );
  });

  it('a repair dispatched at 17:50 on Thursday must be contacted by 09:20 on Friday', () => {
    expect(addBusinessTime(sh('2026-11-19 17:50'), minutes(30), shanghaiOffice)).toEqual(
      sh('2026-11-20 09:20'),
    );
  });

  it('a complaint on Friday evening is answered within 24 hours round the clock, by Saturday evening', () => {
    const cal = roundTheClock('Asia/Shanghai');
    expect(addBusinessTime(sh('2026-11-20 20:00'), hours(24), cal)).toEqual(sh('2026-11-21 20:00'));
  });

  it('a deadline due exactly at closing time stays at closing time rather than jumping to the next morning', () => {
    expect(addBusinessTime(sh('2026-11-19 17:00'), hours(1), shanghaiOffice)).toEqual(sh('2026-11-19 18:00'));
  });

  it('subtracting business time walks back over the night', () => {
    expect(addBusinessTime(sh('2026-11-20 09:30'), -hours(1), shanghaiOffice)).toEqual(
      sh('2026-11-19 17:30'),
    );
  });

  it('the end of the working day is today’s close, or the next working day’s once closed', () => {
    expect(endOfWorkingDay(sh('2026-11-19 10:00'), shanghaiOffice)).toEqual(sh('2026-11-19 18:00'));
    expect(endOfWorkingDay(sh('2026-11-19 18:00'), shanghaiOffice)).toEqual(sh('2026-11-20 18:00'));
    expect(endOfWorkingDay(sh('2026-09-30 19:00'), shanghaiOffice)).toEqual(sh('2026-10-08 18:00'));
  });

  it('a pause on a working afternoon pushes the deadline back by the working time it covered', () => {
    const pauses = [{ start: sh('2026-11-19 14:00'), end: sh('2026-11-19 20:00') }];
    // 4 working hours paused (14:00–18:00): the 2-hour task due at 16:00 is now due at 11:00 Friday.
    expect(addBusinessTimeWithPauses(sh('2026-11-19 14:00'), hours(2), shanghaiOffice, pauses)).toEqual(
      sh('2026-11-20 11:00'),
    );
    expect(
      addBusinessTimeWithPauses(sh('2026-11-19 14:00'), hours(2), shanghaiOffice, [
        { start: sh('2026-11-19 15:00'), end: null },
      ]),
    ).toBeNull();
  });
});

describe('time zones with and without daylight saving', () => {
  const utc = (iso: string) => new Date(iso);

  it('a London office opens at 09:00 local on both sides of the March change', () => {
    // Friday 27 March 2026 is GMT; Monday 30 March is BST (UTC+1).
    expect(addBusinessTime(utc('2026-03-27T16:00:00Z'), hours(2), londonOffice)).toEqual(
      utc('2026-03-30T09:00:00Z'),
    );
    expect(nextOpening(utc('2026-03-28T12:00:00Z'), londonOffice)).toEqual(utc('2026-03-30T08:00:00Z'));
  });

  it('and across the October change back to GMT', () => {
    expect(addBusinessTime(utc('2026-10-23T15:00:00Z'), hours(2), londonOffice)).toEqual(
      utc('2026-10-26T10:00:00Z'),
    );
  });

  it('24 hours round the clock are 24 real hours: the London wall clock moves an hour, Shanghai’s does not', () => {
    const london = addBusinessTime(utc('2026-03-28T12:00:00Z'), hours(24), roundTheClock('Europe/London'));
    const shanghai = addBusinessTime(utc('2026-03-28T12:00:00Z'), hours(24), roundTheClock('Asia/Shanghai'));
    expect(london).toEqual(utc('2026-03-29T12:00:00Z'));
    expect(shanghai).toEqual(london);
    expect(london.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })).toBe('13:00:00');
    expect(shanghai.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' })).toBe('20:00:00');
  });

  it('a wall time inside the spring gap maps to the end of the gap, one in the autumn fold to its first occurrence', () => {
    expect(new Date(wallToInstant('2026-03-29', 90, 'Europe/London'))).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(new Date(wallToInstant('2026-10-25', 90, 'Europe/London'))).toEqual(utc('2026-10-25T00:30:00Z'));
    expect(new Date(wallToInstant('2026-03-29', 90, 'Asia/Shanghai'))).toEqual(utc('2026-03-28T17:30:00Z'));
  });

  it('a London business day on the change Sunday is closed and Monday has 8 hours', () => {
    expect(businessTimeBetween(utc('2026-03-29T00:00:00Z'), utc('2026-03-31T00:00:00Z'), londonOffice)).toBe(
      hours(8),
    );
  });
});

describe('the working day of a local date (daily department report)', () => {
  it('runs from local midnight to the last close of the date, and is null on a day off', () => {
    // Shanghai office hours close at 18:00 on a working Thursday.
    expect(workingDayOn('2026-11-19', shanghaiOffice)).toEqual({
      start: sh('2026-11-19 00:00'),
      end: sh('2026-11-19 18:00'),
    });
    // National Day, a Sunday, and the make-up Saturday 10 October (which works).
    expect(workingDayOn('2026-10-01', shanghaiOffice)).toBeNull();
    expect(workingDayOn('2026-11-22', shanghaiOffice)).toBeNull();
    expect(workingDayOn('2026-10-10', shanghaiOffice)?.end).toEqual(sh('2026-10-10 18:00'));
    // Round the clock: the day ends at the next midnight.
    expect(workingDayOn('2026-10-01', roundTheClock())).toEqual({
      start: sh('2026-10-01 00:00'),
      end: sh('2026-10-02 00:00'),
    });
  });
});
