import { describe, expect, it } from 'vitest';
import {
  deadlineDate,
  decideSubmission,
  monthlyDeadline,
  parseStarSettings,
  type StarSettings,
} from '../../src/star/index';
import { addDays, localDateOf } from '../../src/time-zone';

const shanghai = parseStarSettings({});
const london = parseStarSettings({ timeZone: 'Europe/London' });
const iso = (ms: number) => new Date(ms).toISOString();

describe('the monthly nomination deadline falls on the Wednesday of the last week', () => {
  it.each([
    ['2026-04', '2026-04-29', 'April 2026 starts on a Wednesday and ends on a Thursday'],
    ['2026-07', '2026-07-29', 'July 2026 starts on a Wednesday and ends on a Friday'],
    ['2026-03', '2026-03-25', 'March 2026 ends on a Tuesday: the next Wednesday would be April'],
    ['2026-11', '2026-11-25', 'November 2026 ends on a Monday'],
    ['2026-02', '2026-02-25', 'February 2026, not a leap year, ends on a Saturday'],
    ['2024-02', '2024-02-28', 'February 2024, a leap year, ends on Thursday the 29th'],
    ['2028-02', '2028-02-23', 'February 2028, a leap year, ends on Tuesday the 29th'],
    ['2026-12', '2026-12-30', 'December 2026, the last month before the year turns'],
    ['2027-01', '2027-01-27', 'January 2027, the first month after it'],
  ])('%s: a project manager must submit by %s (%s)', (month, date) => {
    expect(deadlineDate(month, 'last_wednesday')).toBe(date);
    expect(deadlineDate(month, 'iso_last_week')).toBe(date);
  });

  it('when a month ends on a Wednesday, the default rule takes that day and the ISO-week rule the week before', () => {
    expect(deadlineDate('2026-09', 'last_wednesday')).toBe('2026-09-30');
    expect(deadlineDate('2026-09', 'iso_last_week')).toBe('2026-09-23');
    expect(deadlineDate('2025-12', 'last_wednesday')).toBe('2025-12-31');
    expect(deadlineDate('2025-12', 'iso_last_week')).toBe('2025-12-24');
  });

  it('under either rule the deadline is a Wednesday inside its own month, for ten years of months', () => {
    for (let year = 2024; year < 2034; year++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        for (const rule of ['last_wednesday', 'iso_last_week'] as const) {
          const date = deadlineDate(month, rule);
          expect(date.slice(0, 7)).toBe(month);
          expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(3);
          if (rule === 'last_wednesday') expect(addDays(date, 7).slice(0, 7)).not.toBe(month);
        }
      }
    }
  });
});

describe('the deadline instant in the tenant time zone', () => {
  it('in Shanghai the October 2026 deadline is 23:59:59.999 local on the 28th, 15:59:59.999 UTC', () => {
    expect(iso(monthlyDeadline('2026-10', shanghai).at)).toBe('2026-10-28T15:59:59.999Z');
  });

  it('December 2026 closes on 30 December and January 2027 on 27 January, across the year edge', () => {
    expect(iso(monthlyDeadline('2026-12', shanghai).at)).toBe('2026-12-30T15:59:59.999Z');
    expect(iso(monthlyDeadline('2027-01', shanghai).at)).toBe('2027-01-27T15:59:59.999Z');
  });

  it('a tenant that closes at 17:30 local gets 09:30 UTC in Shanghai', () => {
    const settings = parseStarSettings({ deadlineLocalTime: '17:30' });
    expect(iso(monthlyDeadline('2026-10', settings).at)).toBe('2026-10-28T09:30:00.000Z');
  });

  it('a London tenant: winter time in March before the clocks change, summer time in April, winter again in October', () => {
    expect(iso(monthlyDeadline('2026-03', london).at)).toBe('2026-03-25T23:59:59.999Z');
    expect(iso(monthlyDeadline('2026-04', london).at)).toBe('2026-04-29T22:59:59.999Z');
    expect(iso(monthlyDeadline('2026-10', london).at)).toBe('2026-10-28T23:59:59.999Z');
  });

  it('in London and New York, every deadline for five years is the last millisecond of the local day', () => {
    for (const timeZone of ['Europe/London', 'America/New_York']) {
      const settings = parseStarSettings({ timeZone });
      for (let year = 2026; year < 2031; year++) {
        for (let m = 1; m <= 12; m++) {
          const d = monthlyDeadline(`${year}-${String(m).padStart(2, '0')}`, settings);
          expect(localDateOf(d.at, timeZone)).toBe(d.date);
          expect(localDateOf(d.at + 1, timeZone)).toBe(addDays(d.date, 1));
        }
      }
    }
  });
});

describe('a late nomination is refused or flagged as the tenant decides', () => {
  const at = (s: string) => Date.parse(s);
  const refuse: StarSettings = parseStarSettings({ latePolicy: 'refuse' });

  it('a form submitted at 23:59 on the deadline day in Shanghai is on time', () => {
    const d = decideSubmission({ submittedAt: at('2026-10-28T23:59:00+08:00'), settings: refuse });
    expect(d).toMatchObject({ outcome: 'on_time', accepted: true, late: false });
  });

  it('a form submitted one minute after midnight is refused when the tenant refuses late forms', () => {
    const d = decideSubmission({ submittedAt: at('2026-10-29T00:01:00+08:00'), settings: refuse });
    expect(d).toMatchObject({ outcome: 'late_refused', accepted: false, late: true, lateByMs: 60_001 });
  });

  it('the same form is accepted with a late flag under the default policy', () => {
    const d = decideSubmission({ submittedAt: at('2026-10-29T00:01:00+08:00'), settings: shanghai });
    expect(d).toMatchObject({ outcome: 'late_flagged', accepted: true, late: true });
  });

  it('a form for December submitted on 2 January is late for December, not on time for January', () => {
    const d = decideSubmission({
      submittedAt: at('2027-01-02T10:00:00+08:00'),
      month: '2026-12',
      settings: refuse,
    });
    expect(d.outcome).toBe('late_refused');
    expect(d.deadline.date).toBe('2026-12-30');
  });

  it('the month is read in the tenant zone: 31 Oct 17:00 UTC is already 1 November in Shanghai', () => {
    const d = decideSubmission({ submittedAt: at('2026-10-31T17:00:00Z'), settings: refuse });
    expect(d.deadline.month).toBe('2026-11');
    expect(d.outcome).toBe('on_time');
  });
});
