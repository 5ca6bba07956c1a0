import { z } from 'zod';

/*
 * Report figures every statistics screen shares: percentiles, the complaint reply rate, SLA
 * compliance per milestone, and period-over-period comparison. Inputs are facts; reach and
 * periods are chosen by the caller.
 */

/**
 * The q-quantile (0..1) by linear interpolation between closest ranks (type 7, as Excel's
 * PERCENTILE.INC and numpy's default), so a p90 matches what a manager recomputes in Excel.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export const DurationFactSchema = z.object({
  /** Grouping keys: project, branch, department, agent, … */
  keys: z.record(z.string(), z.string()),
  minutes: z.number().min(0).nullable(),
});
export type DurationFact = z.infer<typeof DurationFactSchema>;

/** p50 / p90 of a duration grouped by one key; facts without a duration are not counted. */
export function percentilesBy(facts: readonly DurationFact[], key: string) {
  const groups = new Map<string, number[]>();
  for (const f of facts) {
    const g = f.keys[key];
    if (g === undefined || f.minutes === null) continue;
    groups.set(g, [...(groups.get(g) ?? []), f.minutes]);
  }
  return [...groups.keys()].sort().map((g) => {
    const xs = groups.get(g) as number[];
    return { group: g, count: xs.length, p50: quantile(xs, 0.5), p90: quantile(xs, 0.9) };
  });
}

export const ReplyFactSchema = z.object({
  /** When the reply to the owner was due (24 h, seed 000). */
  dueAt: z.date(),
  answeredAt: z.date().nullable(),
});
export type ReplyFact = z.infer<typeof ReplyFactSchema>;

/**
 * 客户投诉答复率: complaints answered within the deadline over complaints due in the period.
 * A complaint is due in the period when its due time is at or before `asOf`; one answered late
 * or not at all counts in the denominator only. Null when nothing was due.
 */
export function replyRate(facts: readonly ReplyFact[], asOf: Date) {
  const due = facts.filter((f) => f.dueAt <= asOf);
  const onTime = due.filter((f) => f.answeredAt !== null && f.answeredAt <= f.dueAt).length;
  return { due: due.length, answeredOnTime: onTime, rate: due.length ? onTime / due.length : null };
}

export const MilestoneFactSchema = z.object({
  milestone: z.string(),
  /** A stored milestone's status (the schema's `milestoneStatuses`, which imports from core, not back). */
  status: z.enum(['pending', 'warned', 'paused', 'breached', 'met', 'met_late', 'ended', 'cancelled']),
});
export type MilestoneFact = z.infer<typeof MilestoneFactSchema>;

/**
 * Compliance per milestone: met within target over those decided (met, met late, or breached
 * and still open). Ended and cancelled ones were never due and do not count; pending, warned and
 * paused ones are not decided yet.
 */
export function slaCompliance(facts: readonly MilestoneFact[]) {
  const by = new Map<string, { met: number; metLate: number; breachedOpen: number }>();
  for (const f of facts) {
    const t = by.get(f.milestone) ?? { met: 0, metLate: 0, breachedOpen: 0 };
    if (f.status === 'met') t.met += 1;
    if (f.status === 'met_late') t.metLate += 1;
    if (f.status === 'breached') t.breachedOpen += 1;
    by.set(f.milestone, t);
  }
  return [...by.keys()].sort().map((milestone) => {
    const t = by.get(milestone) as { met: number; metLate: number; breachedOpen: number };
    const decided = t.met + t.metLate + t.breachedOpen;
    return { milestone, ...t, decided, compliance: decided ? t.met / decided : null };
  });
}

/** A figure this period against the period before. */
export function comparePeriods(current: number, previous: number) {
  return {
    current,
    previous,
    delta: current - previous,
    ratio: previous ? (current - previous) / previous : null,
  };
}

/**
 * Counts by one key this period and the period before (inquiries, complaints, suggestions by
 * type, category, channel, project…), every key of either period listed, sorted.
 */
export function countsCompared<T>(current: readonly T[], previous: readonly T[], keyOf: (x: T) => string) {
  const count = (xs: readonly T[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(keyOf(x), (m.get(keyOf(x)) ?? 0) + 1);
    return m;
  };
  const [now, before] = [count(current), count(previous)];
  return [...new Set([...now.keys(), ...before.keys()])]
    .sort()
    .map((key) => ({ key, ...comparePeriods(now.get(key) ?? 0, before.get(key) ?? 0) }));
}

/** The window of equal length just before `[from, to)`: what a KPI compares against. */
export function previousWindow(window: { from: Date; to: Date }) {
  const length = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - length), to: window.from };
}

/** What percentiles can be grouped by. */
export const kpiGroupBys = ['project', 'branch', 'department', 'agent'] as const;
export type KpiGroupBy = (typeof kpiGroupBys)[number];

/** The kinds whose volumes the statistics count (repairs have their own reports). */
export const kpiVolumeKinds = ['inquiry', 'complaint', 'suggestion'] as const;

/** A group key when the case has none (no department or agent yet). */
export const kpiNoGroup = 'unassigned';

/** One case as the statistics read it; times are instants, durations wall-clock minutes. */
export interface CaseKpiFact {
  kind: string;
  category: string;
  channel: string;
  projectId: string;
  branchId: string;
  departmentId: string | null;
  agentId: string | null;
  receivedAt: Date;
  /** The first reply to the owner, or the contractor's first contact for a repair. */
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}

const minutesBetween = (from: Date, to: Date | null) =>
  to === null ? null : Math.max(0, (to.getTime() - from.getTime()) / 60_000);

const groupOf = (f: CaseKpiFact, by: KpiGroupBy) =>
  (by === 'project'
    ? f.projectId
    : by === 'branch'
      ? f.branchId
      : by === 'department'
        ? f.departmentId
        : f.agentId) ?? kpiNoGroup;

const volumeDimensions = ['kind', 'category', 'channel', 'project'] as const;

/** One count this window against the window before, by one dimension of one kind. */
export interface KpiVolume {
  dimension: (typeof volumeDimensions)[number];
  kind: string;
  key: string;
  current: number;
  previous: number;
  delta: number;
  ratio: number | null;
}

/**
 * The statistics of a window: inquiry, complaint and suggestion volumes by kind, category,
 * channel and project against the window before; the complaint reply rate (客户投诉答复率);
 * first-response and resolution p50/p90 (minutes) by `groupBy`; SLA compliance per milestone.
 * `current` are the cases received in the window, `previous` those of the window before.
 */
export function kpiFigures(input: {
  current: readonly CaseKpiFact[];
  previous: readonly CaseKpiFact[];
  replies: readonly ReplyFact[];
  milestones: readonly MilestoneFact[];
  groupBy: KpiGroupBy;
  asOf: Date;
}) {
  const counted = (xs: readonly CaseKpiFact[]) =>
    xs.filter((f) => (kpiVolumeKinds as readonly string[]).includes(f.kind));
  const [now, before] = [counted(input.current), counted(input.previous)];
  const volumes = volumeDimensions.flatMap((dimension): KpiVolume[] =>
    dimension === 'kind'
      ? countsCompared(now, before, (f) => f.kind).map((r) => ({ dimension, kind: r.key, ...r }))
      : kpiVolumeKinds.flatMap((kind) =>
          countsCompared(
            now.filter((f) => f.kind === kind),
            before.filter((f) => f.kind === kind),
            (f) =>
              dimension === 'category' ? f.category : dimension === 'channel' ? f.channel : f.projectId,
          ).map((r) => ({ dimension, kind, ...r })),
        ),
  );
  const durations = (end: (f: CaseKpiFact) => Date | null) =>
    percentilesBy(
      input.current.map((f) => ({
        keys: { [input.groupBy]: groupOf(f, input.groupBy) },
        minutes: minutesBetween(f.receivedAt, end(f)),
      })),
      input.groupBy,
    );
  return {
    volumes,
    complaintReplyRate: replyRate(input.replies, input.asOf),
    firstResponse: durations((f) => f.firstResponseAt),
    resolution: durations((f) => f.resolvedAt),
    slaCompliance: slaCompliance(input.milestones),
  };
}
export type KpiFigures = ReturnType<typeof kpiFigures>;
