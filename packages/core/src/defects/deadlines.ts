import { addBusinessTime, closingTimeOn, endOfWorkingDay } from '../sla/business-time';
import type { Calendar } from '../sla/calendar';
import type { EscalationRung } from '../sla/escalation';
import { addDays, localDateOf, wallToInstant } from '../time-zone';
import type { DefectSettings } from './settings';

/*
 * The two deadlines of a decided defect: the responsible department's rectification feedback
 * (整改意见反馈) and the rectification's completion (整改完成). Each warns before, breaches after,
 * and escalates some business hours after the breach, once each. Pure: `now`, the tenant's
 * calendar and what has already been recorded are arguments.
 */

export type DefectDeadlineKind = 'feedback' | 'completion';
export type DefectAlertKind = 'warning' | 'breach' | 'escalation';

/** The end of the working day of a local date (or of the next working date if it does not work). */
export function deadlineOfDate(date: string, calendar: Calendar): Date {
  return (
    closingTimeOn(date, calendar) ??
    endOfWorkingDay(new Date(wallToInstant(date, 0, calendar.timeZone)), calendar)
  );
}

/** The local date `n` working dates after the local date of `at` (the meeting's day does not count). */
export function workingDatesAfter(at: Date, n: number, calendar: Calendar): string {
  let date = localDateOf(at.getTime(), calendar.timeZone);
  // A calendar needs weekly hours, so working dates recur; 3700 days is the SLA module's bound.
  for (let left = n, guard = 0; left > 0 && guard < 3700; guard++) {
    date = addDays(date, 1);
    if (closingTimeOn(date, calendar)) left--;
  }
  return date;
}

export interface DefectDeadlines {
  feedback: Date;
  completion: Date;
}

/** Both deadlines of a decision taken at `heldAt`. */
export function defectDeadlines(
  decision: { feedbackDueOn: string | null; rectificationDueOn: string },
  heldAt: Date,
  calendar: Calendar,
  settings: Pick<DefectSettings, 'feedbackWorkingDays'>,
): DefectDeadlines {
  const feedbackOn =
    decision.feedbackDueOn ?? workingDatesAfter(heldAt, settings.feedbackWorkingDays, calendar);
  return {
    feedback: deadlineOfDate(feedbackOn, calendar),
    completion: deadlineOfDate(decision.rectificationDueOn, calendar),
  };
}

export interface DefectClock {
  defectId: string;
  deadlines: DefectDeadlines;
  feedbackAt: Date | null;
  completedAt: Date | null;
}

export interface DefectAlert {
  /** Unique per tenant: `${defectId}:${deadline}:${kind}`. */
  key: string;
  defectId: string;
  deadline: DefectDeadlineKind;
  kind: DefectAlertKind;
  due: Date;
}

export const defectAlertKey = (defectId: string, deadline: DefectDeadlineKind, kind: DefectAlertKind) =>
  `${defectId}:${deadline}:${kind}`;

/**
 * The alerts due at `now` not yet recorded. A deadline met stops its clock. A pass that comes
 * after the breach records no stale warning (like the audits' corrective-action clock), but
 * always the breach before or with its escalation: the scorecard reads breaches.
 */
export function defectAlertsDue(
  clocks: readonly DefectClock[],
  input: {
    now: Date;
    calendar: Calendar;
    settings: Pick<DefectSettings, 'warningBusinessHours' | 'escalateAfterBusinessHours'>;
    recorded: ReadonlySet<string>;
  },
): DefectAlert[] {
  const { now, calendar, settings } = input;
  const out: DefectAlert[] = [];
  for (const c of clocks) {
    for (const deadline of ['feedback', 'completion'] as const) {
      const met = deadline === 'feedback' ? c.feedbackAt : c.completedAt;
      if (met) continue;
      const breachAt = c.deadlines[deadline];
      const stages: [DefectAlertKind, Date][] = [
        ['warning', addBusinessTime(breachAt, -settings.warningBusinessHours * 3_600_000, calendar)],
        ['breach', breachAt],
        ['escalation', addBusinessTime(breachAt, settings.escalateAfterBusinessHours * 3_600_000, calendar)],
      ];
      const breached = now > breachAt;
      for (const [kind, due] of stages) {
        const reached = kind === 'warning' ? now >= due && !breached : now > due;
        if (!reached) continue;
        const key = defectAlertKey(c.defectId, deadline, kind);
        if (input.recorded.has(key)) continue;
        out.push({ key, defectId: c.defectId, deadline, kind, due });
      }
    }
  }
  return out;
}

/** Whether a rectification or its feedback came in on time (a missing one is late once `now` passed). */
export function onTime(deadline: Date, doneAt: Date | null, now: Date): boolean | null {
  if (doneAt) return doneAt <= deadline;
  return now > deadline ? false : null;
}

/**
 * Who each alert goes to: the responsible department is warned; a breach also reaches the project
 * manager; an escalation reaches the branch general manager (rungs of the SLA escalation ladder).
 */
export const defectAlertRecipients = {
  warning: ['responsible_department'],
  breach: ['responsible_department', 'project_manager'],
  escalation: ['project_manager', 'branch_gm'],
} as const satisfies Record<DefectAlertKind, readonly ('responsible_department' | EscalationRung)[]>;
