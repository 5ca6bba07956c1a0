import { describe, expect, it } from 'vitest';
import {
  type AuditResultRecord,
  aggregateAudits,
  auditTrend,
  correctiveActions,
  parseAuditSettings,
  rankAggregates,
  scoreAudit,
} from '../../src/audits/index';
import { allGood, scaleAnswer, smallTemplate, timed, yes } from './support';

const at = (s: string) => Date.parse(`${s}+08:00`);
const rec = (over: Partial<AuditResultRecord>): AuditResultRecord => ({
  auditId: 'aud',
  projectId: 'prj_sun',
  branchId: 'br_east',
  channel: 'hotline',
  visitedAt: at('2026-10-10T10:00:00'),
  score: 90,
  passed: true,
  ...over,
});
const results = [
  rec({ auditId: '1', projectId: 'prj_sun', score: 90 }),
  rec({ auditId: '2', projectId: 'prj_sun', score: 70, passed: false, visitedAt: at('2026-11-03T10:00:00') }),
  rec({ auditId: '3', projectId: 'prj_moon', score: 80, passed: true }),
  rec({ auditId: '4', projectId: 'prj_star', score: 80, passed: true, visitedAt: at('2026-11-20T10:00:00') }),
  rec({ auditId: '5', projectId: 'prj_star', score: 80, passed: true, visitedAt: at('2027-01-05T10:00:00') }),
  rec({ auditId: '6', projectId: 'prj_west', branchId: 'br_west', score: 95 }),
  rec({ auditId: '7', projectId: 'prj_moon', score: null, passed: null }),
];

describe('audit results per project and branch', () => {
  it('each project gets its mean, count, range and pass rate; unscored audits are left out', () => {
    expect(aggregateAudits(results, 'project')).toEqual([
      { key: 'prj_moon', count: 1, mean: 80, min: 80, max: 80, passRate: 1 },
      { key: 'prj_star', count: 2, mean: 80, min: 80, max: 80, passRate: 1 },
      { key: 'prj_sun', count: 2, mean: 80, min: 70, max: 90, passRate: 0.5 },
      { key: 'prj_west', count: 1, mean: 95, min: 95, max: 95, passRate: 1 },
    ]);
    expect(aggregateAudits(results, 'branch').map((a) => [a.key, a.count, a.mean])).toEqual([
      ['br_east', 5, 80],
      ['br_west', 1, 95],
    ]);
  });

  it('projects with the same mean share a rank, more audits first, then by id, whatever the input order', () => {
    const ranked = rankAggregates(aggregateAudits([...results].reverse(), 'project'));
    expect(ranked.map((r) => [r.rank, r.key])).toEqual([
      [1, 'prj_west'],
      [2, 'prj_star'],
      [2, 'prj_sun'],
      [2, 'prj_moon'],
    ]);
  });

  it('the trend shows the mean per local month and per quarter, per project when asked', () => {
    expect(auditTrend(results, { period: 'quarter', timeZone: 'Asia/Shanghai' })).toEqual([
      { period: '2026-Q4', key: 'all', count: 5, mean: 83, passRate: 0.8 },
      { period: '2027-Q1', key: 'all', count: 1, mean: 80, passRate: 1 },
    ]);
    expect(
      auditTrend(results, { period: 'month', timeZone: 'Asia/Shanghai', by: 'project' })
        .filter((p) => p.key === 'prj_sun')
        .map((p) => [p.period, p.mean]),
    ).toEqual([
      ['2026-10', 90],
      ['2026-11', 70],
    ]);
  });

  it('a visit late on 31 December in Shanghai counts for December even though UTC has the same date', () => {
    const late = [rec({ visitedAt: Date.parse('2026-12-31T15:30:00Z') })];
    expect(auditTrend(late, { period: 'month', timeZone: 'Asia/Shanghai' })[0]?.period).toBe('2026-12');
    const early = [rec({ visitedAt: Date.parse('2026-12-31T16:30:00Z') })];
    expect(auditTrend(early, { period: 'month', timeZone: 'Asia/Shanghai' })[0]?.period).toBe('2027-01');
  });
});

describe('corrective actions after a failed audit', () => {
  const template = smallTemplate();
  const settings = parseAuditSettings({});
  const visitedAt = at('2026-10-10T16:00:00');

  it('a passing audit creates no corrective action', () => {
    const score = scoreAudit(template, allGood);
    expect(correctiveActions({ template, score, visitedAt, settings })).toEqual([]);
  });

  it('below the threshold, each failed item gets an action due 7 days after the visit, critical ones in 3', () => {
    const answers = allGood.map((a) =>
      a.itemKey === 'b' ? yes('b', false) : a.itemKey === 'e' ? yes('e', false) : a,
    );
    const score = scoreAudit(template, answers);
    expect(score.passed).toBe(false);
    const actions = correctiveActions({ template, score, visitedAt, settings });
    expect(actions.map((a) => [a.key, a.critical, a.ownerRole, a.dueOn])).toEqual([
      ['item:b', false, 'project_manager', '2026-10-17'],
      ['item:e', true, 'project_manager', '2026-10-13'],
    ]);
    expect(new Date(actions[0]!.deadline).toISOString()).toBe('2026-10-17T15:59:59.999Z');
    expect(actions[0]?.description).toEqual({ zh: '整改：B', en: 'Correct: B' });
  });

  it('a section that lost marks only on graded items gets one section-level action', () => {
    const answers = allGood.map((a) =>
      a.itemKey === 'c' ? scaleAnswer('c', 3) : a.itemKey === 'd' ? timed('d', 15) : a,
    );
    const strict = parseAuditSettings({ correctiveDeadlineDays: 14 });
    const score = scoreAudit(template, answers, { passThreshold: 95 });
    expect(score).toMatchObject({ passed: false, failedItems: [] });
    expect(correctiveActions({ template, score, visitedAt, settings: strict })).toMatchObject([
      { key: 'section:service', itemKey: null, dueOn: '2026-10-24' },
    ]);
  });

  it('a template may name who owns the fix of an item', () => {
    const owned = smallTemplate();
    const b = owned.sections[0]?.items[1];
    if (b) b.ownerRole = 'cs_supervisor';
    const score = scoreAudit(
      owned,
      allGood.map((a) => (a.itemKey === 'b' ? yes('b', false) : a)),
    );
    expect(correctiveActions({ template: owned, score, visitedAt, settings })[0]?.ownerRole).toBe(
      'cs_supervisor',
    );
  });
});
