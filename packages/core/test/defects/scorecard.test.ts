import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type PreventiveMeasure,
  type ScoredDefect,
  scorecard,
  scorecardIndicators,
} from '../../src/defects/index';

const tz = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);
const defect = (id: string, over: Partial<ScoredDefect> = {}): ScoredDefect => ({
  id,
  projectId: 'prj_a',
  responsibleDepartmentId: 'dept_eng',
  status: 'rectified',
  foundAt: at('2026-03-01T02:00:00Z'),
  violatesStandard: false,
  repeatOfDefectId: null,
  feedbackDeadline: at('2026-03-10T10:00:00Z'),
  feedbackAt: at('2026-03-09T10:00:00Z'),
  completionDeadline: at('2026-04-30T10:00:00Z'),
  completedAt: at('2026-04-20T10:00:00Z'),
  studiedAt: at('2026-05-01T02:00:00Z'),
  ...over,
});
const measure: PreventiveMeasure = {
  id: 'pm_1',
  projectId: 'prj_a',
  departmentId: 'dept_eng',
  kind: 'sample_unit',
  takenAt: at('2026-06-01T02:00:00Z'),
};
const asOf = at('2026-12-31T10:00:00Z');
const score = (
  defects: ScoredDefect[],
  measures: PreventiveMeasure[] = [measure],
  subject: { projectId: string } | { departmentId: string } = { projectId: 'prj_a' },
) => scorecard({ subject, year: 2026, timeZone: tz, asOf, defects, measures });
const points = (card: ReturnType<typeof scorecard>, indicator: string) =>
  card.indicators.find((i) => i.indicator === indicator)!;

describe('the 100-point defect scorecard', () => {
  it('a year of defects rectified on time, studied, with a sample unit built, scores 100', () => {
    const card = score([defect('d1'), defect('d2')]);
    expect(card.total).toBe(100);
    expect(card.indicators.map((i) => i.full)).toEqual([20, 20, 10, 10, 20, 20]);
  });

  it('each occurrence takes the seed’s points, with its defect as evidence', () => {
    const card = score([
      defect('d1', { violatesStandard: true }),
      defect('d2', { repeatOfDefectId: 'd0' }),
      defect('d3', { feedbackAt: at('2026-03-11T10:00:00Z') }),
      defect('d4', { completedAt: at('2026-05-02T10:00:00Z') }),
      defect('d5', { status: 'overdue', completedAt: null }),
      defect('d6', { studiedAt: null }),
    ]);
    expect(points(card, 'standard_violations')).toMatchObject({
      score: 15,
      taken: [{ defectId: 'd1', fact: 'violates_standard', points: 5 }],
    });
    expect(points(card, 'repeated_defects')).toMatchObject({
      score: 15,
      taken: [{ defectId: 'd2', fact: 'repeated', points: 5 }],
    });
    expect(points(card, 'feedback_on_time')).toMatchObject({
      score: 9,
      taken: [{ defectId: 'd3', fact: 'feedback_late', points: 1 }],
    });
    expect(points(card, 'completion_on_time')).toMatchObject({
      score: 8,
      taken: [{ defectId: 'd4', fact: 'completed_late', points: 2 }],
    });
    expect(points(card, 'rectification_rate')).toMatchObject({
      score: 15,
      taken: [{ defectId: 'd5', fact: 'not_rectified', points: 5 }],
    });
    expect(points(card, 'prevention')).toMatchObject({
      score: 18,
      taken: [{ defectId: 'd6', fact: 'not_studied', points: 2 }],
    });
    expect(card.total).toBe(80);
  });

  it('no preventive measure beyond training in the year takes 2 points with no defect', () => {
    const training: PreventiveMeasure = { ...measure, kind: 'training' };
    const lastYear: PreventiveMeasure = { ...measure, takenAt: at('2025-06-01T02:00:00Z') };
    for (const measures of [[], [training], [lastYear]]) {
      expect(points(score([], measures), 'prevention').taken).toEqual([
        { indicator: 'prevention', points: 2, defectId: null, fact: 'no_extra_measure' },
      ]);
    }
  });

  it('a missing feedback counts late once its deadline passed, not before', () => {
    const d = defect('d1', { feedbackAt: null });
    expect(points(score([d]), 'feedback_on_time').score).toBe(9);
    const early = scorecard({
      subject: { projectId: 'prj_a' },
      year: 2026,
      timeZone: tz,
      asOf: at('2026-03-05T00:00:00Z'),
      defects: [d],
      measures: [measure],
    });
    expect(points(early, 'feedback_on_time').score).toBe(10);
  });

  it('five violations floor the indicator at 0; the fifth is counted as past the floor', () => {
    const card = score(['a', 'b', 'c', 'd', 'e'].map((id) => defect(id, { violatesStandard: true })));
    expect(points(card, 'standard_violations')).toMatchObject({ score: 0, uncounted: 1 });
    expect(points(card, 'standard_violations').taken).toHaveLength(4);
  });

  it('a department’s card reads the defects it is responsible for; a year is the tenant zone’s', () => {
    const other = defect('d2', { responsibleDepartmentId: 'dept_design', violatesStandard: true });
    // 2025-12-31T17:00Z is already 2026-01-01 in Shanghai.
    const newYear = defect('d3', { foundAt: at('2025-12-31T17:00:00Z'), violatesStandard: true });
    const card = score([defect('d1'), other, newYear], [measure], { departmentId: 'dept_eng' });
    expect(points(card, 'standard_violations').taken.map((t) => t.defectId)).toEqual(['d3']);
  });

  it('suggested and dismissed defects score nothing', () => {
    const card = score([
      defect('d1', { status: 'suggested', violatesStandard: true }),
      defect('d2', { status: 'dismissed', repeatOfDefectId: 'd0' }),
    ]);
    expect(card.total).toBe(100);
  });

  const when = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-03-01T00:00:00Z') })
    .map((n) => new Date(n));
  const defectArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    projectId: fc.constantFrom('prj_a', 'prj_b'),
    responsibleDepartmentId: fc.constantFrom('dept_eng', 'dept_design', null),
    status: fc.constantFrom(
      'suggested',
      'accepted',
      'decided',
      'rectifying',
      'rectified',
      'overdue',
      'closed',
      'dismissed',
    ),
    foundAt: when,
    violatesStandard: fc.boolean(),
    repeatOfDefectId: fc.option(fc.constant('d0'), { nil: null }),
    feedbackDeadline: fc.option(when, { nil: null }),
    feedbackAt: fc.option(when, { nil: null }),
    completionDeadline: fc.option(when, { nil: null }),
    completedAt: fc.option(when, { nil: null }),
    studiedAt: fc.option(when, { nil: null }),
  });
  const measureArb = fc.record({
    id: fc.string(),
    projectId: fc.constantFrom('prj_a', null),
    departmentId: fc.constantFrom('dept_eng', null),
    kind: fc.constantFrom('training' as const, 'sample_unit' as const, 'other' as const),
    takenAt: when,
  });

  it('property: every indicator within 0..full, the total within 0..100, and evidence sums to the points taken', () => {
    fc.assert(
      fc.property(
        fc.array(defectArb, { maxLength: 30 }),
        fc.array(measureArb, { maxLength: 3 }),
        fc.constantFrom({ projectId: 'prj_a' }, { departmentId: 'dept_eng' }),
        when,
        (defects, measures, subject, asOfArb) => {
          const card = scorecard({ subject, year: 2026, timeZone: tz, asOf: asOfArb, defects, measures });
          expect(card.total).toBeGreaterThanOrEqual(0);
          expect(card.total).toBeLessThanOrEqual(100);
          expect(card.indicators.map((i) => i.indicator)).toEqual([...scorecardIndicators]);
          for (const i of card.indicators) {
            expect(i.score).toBeGreaterThanOrEqual(0);
            expect(i.score).toBeLessThanOrEqual(i.full);
            expect(i.taken.reduce((s, t) => s + t.points, 0)).toBe(i.full - i.score);
            expect(i.taken.every((t) => t.points > 0 && t.indicator === i.indicator)).toBe(true);
          }
          expect(card.indicators.reduce((s, i) => s + i.score, 0)).toBe(card.total);
        },
      ),
    );
  });

  it('property: one more occurrence never raises a score', () => {
    fc.assert(
      fc.property(fc.array(defectArb, { maxLength: 20 }), defectArb, (defects, extra) => {
        const base = scorecard({
          subject: { projectId: 'prj_a' },
          year: 2026,
          timeZone: tz,
          asOf,
          defects,
          measures: [],
        });
        const more = scorecard({
          subject: { projectId: 'prj_a' },
          year: 2026,
          timeZone: tz,
          asOf,
          defects: [...defects, extra],
          measures: [],
        });
        expect(more.total).toBeLessThanOrEqual(base.total);
      }),
    );
  });
});
