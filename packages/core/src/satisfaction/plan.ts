import { z } from 'zod';
import type { Calendar } from '../sla/calendar';
import { quarterCycle, quarterOf, quarterOfMonth } from '../star/cycle';
import {
  type Deadline,
  type DeadlineState,
  deadlineState,
  previousWorkingDate,
  workingDateOnOrBefore,
  workingDayDeadline,
} from './working-days';

/*
 * Improvement plans (提高计划 / 整改计划), seed 000 part three: the business department drafts
 * a plan from the short boards, "报客服中心审核,向企业管理层做专题汇报并立案" (reviewed by the CS
 * centre, presented to the GM), "不能泛泛而谈,详细落到处理那个指标,采用什么措施" (each measure names
 * its indicator), and "客服中心每个季度要对业务部门提高计划进行复核" (a quarterly re-check, 复核).
 */

export const MeasureSchema = z
  .object({
    id: z.string().min(1).max(40),
    /** The indicator it addresses, e.g. `dimension:repairs` or `first_time_fix_rate`. */
    indicator: z.string().min(1).max(60),
    action: z.string().min(1).max(2000),
    ownerId: z.string().min(1),
    dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

export const PlanDraftSchema = z
  .object({
    campaignId: z.string().min(1),
    subject: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('project'), projectId: z.string().min(1) }).strict(),
      z
        .object({
          kind: z.literal('department'),
          projectId: z.string().min(1),
          department: z.string().min(1),
        })
        .strict(),
    ]),
    ownerId: z.string().min(1),
    measures: z.array(MeasureSchema).min(1).max(50),
  })
  .strict();
export type PlanDraft = z.infer<typeof PlanDraftSchema>;

export const planStatuses = ['draft', 'submitted', 'approved', 'returned', 'presented', 'closed'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export type PlanAction =
  | { type: 'submit' }
  | { type: 'approve' }
  | { type: 'return'; reason: string }
  | { type: 'present'; presentedTo: string; presentedOn: string }
  | { type: 'close' };

export const PlanActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submit') }).strict(),
  z.object({ type: z.literal('approve') }).strict(),
  z.object({ type: z.literal('return'), reason: z.string().trim().min(1).max(2000) }).strict(),
  z
    .object({
      type: z.literal('present'),
      presentedTo: z.string().min(1),
      presentedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
    .strict(),
  z.object({ type: z.literal('close') }).strict(),
]);

/**
 * The moves: draft → submitted → approved | returned (with reason); returned → submitted again;
 * approved → presented (to the GM, recorded); presented → closed. Re-checks run while presented.
 */
const moves: Record<PlanAction['type'], { from: readonly PlanStatus[]; to: PlanStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  present: { from: ['approved'], to: 'presented' },
  close: { from: ['presented'], to: 'closed' },
};

export function nextPlanStatus(
  status: PlanStatus,
  action: PlanAction,
):
  | { ok: true; status: PlanStatus }
  | { ok: false; code: 'plan_step_not_allowed'; allowedFrom: readonly PlanStatus[] } {
  const move = moves[action.type];
  if (!move.from.includes(status))
    return { ok: false, code: 'plan_step_not_allowed', allowedFrom: move.from };
  return { ok: true, status: move.to };
}

/** The plan steps allowed from a status (for the console's buttons). */
export function planActionsFrom(status: PlanStatus): PlanAction['type'][] {
  return (Object.keys(moves) as PlanAction['type'][]).filter((a) => moves[a].from.includes(status));
}

export const RecheckSettingsSchema = z
  .object({
    /** How many working days before the quarter's last working day the re-check falls due (0: that day). */
    dueWorkingDaysBeforeQuarterEnd: z.number().int().min(0).max(40).default(0),
    warnWorkingDays: z.number().int().min(0).max(40).default(5),
    escalateWorkingDays: z.number().int().min(0).max(40).default(3),
  })
  .strict();
export type RecheckSettings = z.output<typeof RecheckSettingsSchema>;
export const defaultRecheckSettings: RecheckSettings = RecheckSettingsSchema.parse({});

/** The last working date of a quarter, counting back `before` more working days. */
function lastWorkingDateOfQuarter(
  year: number,
  quarter: 1 | 2 | 3 | 4,
  before: number,
  calendar: Calendar,
): string {
  let d = workingDateOnOrBefore(quarterCycle(year, quarter).endsOn, calendar);
  for (let k = 0; k < before; k++) d = previousWorkingDate(d, calendar);
  return d;
}

export interface RecheckDue {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  dueDate: string;
  deadline: Deadline;
}

/**
 * The quarterly re-checks (复核) of a plan presented on `presentedOn`: one per calendar quarter,
 * starting with the quarter after the presentation (a plan presented in a quarter is not
 * re-checked in that same quarter: it has had no time to act), up to `count` quarters.
 */
export function recheckSchedule(
  presentedOn: string,
  calendar: Calendar,
  settings: RecheckSettings = defaultRecheckSettings,
  count = 4,
): RecheckDue[] {
  let { year, quarter } = quarterOfMonth(presentedOn.slice(0, 7));
  const out: RecheckDue[] = [];
  for (let i = 0; i < count; i++) {
    [year, quarter] = quarter === 4 ? [year + 1, 1] : [year, (quarter + 1) as 2 | 3 | 4];
    const dueDate = lastWorkingDateOfQuarter(
      year,
      quarter,
      settings.dueWorkingDaysBeforeQuarterEnd,
      calendar,
    );
    out.push({
      year,
      quarter,
      dueDate,
      deadline: workingDayDeadline(dueDate, calendar, {
        warnDays: settings.warnWorkingDays,
        escalateDays: settings.escalateWorkingDays,
      }),
    });
  }
  return out;
}

export interface RecheckReading {
  due: RecheckDue;
  state: DeadlineState;
  /** Who hears of it: the CS centre when warned or overdue, the branch GM once escalated. */
  notify: ('cs_centre' | 'branch_gm')[];
}

/** The state of each re-check at `now`, given the quarters already re-checked (key `YYYY-Qn`). */
export function recheckReadings(
  schedule: readonly RecheckDue[],
  doneAt: Readonly<Record<string, Date>>,
  now: Date,
): RecheckReading[] {
  return schedule.map((due) => {
    const state = deadlineState(due.deadline, now, doneAt[`${due.year}-Q${due.quarter}`]);
    const notify: RecheckReading['notify'] =
      state === 'escalated'
        ? ['cs_centre', 'branch_gm']
        : state === 'warning' || state === 'overdue'
          ? ['cs_centre']
          : [];
    return { due, state, notify };
  });
}

export const RecheckInputSchema = z
  .object({
    progress: z
      .array(
        z
          .object({
            measureId: z.string().min(1),
            status: z.enum(['not_started', 'in_progress', 'done', 'dropped']),
            note: z.string().max(2000).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The register key (`2026-Q4`) of the quarter an instant falls in, in the calendar's zone. */
export function recheckKeyAt(at: Date, calendar: Calendar): string {
  return quarterOf(at, calendar.timeZone).id;
}

/**
 * The short boards of the plan's subject that no measure addresses: what the CS centre looks
 * for before approving ("不能泛泛而谈"). A department's plan answers for its own dimensions only
 * when the caller passes just those boards.
 */
export function unaddressedShortBoards<B extends { projectId: string; indicator: string }>(
  draft: Pick<PlanDraft, 'subject' | 'measures'>,
  boards: readonly B[],
): B[] {
  const addressed = new Set(draft.measures.map((m) => m.indicator));
  return boards.filter((b) => b.projectId === draft.subject.projectId && !addressed.has(b.indicator));
}
