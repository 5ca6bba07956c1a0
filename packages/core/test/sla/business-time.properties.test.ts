import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  addBusinessTimeWithPauses,
  businessTimeBetween,
  type Calendar,
  CalendarSchema,
  isOpen,
  roundTheClock,
  weekdays,
} from '../../src/sla/index';
import { hours, londonOffice, minutes, shanghaiOffice } from './support';

// Night shifts in London put working hours inside the spring-forward gap (01:00–02:00 on
// 29 March 2026 does not exist) and the autumn fold (01:00–02:00 on 25 October happens twice).
const londonNights = CalendarSchema.parse({
  timeZone: 'Europe/London',
  hours: Object.fromEntries(
    weekdays.map((d) => [
      d,
      [
        { start: '00:30', end: '01:30' },
        { start: '01:45', end: '02:15' },
        { start: '22:00', end: '24:00' },
      ],
    ]),
  ),
});

const calendars: [string, Calendar][] = [
  ['London night shifts across both DST changes', londonNights],
  ['the Shanghai office with 2026 holidays', shanghaiOffice],
  ['a London office across DST', londonOffice],
  ['round the clock', roundTheClock('Asia/Shanghai')],
];

// Instants through 2026, at millisecond resolution, and durations up to two working weeks.
// A third of the instants fall in the days around a European DST change, so the gap and fold are hit.
const near = (ms: number) => fc.integer({ min: ms - 3 * 86_400_000, max: ms + 86_400_000 });
const instant = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
    near(Date.UTC(2026, 2, 29, 1)),
    near(Date.UTC(2026, 9, 25, 1)),
  )
  .map((ms) => new Date(ms));
const duration = fc.integer({ min: 1, max: hours(80) });
const pauses = fc.array(
  fc.tuple(fc.integer({ min: -hours(48), max: hours(200) }), fc.integer({ min: 1, max: hours(72) })),
  { maxLength: 4 },
);

describe.each(calendars)('business time on %s', (_name, calendar) => {
  it('a business deadline never falls inside closed hours: it is open just before it', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        const due = addBusinessTime(t, d, calendar);
        expect(isOpen(new Date(due.getTime() - 1), calendar)).toBe(true);
      }),
    );
  });

  it('the business time from t to its deadline is exactly the duration asked for', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: hours(80) }), (t, d) => {
        expect(businessTimeBetween(t, addBusinessTime(t, d, calendar), calendar)).toBe(d);
      }),
    );
  });

  it('adding a then b equals adding a + b (same calendar, a and b ≥ 0 whole milliseconds)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: hours(40) }),
        fc.integer({ min: 0, max: hours(40) }),
        (t, a, b) => {
          const stepwise = addBusinessTime(addBusinessTime(t, a, calendar), b, calendar);
          expect(stepwise).toEqual(addBusinessTime(t, a + b, calendar));
        },
      ),
    );
  });

  it('pausing never shortens: a paused clock is due no earlier, and later by exactly the paused business time', () => {
    fc.assert(
      fc.property(instant, duration, pauses, (t, d, raw) => {
        const ps = raw.map(([offset, length]) => ({
          start: new Date(t.getTime() + offset),
          end: new Date(t.getTime() + offset + length),
        }));
        const plain = addBusinessTime(t, d, calendar);
        const paused = addBusinessTimeWithPauses(t, d, calendar, ps);
        expect(paused).not.toBeNull();
        expect(paused!.getTime()).toBeGreaterThanOrEqual(plain.getTime());
        // Running time from t to the paused deadline, pauses excluded, is still d.
        expect(businessTimeBetween(t, paused!, calendar, ps)).toBe(d);
      }),
    );
  });

  it('walking back a duration then forward again returns to an open instant no later than the start', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        const back = addBusinessTime(t, -d, calendar);
        expect(businessTimeBetween(back, t, calendar)).toBe(d);
        expect(isOpen(back, calendar)).toBe(true);
      }),
    );
  });
});

describe('business time is additive over adjacent ranges', () => {
  it('between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const sum = businessTimeBetween(a, b, shanghaiOffice) + businessTimeBetween(b, c, shanghaiOffice);
        expect(businessTimeBetween(a, c, shanghaiOffice)).toBe(sum);
      }),
      { numRuns: 50 },
    );
  });

  it('a minute of open time is a minute', () => {
    expect(
      businessTimeBetween(new Date('2026-11-19T02:00:00Z'), new Date('2026-11-19T02:01:00Z'), shanghaiOffice),
    ).toBe(minutes(1));
  });
});
