import { z } from 'zod';
import { localDateOf } from '../time-zone';

/*
 * The 100-point defect scorecard (绩效评估细则, seed 000 part 2.II.5), per project and year and per
 * responsible department and year. Six indicators, each from its full marks down by a fixed
 * number of points per occurrence, never below 0:
 *
 * | indicator              | seed                     | full | per occurrence                      |
 * | standard_violations    | 违反有关国标及规范的缺陷发生率 | 20 | −5 per defect violating a standard    |
 * | repeated_defects       | 反复缺陷发生率               | 20 | −5 per repeated defect                |
 * | feedback_on_time       | 缺陷整改意见反馈及时性        | 10 | −1 per feedback late (or missing, past) |
 * | completion_on_time     | 缺陷整改完成及时性           | 10 | −2 per rectification completed late    |
 * | rectification_rate     | 缺陷整改率                  | 20 | −5 per rectification still not done past its deadline |
 * | prevention             | 缺陷预防措施                | 20 | −2 per defect not studied (宣讲学习); −2 if no preventive measure other than training in the year |
 *
 * Completion and rate do not count the same fact twice: a rectification done late costs 2
 * (completion); one not done at all by `asOf`, past its deadline, costs 5 (rate).
 * A defect belongs to the year of its `foundAt` in the tenant's zone. Dismissed and still
 * suggested defects are not defects yet and score nothing.
 */

export const scorecardIndicators = [
  'standard_violations',
  'repeated_defects',
  'feedback_on_time',
  'completion_on_time',
  'rectification_rate',
  'prevention',
] as const;
export type ScorecardIndicator = (typeof scorecardIndicators)[number];

/** Full marks and points taken per occurrence, as the seed's table gives them. */
export const scorecardRules: Record<
  ScorecardIndicator,
  { full: number; perOccurrence: number; zh: string; en: string }
> = {
  standard_violations: {
    full: 20,
    perOccurrence: 5,
    zh: '违反有关国标及规范的缺陷发生率',
    en: 'Defects violating national standards',
  },
  repeated_defects: { full: 20, perOccurrence: 5, zh: '反复缺陷发生率', en: 'Repeated defects' },
  feedback_on_time: {
    full: 10,
    perOccurrence: 1,
    zh: '缺陷整改意见反馈及时性',
    en: 'Rectification feedback on time',
  },
  completion_on_time: {
    full: 10,
    perOccurrence: 2,
    zh: '缺陷整改完成及时性',
    en: 'Rectification completed on time',
  },
  rectification_rate: { full: 20, perOccurrence: 5, zh: '缺陷整改率', en: 'Rectification rate' },
  prevention: { full: 20, perOccurrence: 2, zh: '缺陷预防措施', en: 'Prevention measures' },
};

/** What the scorecard reads of one defect. */
export const ScoredDefectSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  responsibleDepartmentId: z.string().nullable(),
  status: z.string(),
  foundAt: z.date(),
  violatesStandard: z.boolean(),
  repeatOfDefectId: z.string().nullable(),
  feedbackDeadline: z.date().nullable(),
  feedbackAt: z.date().nullable(),
  completionDeadline: z.date().nullable(),
  completedAt: z.date().nullable(),
  /** When the defect was studied (宣讲学习); null if not yet. */
  studiedAt: z.date().nullable(),
});
export type ScoredDefect = z.infer<typeof ScoredDefectSchema>;

/** `training` is the study itself; any other kind is the "extra" measure the seed asks for (样板间 a sample unit ...). */
export const preventiveMeasureKinds = [
  'training',
  'sample_unit',
  'design_review',
  'construction_check',
  'other',
] as const;

/** A preventive measure (预控措施) taken in the year, by a project or a department. */
export const PreventiveMeasureSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().nullable(),
  departmentId: z.string().nullable(),
  kind: z.enum(preventiveMeasureKinds),
  takenAt: z.date(),
});
export type PreventiveMeasure = z.infer<typeof PreventiveMeasureSchema>;

export type ScorecardSubject = { projectId: string } | { departmentId: string };

export interface PointTaken {
  indicator: ScorecardIndicator;
  points: number;
  /** Null for the year-level fact (no extra preventive measure). */
  defectId: string | null;
  fact:
    | 'violates_standard'
    | 'repeated'
    | 'feedback_late'
    | 'completed_late'
    | 'not_rectified'
    | 'not_studied'
    | 'no_extra_measure';
}

export interface IndicatorScore {
  indicator: ScorecardIndicator;
  full: number;
  score: number;
  /** Points taken, each with its evidence; sums to full − score. */
  taken: PointTaken[];
  /** Occurrences found but past the floor (the indicator was already at 0). */
  uncounted: number;
}

export interface Scorecard {
  subject: ScorecardSubject;
  year: number;
  total: number;
  indicators: IndicatorScore[];
}

const scoredStatuses = new Set(['accepted', 'decided', 'rectifying', 'rectified', 'overdue', 'closed']);

const belongs = (subject: ScorecardSubject, d: ScoredDefect) =>
  'projectId' in subject
    ? d.projectId === subject.projectId
    : d.responsibleDepartmentId === subject.departmentId;

/** The scorecard of a project or a department for a year, as of `asOf`. */
export function scorecard(input: {
  subject: ScorecardSubject;
  year: number;
  timeZone: string;
  asOf: Date;
  defects: readonly ScoredDefect[];
  measures: readonly PreventiveMeasure[];
}): Scorecard {
  const { subject, year, timeZone, asOf } = input;
  const inYear = (at: Date) => localDateOf(at.getTime(), timeZone).startsWith(`${year}-`);
  const defects = input.defects
    .filter((d) => scoredStatuses.has(d.status) && belongs(subject, d) && inYear(d.foundAt))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const facts: Omit<PointTaken, 'points'>[] = [];
  const add = (indicator: ScorecardIndicator, fact: PointTaken['fact'], defectId: string | null) =>
    facts.push({ indicator, fact, defectId });
  for (const d of defects) {
    if (d.violatesStandard) add('standard_violations', 'violates_standard', d.id);
    if (d.repeatOfDefectId) add('repeated_defects', 'repeated', d.id);
    if (
      d.feedbackDeadline &&
      (d.feedbackAt ? d.feedbackAt > d.feedbackDeadline : asOf > d.feedbackDeadline)
    ) {
      add('feedback_on_time', 'feedback_late', d.id);
    }
    if (d.completionDeadline) {
      if (d.completedAt && d.completedAt > d.completionDeadline)
        add('completion_on_time', 'completed_late', d.id);
      if (!d.completedAt && asOf > d.completionDeadline) add('rectification_rate', 'not_rectified', d.id);
    }
    if (!d.studiedAt || d.studiedAt > asOf) add('prevention', 'not_studied', d.id);
  }
  const extra = input.measures.some(
    (m) =>
      m.kind !== 'training' &&
      inYear(m.takenAt) &&
      m.takenAt <= asOf &&
      ('projectId' in subject ? m.projectId === subject.projectId : m.departmentId === subject.departmentId),
  );
  if (!extra) add('prevention', 'no_extra_measure', null);

  const indicators = scorecardIndicators.map((indicator): IndicatorScore => {
    const rule = scorecardRules[indicator];
    const taken: PointTaken[] = [];
    let left = rule.full;
    let uncounted = 0;
    for (const f of facts.filter((x) => x.indicator === indicator)) {
      const points = Math.min(rule.perOccurrence, left);
      if (points === 0) {
        uncounted++;
        continue;
      }
      left -= points;
      taken.push({ ...f, points });
    }
    return { indicator, full: rule.full, score: left, taken, uncounted };
  });
  return { subject, year, total: indicators.reduce((s, i) => s + i.score, 0), indicators };
}
