import { z } from 'zod';
import {
  type Answer,
  type Dimension,
  dimensions,
  type QuestionnaireTemplate,
  scoresOf,
} from './questionnaire';

/*
 * Campaign results per project, department and dimension, and the short boards (短板): where a
 * project is below the tenant's threshold or below the group average (seed 000 part three:
 * "根据调查问卷、报修数据、投诉数据对调查汇报进行分析,对短板数据、事例进行整顿").
 *
 * A score is the mean 1–5 rating × 20 (so 5 = 100), rounded to one decimal only for display;
 * comparisons use the unrounded value. `satisfiedRate` is the share of ratings of 4 or 5.
 */

export interface Tally {
  sum: number;
  count: number;
  satisfied: number;
}
const emptyTally = (): Tally => ({ sum: 0, count: 0, satisfied: 0 });
const add = (t: Tally, s: number) => {
  t.sum += s;
  t.count += 1;
  if (s >= 4) t.satisfied += 1;
};

export interface ScoreLine {
  score: number | null;
  satisfiedRate: number | null;
  ratings: number;
}
const lineOf = (t: Tally): ScoreLine => ({
  score: t.count ? (t.sum / t.count) * 20 : null,
  satisfiedRate: t.count ? t.satisfied / t.count : null,
  ratings: t.count,
});

/** Which department answers for a dimension (工程部 for repairs, 客服部 for complaints, …). */
export const defaultDepartmentOfDimension: Record<Dimension, string> = {
  repairs: 'engineering',
  complaints: 'customer_service',
  security: 'security',
  cleaning: 'environment',
  greenery: 'environment',
  front_desk: 'customer_service',
  facilities: 'engineering',
  communication: 'customer_service',
  overall: 'customer_service',
};

export interface ResponseFact {
  projectId: string;
  answers: Record<string, Answer>;
}

export interface ProjectResult {
  projectId: string;
  sampled: number;
  responses: number;
  /** responses / sampled; null when nobody was asked. */
  responseRate: number | null;
  overall: ScoreLine;
  byDimension: Partial<Record<Dimension, ScoreLine>>;
  byDepartment: Record<string, ScoreLine>;
}

export function campaignResults(input: {
  template: QuestionnaireTemplate;
  responses: readonly ResponseFact[];
  /** Owners asked, per project (the drawn sample). */
  sampledByProject: Readonly<Record<string, number>>;
  departmentOf?: Readonly<Record<Dimension, string>>;
}): ProjectResult[] {
  const departmentOf = input.departmentOf ?? defaultDepartmentOfDimension;
  const dimOf = new Map(input.template.questions.map((q) => [q.id, q.dimension]));
  const projects = new Set([
    ...Object.keys(input.sampledByProject),
    ...input.responses.map((r) => r.projectId),
  ]);
  const acc = new Map<
    string,
    { n: number; all: Tally; dim: Map<Dimension, Tally>; dep: Map<string, Tally> }
  >();
  for (const p of projects) acc.set(p, { n: 0, all: emptyTally(), dim: new Map(), dep: new Map() });
  for (const r of input.responses) {
    const a = acc.get(r.projectId);
    if (!a) continue;
    a.n += 1;
    for (const [qid, s] of scoresOf(input.template, r.answers)) {
      const dim = dimOf.get(qid);
      if (!dim) continue;
      add(a.all, s);
      if (!a.dim.has(dim)) a.dim.set(dim, emptyTally());
      add(a.dim.get(dim) as Tally, s);
      const dep = departmentOf[dim];
      if (!a.dep.has(dep)) a.dep.set(dep, emptyTally());
      add(a.dep.get(dep) as Tally, s);
    }
  }
  return [...projects].sort().map((projectId) => {
    const a = acc.get(projectId) as NonNullable<ReturnType<typeof acc.get>>;
    const sampled = input.sampledByProject[projectId] ?? 0;
    return {
      projectId,
      sampled,
      responses: a.n,
      responseRate: sampled ? a.n / sampled : null,
      overall: lineOf(a.all),
      byDimension: Object.fromEntries(
        dimensions.filter((d) => a.dim.has(d)).map((d) => [d, lineOf(a.dim.get(d) as Tally)]),
      ),
      byDepartment: Object.fromEntries(
        [...a.dep].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, t]) => [k, lineOf(t)]),
      ),
    };
  });
}

/** The period's repair and complaint figures of a project, read from cases (an input here). */
export const PeriodFiguresSchema = z.object({
  projectId: z.string(),
  households: z.number().int().min(0),
  repairs: z.number().int().min(0),
  firstTimeFixed: z.number().int().min(0),
  breaches: z.number().int().min(0),
  complaints: z.number().int().min(0),
});
export type PeriodFigures = z.infer<typeof PeriodFiguresSchema>;

export const ShortBoardThresholdsSchema = z
  .object({
    /** A dimension score (0–100) below this is a short board. */
    minDimensionScore: z.number().min(0).max(100).default(80),
    minFirstTimeFixRate: z.number().min(0).max(1).default(0.9),
    maxComplaintsPer100: z.number().min(0).default(2),
    maxBreaches: z.number().int().min(0).default(0),
    /** Also flag anything worse than the group average of the campaign's projects. */
    belowGroupAverage: z.boolean().default(true),
  })
  .strict();
export type ShortBoardThresholds = z.output<typeof ShortBoardThresholdsSchema>;

export type Indicator = `dimension:${Dimension}` | 'first_time_fix_rate' | 'complaints_per_100' | 'breaches';

export interface ShortBoard {
  projectId: string;
  indicator: Indicator;
  value: number;
  /** Why: under the tenant's threshold, worse than the group average, or both. */
  reasons: ('threshold' | 'group_average')[];
  threshold: number;
  groupAverage: number | null;
}

/** Derived indicators of a project's period figures; null where the base is zero. */
export function indicatorsOf(f: PeriodFigures) {
  return {
    first_time_fix_rate: f.repairs ? f.firstTimeFixed / f.repairs : null,
    complaints_per_100: f.households ? (f.complaints / f.households) * 100 : null,
    breaches: f.breaches,
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** The short boards of every project: dimensions and indicators below threshold or group average. */
export function shortBoards(
  results: readonly ProjectResult[],
  figures: readonly PeriodFigures[],
  thresholds: ShortBoardThresholds,
): ShortBoard[] {
  const out: ShortBoard[] = [];
  const check = (
    projectId: string,
    indicator: Indicator,
    value: number | null,
    threshold: number,
    avg: number | null,
    higherIsBetter: boolean,
  ) => {
    if (value === null) return;
    const reasons: ShortBoard['reasons'] = [];
    if (higherIsBetter ? value < threshold : value > threshold) reasons.push('threshold');
    if (thresholds.belowGroupAverage && avg !== null && (higherIsBetter ? value < avg : value > avg)) {
      reasons.push('group_average');
    }
    if (reasons.length) out.push({ projectId, indicator, value, reasons, threshold, groupAverage: avg });
  };
  for (const d of dimensions) {
    const avg = mean(
      results.flatMap((r) => (r.byDimension[d]?.score != null ? [r.byDimension[d].score] : [])),
    );
    for (const r of results) {
      check(
        r.projectId,
        `dimension:${d}`,
        r.byDimension[d]?.score ?? null,
        thresholds.minDimensionScore,
        avg,
        true,
      );
    }
  }
  const ind = figures.map((f) => ({ projectId: f.projectId, ...indicatorsOf(f) }));
  const avgOf = (k: 'first_time_fix_rate' | 'complaints_per_100' | 'breaches') =>
    mean(ind.flatMap((i) => (i[k] === null ? [] : [i[k]])));
  const [ftf, cp100, br] = [avgOf('first_time_fix_rate'), avgOf('complaints_per_100'), avgOf('breaches')];
  for (const i of ind) {
    check(
      i.projectId,
      'first_time_fix_rate',
      i.first_time_fix_rate,
      thresholds.minFirstTimeFixRate,
      ftf,
      true,
    );
    check(
      i.projectId,
      'complaints_per_100',
      i.complaints_per_100,
      thresholds.maxComplaintsPer100,
      cp100,
      false,
    );
    check(i.projectId, 'breaches', i.breaches, thresholds.maxBreaches, br, false);
  }
  return out;
}
