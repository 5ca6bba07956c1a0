import { addDays, localDateOf, wallToInstant, weekdayIndex } from '../time-zone';
import { type Calendar, hoursOn, weekdays } from './calendar';

/*
 * Deadline maths over a business calendar. The calendar is open on half-open instants
 * [open, close); touching intervals (12:00–13:00 then 13:00–18:00, or a day open until 24:00
 * and the next from 00:00) join into one. Durations are milliseconds of open time.
 */

/** A stretch of time the clock stood still. `end: null` means still paused. */
export interface Pause {
  start: Date;
  end: Date | null;
}

type Span = [number, number];

// A calendar needs weekly hours (the schema checks), so openings recur within days; this bound
// only stops a runaway loop on a hand-built calendar whose holidays cover years.
const MAX_CLOSED_DAYS = 3700;

function daySpans(calendar: Calendar, date: string): Span[] {
  const weekday = weekdays[weekdayIndex(date)]!;
  return hoursOn(calendar, date, weekday).map(([s, e]) => [
    wallToInstant(date, s, calendar.timeZone),
    e === 1440
      ? wallToInstant(addDays(date, 1), 0, calendar.timeZone)
      : wallToInstant(date, e, calendar.timeZone),
  ]);
}

/** Open intervals from `from` onwards, clipped to start no earlier than it. */
export function* openIntervalsFrom(from: number, calendar: Calendar): Generator<Span> {
  if (calendar.roundTheClock) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  let date = localDateOf(from, calendar.timeZone);
  let pending: Span | null = null;
  let closedDays = 0;
  for (;;) {
    const spans = daySpans(calendar, date).filter(([, e]) => e > from);
    closedDays = spans.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) throw new Error('calendar has no working time within ten years');
    for (const [s, e] of spans) {
      const start = Math.max(s, from);
      if (pending && start <= pending[1]) pending[1] = Math.max(pending[1], e);
      else {
        if (pending) yield pending;
        pending = [start, e];
      }
    }
    date = addDays(date, 1);
  }
}

/** Open intervals before `until`, latest first, clipped to end no later than it. */
export function* openIntervalsBefore(until: number, calendar: Calendar): Generator<Span> {
  if (calendar.roundTheClock) {
    yield [Number.NEGATIVE_INFINITY, until];
    return;
  }
  let date = localDateOf(until, calendar.timeZone);
  let pending: Span | null = null;
  let closedDays = 0;
  for (;;) {
    const spans = daySpans(calendar, date).filter(([s]) => s < until);
    closedDays = spans.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) throw new Error('calendar has no working time within ten years');
    for (const [s, e] of spans.reverse()) {
      const end = Math.min(e, until);
      if (pending && end >= pending[0]) pending[0] = Math.min(pending[0], s);
      else {
        if (pending) yield pending;
        pending = [s, end];
      }
    }
    date = addDays(date, -1);
  }
}

/** Sorted, joined pause intervals as epoch ms; an open pause runs to +∞. */
function pauseSpans(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map((p): Span => [p.start.getTime(), p.end ? p.end.getTime() : Number.POSITIVE_INFINITY])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const joined: Span[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else joined.push([span[0], span[1]]);
  }
  return joined;
}

/** Open intervals from `from` with the pauses cut out. */
function* runningIntervalsFrom(from: number, calendar: Calendar, pauses: readonly Pause[]): Generator<Span> {
  const cuts = pauseSpans(pauses);
  for (const [s, e] of openIntervalsFrom(from, calendar)) {
    let start = s;
    for (const [ps, pe] of cuts) {
      if (pe <= start || ps >= e) continue;
      if (ps > start) yield [start, ps];
      start = Math.max(start, pe);
      if (start >= e) break;
    }
    if (start < e) yield [start, e];
    // An open-ended pause past this point: no running time will ever come.
    if (cuts.some(([ps, pe]) => pe === Number.POSITIVE_INFINITY && ps <= e)) return;
  }
}

/**
 * The instant `durationMs` of business time after `start`. For a positive duration the result
 * lies inside an open interval or exactly at its close (due "by 18:00", not "at 09:00 the next
 * morning"); zero returns `start` unchanged; a negative duration walks back and lands inside an
 * open interval or at its opening.
 */
export function addBusinessTime(start: Date, durationMs: number, calendar: Calendar): Date {
  const from = start.getTime();
  if (durationMs === 0) return new Date(from);
  let left = Math.abs(durationMs);
  if (durationMs > 0) {
    for (const [s, e] of openIntervalsFrom(from, calendar)) {
      if (e - s >= left) return new Date(s + left);
      left -= e - s;
    }
  } else {
    for (const [s, e] of openIntervalsBefore(from, calendar)) {
      if (e - s >= left) return new Date(e - left);
      left -= e - s;
    }
  }
  /* v8 ignore next */
  throw new Error('unreachable: open intervals never run out');
}

/**
 * The deadline of a clock that starts at `start`, needs `durationMs` of business time and
 * stands still during `pauses`: every paused open minute pushes the deadline back by one.
 * Null while a pause is still open and the clock has not yet run out before it.
 */
export function addBusinessTimeWithPauses(
  start: Date,
  durationMs: number,
  calendar: Calendar,
  pauses: readonly Pause[],
): Date | null {
  if (durationMs <= 0) return addBusinessTime(start, durationMs, calendar);
  let left = durationMs;
  for (const [s, e] of runningIntervalsFrom(start.getTime(), calendar, pauses)) {
    if (e - s >= left) return new Date(s + left);
    left -= e - s;
  }
  return null;
}

/** Business time in [a, b); negative when b is before a. Pauses, if given, do not count. */
export function businessTimeBetween(
  a: Date,
  b: Date,
  calendar: Calendar,
  pauses: readonly Pause[] = [],
): number {
  const from = a.getTime();
  const to = b.getTime();
  // `|| 0`: an empty reversed range is 0, not -0.
  if (to < from) return -businessTimeBetween(b, a, calendar, pauses) || 0;
  let total = 0;
  for (const [s, e] of runningIntervalsFrom(from, calendar, pauses)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
    if (e >= to) break;
  }
  return total;
}

/** Business time paused in [a, b): what the pauses took off the clock there. */
export function pausedBusinessTime(a: Date, b: Date, calendar: Calendar, pauses: readonly Pause[]): number {
  if (pauses.length === 0 || b <= a) return 0;
  return businessTimeBetween(a, b, calendar) - businessTimeBetween(a, b, calendar, pauses);
}

/** Whether the calendar is open at an instant. */
export function isOpen(at: Date, calendar: Calendar): boolean {
  return nextOpening(at, calendar).getTime() === at.getTime();
}

/** `at` itself if open, else the next opening. */
export function nextOpening(at: Date, calendar: Calendar): Date {
  const first = openIntervalsFrom(at.getTime(), calendar).next();
  /* v8 ignore next */
  if (first.done) throw new Error('unreachable: open intervals never run out');
  return new Date(first.value[0]);
}

/** The close of a local date's last working interval, or null if the date does not work. */
export function closingTimeOn(date: string, calendar: Calendar): Date | null {
  const last = daySpans(calendar, date).at(-1);
  return last ? new Date(last[1]) : null;
}

/**
 * The end of the working day `at` belongs to: the last close of its local date if that is still
 * ahead, else the last close of the next working date. "Report before the end of every working
 * day" (seed 004) falls due here.
 */
export function endOfWorkingDay(at: Date, calendar: Calendar): Date {
  let date = localDateOf(at.getTime(), calendar.timeZone);
  for (let i = 0; i <= MAX_CLOSED_DAYS; i++, date = addDays(date, 1)) {
    const close = closingTimeOn(date, calendar);
    if (close && close > at) return close;
  }
  throw new Error('calendar has no working time within ten years');
}

/** A local date's working day: from local midnight to the end of its working time. */
export interface WorkingDay {
  start: Date;
  end: Date;
}

/**
 * The working day of a local date: local midnight to `endOfWorkingDay` (the last close of that
 * date), or null when the date does not work (a closed weekday, a holiday). "Report each case's
 * handling before the end of every working day" (seed 004) reads this window.
 */
export function workingDayOn(date: string, calendar: Calendar): WorkingDay | null {
  const start = new Date(wallToInstant(date, 0, calendar.timeZone));
  const end = endOfWorkingDay(start, calendar);
  // A close at midnight (round the clock) still ends the date before it.
  if (localDateOf(end.getTime() - 1, calendar.timeZone) !== date) return null;
  return { start, end };
}
