import { z } from 'zod';
import { quantile } from '../reports/kpis';
import {
  type Deadline,
  MonthSchema,
  nthWorkingDateOfMonth,
  shiftMonth,
  workingDayDeadline,
} from '../satisfaction/working-days';
import type { Calendar } from '../sla/calendar';

/*
 * The monthly complaint summary (月度投诉汇总), seed 004: "项目客户负责人每月将项目投诉及处理情况汇总,
 * 上报分公司客服经理,由分公司客服经理对每月投诉进行分析…重大问题上报分公司总经理". Drafted on the
 * first working day of the month from last month's complaints; the project's CS lead adds the
 * cause analysis and measures and submits it by the due date.
 */

export const SummarySettingsSchema = z
  .object({
    /** The summary is due by the end of this working day of the month (1 = the draft day itself). */
    dueWorkingDay: z.number().int().min(1).max(20).default(5),
    warnWorkingDays: z.number().int().min(0).max(10).default(1),
    escalateWorkingDays: z.number().int().min(0).max(10).default(2),
  })
  .strict();
export type SummarySettings = z.output<typeof SummarySettingsSchema>;
export const defaultSummarySettings: SummarySettings = SummarySettingsSchema.parse({});

export interface SummarySchedule {
  /** The month summarised. */
  month: string;
  /** First working date of the following month: the draft is made that day. */
  draftOn: string;
  dueOn: string;
  deadline: Deadline;
}

/** When the summary of `month` is drafted and due, on the tenant calendar. */
export function summarySchedule(
  month: string,
  calendar: Calendar,
  settings: SummarySettings = defaultSummarySettings,
): SummarySchedule {
  MonthSchema.parse(month);
  const next = shiftMonth(month, 1);
  const draftOn = nthWorkingDateOfMonth(next, 1, calendar);
  const dueOn = nthWorkingDateOfMonth(next, settings.dueWorkingDay, calendar);
  return {
    month,
    draftOn,
    dueOn,
    deadline: workingDayDeadline(dueOn, calendar, {
      warnDays: settings.warnWorkingDays,
      escalateDays: settings.escalateWorkingDays,
    }),
  };
}

/** One complaint as the summary reads it (from the case and its milestones). */
export const ComplaintFactSchema = z.object({
  caseId: z.string(),
  projectId: z.string(),
  ownerId: z.string().nullable(),
  category: z.string(),
  channel: z.string(),
  severity: z.string(),
  receivedAt: z.date(),
  firstResponseAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  breached: z.boolean(),
  reopenings: z.number().int().min(0),
  /** 群诉: several owners complaining together. */
  group: z.boolean(),
  /** 索赔: a claim for compensation was made. */
  claim: z.boolean(),
});
export type ComplaintFact = z.infer<typeof ComplaintFactSchema>;

export interface SummaryFigures {
  total: number;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  bySeverity: Record<string, number>;
  firstResponseMinutes: { p50: number | null; p90: number | null };
  resolutionMinutes: { p50: number | null; p90: number | null };
  unresolved: number;
  breaches: number;
  reopened: number;
  /** Owners with two or more complaints in the month (重复投诉). */
  repeatComplainants: number;
  groupComplaints: number;
  claims: number;
}

const countBy = (xs: readonly ComplaintFact[], key: (f: ComplaintFact) => string) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
};
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

export function summaryFigures(facts: readonly ComplaintFact[]): SummaryFigures {
  const owners = new Map<string, number>();
  for (const f of facts) if (f.ownerId) owners.set(f.ownerId, (owners.get(f.ownerId) ?? 0) + 1);
  const fr = facts.flatMap((f) => (f.firstResponseAt ? [minutes(f.receivedAt, f.firstResponseAt)] : []));
  const rs = facts.flatMap((f) => (f.resolvedAt ? [minutes(f.receivedAt, f.resolvedAt)] : []));
  return {
    total: facts.length,
    byCategory: countBy(facts, (f) => f.category),
    byChannel: countBy(facts, (f) => f.channel),
    bySeverity: countBy(facts, (f) => f.severity),
    firstResponseMinutes: { p50: quantile(fr, 0.5), p90: quantile(fr, 0.9) },
    resolutionMinutes: { p50: quantile(rs, 0.5), p90: quantile(rs, 0.9) },
    unresolved: facts.filter((f) => !f.resolvedAt).length,
    breaches: facts.filter((f) => f.breached).length,
    reopened: facts.filter((f) => f.reopenings > 0).length,
    repeatComplainants: [...owners.values()].filter((n) => n >= 2).length,
    groupComplaints: facts.filter((f) => f.group).length,
    claims: facts.filter((f) => f.claim).length,
  };
}

type Scalar = Exclude<
  keyof SummaryFigures,
  'byCategory' | 'byChannel' | 'bySeverity' | 'firstResponseMinutes' | 'resolutionMinutes'
>;
const scalars: Scalar[] = [
  'total',
  'unresolved',
  'breaches',
  'reopened',
  'repeatComplainants',
  'groupComplaints',
  'claims',
];

export interface Change {
  current: number;
  previous: number;
  delta: number;
  /** delta / previous; null when the month before had none. */
  ratio: number | null;
}

export const change = (current: number, previous: number): Change => ({
  current,
  previous,
  delta: current - previous,
  ratio: previous ? (current - previous) / previous : null,
});

/** The draft: this month's figures, last month's, and the change of each count. */
export function draftSummary(current: readonly ComplaintFact[], previous: readonly ComplaintFact[]) {
  const now = summaryFigures(current);
  const before = summaryFigures(previous);
  const changes = Object.fromEntries(scalars.map((k) => [k, change(now[k], before[k])])) as Record<
    Scalar,
    Change
  >;
  const categories = [...new Set([...Object.keys(now.byCategory), ...Object.keys(before.byCategory)])].sort();
  return {
    figures: now,
    previous: before,
    changes,
    byCategoryChange: Object.fromEntries(
      categories.map((c) => [c, change(now.byCategory[c] ?? 0, before.byCategory[c] ?? 0)]),
    ),
  };
}

export const summaryStatuses = ['draft', 'submitted', 'reviewed'] as const;
export type SummaryStatus = (typeof summaryStatuses)[number];

/** What the CS lead adds before submitting (原因分析, 改进措施). */
export const SummarySubmissionSchema = z
  .object({
    causeAnalysis: z.string().trim().min(1).max(10_000),
    measures: z.string().trim().min(1).max(10_000),
  })
  .strict();

/** What the branch CS manager records on review; a major problem goes to the branch GM. */
export const SummaryReviewSchema = z
  .object({
    comment: z.string().max(10_000).optional(),
    majorProblem: z.boolean().default(false),
  })
  .strict();
