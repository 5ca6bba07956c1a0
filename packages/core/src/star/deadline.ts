import { addDays, wallToInstant, weekdayIndex } from '../time-zone';
import { lastDayOfMonth, monthOf } from './cycle';

/**
 * How "the Wednesday of the last week of each month" (每月最后一周的周三) is read.
 *
 * - `last_wednesday` (default): the last Wednesday that lies in the month. Read as a week,
 *   it is the Wednesday of the last Monday-to-Sunday week whose Wednesday is inside the
 *   month. We prefer it because the deadline for a month's nominations then always falls in
 *   that month (never in the next one, which would mix two months' batches), it is what
 *   people find by looking at the month's page of a wall calendar, and it gives projects the
 *   most time.
 * - `iso_last_week`: weeks belong to the month that holds their Thursday, as ISO 8601 assigns
 *   weeks to years; the deadline is the Wednesday of the month's last such week, i.e. the day
 *   before the month's last Thursday. It is also always inside the month.
 *
 * The two differ only when a month ends on a Wednesday (e.g. 2026-09-30): then
 * `last_wednesday` is that last day and `iso_last_week` is one week earlier, because the
 * week Mon 28 Sep – Sun 4 Oct has only three days in September and so belongs to October.
 *
 * Readings we rejected: "the week containing the month's last day" and "the week starting on
 * the month's last Monday" both put the Wednesday in the next month in some months (e.g. a
 * month ending on a Monday or Tuesday), so a month's deadline would lie after the month.
 */
export const deadlineRules = ['last_wednesday', 'iso_last_week'] as const;
export type DeadlineRule = (typeof deadlineRules)[number];

const WEDNESDAY = 2; // weekdayIndex: 0 = Monday
const THURSDAY = 3;

function lastWeekdayOf(month: string, weekday: number): string {
  const last = lastDayOfMonth(month);
  return addDays(last, -((weekdayIndex(last) - weekday + 7) % 7));
}

/** The local date (`YYYY-MM-DD`) of a month's nomination deadline under a rule. */
export function deadlineDate(month: string, rule: DeadlineRule = 'last_wednesday'): string {
  return rule === 'last_wednesday'
    ? lastWeekdayOf(month, WEDNESDAY)
    : addDays(lastWeekdayOf(month, THURSDAY), -1);
}

export interface DeadlineSettings {
  timeZone: string;
  deadlineRule: DeadlineRule;
  /** Local `HH:MM` the deadline falls at; null means the end of that day (23:59:59.999). */
  deadlineLocalTime: string | null;
}

export interface MonthlyDeadline {
  /** The month whose nominations are due, `YYYY-MM`. */
  month: string;
  /** The deadline's local date. */
  date: string;
  /** The last instant (epoch ms, UTC) a submission counts as on time, inclusive. */
  at: number;
}

/**
 * The nomination deadline of a month in the tenant's zone. The end of the local day is one
 * millisecond before the next local midnight, so it stays right on days a DST change makes
 * 23 or 25 hours long.
 */
export function monthlyDeadline(month: string, settings: DeadlineSettings): MonthlyDeadline {
  const date = deadlineDate(month, settings.deadlineRule);
  const at =
    settings.deadlineLocalTime === null
      ? wallToInstant(addDays(date, 1), 0, settings.timeZone) - 1
      : wallToInstant(date, minutesOf(settings.deadlineLocalTime), settings.timeZone);
  return { month, date, at };
}

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a local time (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether late submissions are refused or accepted with a flag for the reviewers. */
export const latePolicies = ['refuse', 'flag'] as const;
export type LatePolicy = (typeof latePolicies)[number];

export type SubmissionDecision =
  | { outcome: 'on_time'; accepted: true; late: false; deadline: MonthlyDeadline }
  | { outcome: 'late_flagged'; accepted: true; late: true; lateByMs: number; deadline: MonthlyDeadline }
  | { outcome: 'late_refused'; accepted: false; late: true; lateByMs: number; deadline: MonthlyDeadline };

/**
 * Whether a nomination submitted at `submittedAt` makes its month's deadline, and what the
 * tenant's late policy does with it if not. `month` defaults to the submission's local
 * month: a form submitted in early May is for May, not a late April form, unless the
 * caller says it is for April.
 */
export function decideSubmission(input: {
  submittedAt: number;
  month?: string;
  settings: DeadlineSettings & { latePolicy: LatePolicy };
}): SubmissionDecision {
  const { submittedAt, settings } = input;
  const deadline = monthlyDeadline(input.month ?? monthOf(submittedAt, settings.timeZone), settings);
  if (submittedAt <= deadline.at) return { outcome: 'on_time', accepted: true, late: false, deadline };
  const lateByMs = submittedAt - deadline.at;
  return settings.latePolicy === 'refuse'
    ? { outcome: 'late_refused', accepted: false, late: true, lateByMs, deadline }
    : { outcome: 'late_flagged', accepted: true, late: true, lateByMs, deadline };
}
