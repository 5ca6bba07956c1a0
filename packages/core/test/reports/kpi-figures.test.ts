import { describe, expect, it } from 'vitest';
import { type CaseKpiFact, kpiFigures, previousWindow } from '../../src/reports/index';

const t = (iso: string) => new Date(`2026-11-${iso}Z`);
const fact = (over: Partial<CaseKpiFact>): CaseKpiFact => ({
  kind: 'inquiry',
  category: 'fees',
  channel: 'hotline',
  projectId: 'p1',
  branchId: 'b1',
  departmentId: 'd1',
  agentId: 'a1',
  receivedAt: t('10T08:00:00'),
  firstResponseAt: null,
  resolvedAt: null,
  ...over,
});

describe('KPI figures', () => {
  it('the window before has the same length and ends where the window starts', () => {
    expect(previousWindow({ from: t('11T00:00:00'), to: t('20T00:00:00') })).toEqual({
      from: t('02T00:00:00'),
      to: t('11T00:00:00'),
    });
  });

  it('counts inquiries, complaints and suggestions by kind, category, channel and project against the period before; repairs are not volumes', () => {
    const figures = kpiFigures({
      current: [
        fact({}),
        fact({ channel: 'wechat' }),
        fact({ kind: 'complaint', category: 'service', projectId: 'p2' }),
        fact({ kind: 'repair', category: 'plumbing' }),
      ],
      previous: [fact({}), fact({}), fact({ kind: 'suggestion', category: 'greening' })],
      replies: [],
      milestones: [],
      groupBy: 'project',
      asOf: t('20T00:00:00'),
    });
    const row = (dimension: string, kind: string, key: string) =>
      figures.volumes.find((v) => v.dimension === dimension && v.kind === kind && v.key === key);
    expect(figures.volumes.filter((v) => v.dimension === 'kind').map((v) => v.key)).toEqual([
      'complaint',
      'inquiry',
      'suggestion',
    ]);
    expect(row('kind', 'inquiry', 'inquiry')).toMatchObject({ current: 2, previous: 2, delta: 0, ratio: 0 });
    expect(row('kind', 'suggestion', 'suggestion')).toMatchObject({ current: 0, previous: 1, ratio: -1 });
    expect(row('kind', 'complaint', 'complaint')).toMatchObject({ current: 1, previous: 0, ratio: null });
    expect(row('channel', 'inquiry', 'wechat')).toMatchObject({ current: 1, previous: 0 });
    expect(row('channel', 'inquiry', 'hotline')).toMatchObject({ current: 1, previous: 2 });
    expect(row('project', 'complaint', 'p2')).toMatchObject({ current: 1 });
    expect(row('category', 'suggestion', 'greening')).toMatchObject({ current: 0, previous: 1 });
    expect(figures.volumes.some((v) => v.kind === 'repair')).toBe(false);
  });

  it('first-response and resolution p50/p90 in minutes by the chosen group, every kind, with no group as unassigned', () => {
    const figures = kpiFigures({
      current: [
        fact({ firstResponseAt: t('10T08:10:00'), resolvedAt: t('10T10:00:00') }),
        fact({ firstResponseAt: t('10T08:30:00'), resolvedAt: null }),
        fact({ kind: 'repair', departmentId: null, firstResponseAt: t('10T09:00:00') }),
      ],
      previous: [],
      replies: [],
      milestones: [],
      groupBy: 'department',
      asOf: t('20T00:00:00'),
    });
    expect(figures.firstResponse).toEqual([
      { group: 'd1', count: 2, p50: 20, p90: 28 },
      { group: 'unassigned', count: 1, p50: 60, p90: 60 },
    ]);
    expect(figures.resolution).toEqual([{ group: 'd1', count: 1, p50: 120, p90: 120 }]);
  });

  it('passes the reply rate and SLA compliance through the shared rules', () => {
    const figures = kpiFigures({
      current: [],
      previous: [],
      replies: [
        { dueAt: t('11T08:00:00'), answeredAt: t('11T07:00:00') },
        { dueAt: t('11T08:00:00'), answeredAt: null },
        { dueAt: t('25T08:00:00'), answeredAt: null },
      ],
      milestones: [
        { milestone: 'first_reply', status: 'met' },
        { milestone: 'first_reply', status: 'breached' },
        { milestone: 'first_reply', status: 'pending' },
      ],
      groupBy: 'agent',
      asOf: t('20T00:00:00'),
    });
    expect(figures.complaintReplyRate).toEqual({ due: 2, answeredOnTime: 1, rate: 0.5 });
    expect(figures.slaCompliance).toEqual([
      { milestone: 'first_reply', met: 1, metLate: 0, breachedOpen: 1, decided: 2, compliance: 0.5 },
    ]);
  });
});
