import { z } from 'zod';
import { workingDayOn } from '../sla/business-time';
import type { Calendar } from '../sla/calendar';
import { parseMonth } from '../star/cycle';
import { addDays } from '../time-zone';

/*
 * Working-day arithmetic and the due / warning / overdue / escalated reading every register of
 * this area shares (plan re-checks, monthly summaries, interviews, rotations). Built on the SLA
 * calendar, so holidays and 调休 make-up days count exactly as they do for case clocks.
 */

const MAX_SEARCH_DAYS = 3660;

/** Whether a local date works on the calendar (a make-up Saturday does, a holiday Monday does not). */
export function isWorkingDate(date: string, calendar: Calendar): boolean {
  return workingDayOn(date, calendar) !== null;
}

/** The first working date on or after `date`. */
export function workingDateOnOrAfter(date: string, calendar: Calendar): string {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, d = addDays(d, 1)) if (isWorkingDate(d, calendar)) return d;
  throw new Error('calendar has no working day within ten years');
}

/** The last working date on or before `date`. */
export function workingDateOnOrBefore(date: string, calendar: Calendar): string {
  return isWorkingDate(date, calendar) ? date : previousWorkingDate(date, calendar);
}

/** The `n`th working date (1-based) of a month `YYYY-MM`. */
export function nthWorkingDateOfMonth(month: string, n: number, calendar: Calendar): string {
  let d = workingDateOnOrAfter(`${month}-01`, calendar);
  for (let k = 1; k < n; k++) d = workingDateOnOrAfter(addDays(d, 1), calendar);
  return d;
}

/** The working date `n` working days after `date` (n = 0: `date` itself if it works, else the next). */
export function addWorkingDays(date: string, n: number, calendar: Calendar): string {
  let d = workingDateOnOrAfter(date, calendar);
  for (let k = 0; k < n; k++) d = workingDateOnOrAfter(addDays(d, 1), calendar);
  return d;
}

/** The end (last close) of a working date; the instant a "by that day" duty falls due. */
export function endOfWorkingDate(date: string, calendar: Calendar): Date {
  const day = workingDayOn(workingDateOnOrAfter(date, calendar), calendar);
  if (!day) throw new Error('unreachable: a working date has a working day');
  return day.end;
}

/** The month `YYYY-MM` before / after another. */
export function shiftMonth(month: string, by: number): string {
  const { year, month: m } = parseMonth(month);
  const idx = year * 12 + (m - 1) + by;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

export const deadlineStates = ['pending', 'warning', 'overdue', 'escalated', 'done'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

export interface Deadline {
  /** When the duty falls due. */
  dueAt: Date;
  /** From when a reminder goes out. */
  warnAt: Date;
  /** From when the miss goes up a level (the branch GM, the branch CS manager). */
  escalateAt: Date;
}

/**
 * Where a deadline stands at `now`: done once fulfilled (whenever), else pending, warning from
 * `warnAt`, overdue from `dueAt`, escalated from `escalateAt`. Boundaries belong to the later
 * state: at exactly `dueAt` the duty is overdue (due "by" a time means before it).
 */
export function deadlineState(deadline: Deadline, now: Date, doneAt?: Date | null): DeadlineState {
  if (doneAt) return 'done';
  const t = now.getTime();
  if (t >= deadline.escalateAt.getTime()) return 'escalated';
  if (t >= deadline.dueAt.getTime()) return 'overdue';
  if (t >= deadline.warnAt.getTime()) return 'warning';
  return 'pending';
}

/**
 * A deadline at the end of working date `dueDate`, warned `warnDays` working days before (at
 * the start of that working date) and escalated `escalateDays` working days after (at its end).
 */
export function workingDayDeadline(
  dueDate: string,
  calendar: Calendar,
  opts: { warnDays: number; escalateDays: number },
): Deadline {
  const due = workingDateOnOrAfter(dueDate, calendar);
  let warnDate = due;
  for (let k = 0; k < opts.warnDays; k++) warnDate = previousWorkingDate(warnDate, calendar);
  const warnDay = workingDayOn(warnDate, calendar);
  return {
    dueAt: endOfWorkingDate(due, calendar),
    warnAt: warnDay ? warnDay.start : endOfWorkingDate(due, calendar),
    escalateAt:
      opts.escalateDays > 0
        ? endOfWorkingDate(addWorkingDays(addDays(due, 1), opts.escalateDays - 1, calendar), calendar)
        : endOfWorkingDate(due, calendar),
  };
}

/** The last working date before `date`. */
export function previousWorkingDate(date: string, calendar: Calendar): string {
  let d = addDays(date, -1);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, d = addDays(d, -1)) if (isWorkingDate(d, calendar)) return d;
  throw new Error('calendar has no working day within ten years');
}
