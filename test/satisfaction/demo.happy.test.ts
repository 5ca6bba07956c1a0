import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { demo, demoAs } from '../support/staff';

const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const idx = d.getUTCFullYear() * 12 + d.getUTCMonth() - 1;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
};

describe('the demo group has satisfaction management to look at', () => {
  it('a closed campaign with its ranking, three plans in three states, last month summaries and a scorecard', async () => {
    const admin = await demoAs('tenant_admin');
    const results = await admin.get(`/v1/satisfaction/campaigns/${demoId('svc', 2)}/results`);
    expect(results.status, JSON.stringify(results.body)).toBe(200);
    expect(results.body.final).toBe(true);
    expect(results.body.projects).toHaveLength(5);
    expect(results.body.bottomThree.sort()).toEqual([demo.xixi, demo.donghu, demo.sanjiang].sort());
    expect(results.body.mostImproved.map((m: { id: string }) => m.id)).toContain(demo.donghu);

    const plans = await admin.get(`/v1/satisfaction/plans?campaignId=${demoId('svc', 2)}`);
    expect(plans.body.data.map((p: { status: string }) => p.status).sort()).toEqual([
      'presented',
      'returned',
      'submitted',
    ]);
    expect(plans.body.data.find((p: { status: string }) => p.status === 'presented').rechecks).toHaveLength(
      4,
    );

    const summaries = await admin.get(`/v1/complaint-summaries?month=${lastMonth()}`);
    expect(summaries.body.data).toHaveLength(5);
    expect(new Set(summaries.body.data.map((s: { status: string }) => s.status))).toEqual(
      new Set(['draft', 'submitted', 'reviewed']),
    );

    const cards = await admin.get(`/v1/contractor-scorecards?month=${lastMonth()}`);
    const ningbo = cards.body.scorecards.find(
      (c: { contractorId: string }) => c.contractorId === demoId('ctr', 2),
    );
    expect(ningbo).toMatchObject({ jobs: 4, reworks: 1, signOffs: 3 });
    expect(
      cards.body.scorecards.find((c: { contractorId: string }) => c.contractorId === demoId('ctr', 1)),
    ).toMatchObject({ forfeits: 1 });
  });

  it('interviews with people on quota and behind, one rotation in its two weeks and one reported', async () => {
    const admin = await demoAs('tenant_admin');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const progress = await admin.get(`/v1/satisfaction/interviews/progress?year=${year}`);
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    const person = (n: number) =>
      progress.body.people.find((p: { staffId: string }) => p.staffId === demoId('stf', n));
    expect(person(7)).toMatchObject({ quota: 12, remaining: 0, departmentName: '西溪花园客服中心' });
    expect(person(2)).toMatchObject({ management: true, quota: 6, remaining: 0 });
    expect(person(5).remaining).toBeGreaterThan(0);
    expect(
      progress.body.departments.find(
        (d: { departmentName: string | null }) => d.departmentName === '西溪花园客服中心',
      ).behind,
    ).toBeGreaterThan(0);

    const rotations = await admin.get('/v1/satisfaction/rotations?limit=50');
    const byId = new Map(rotations.body.data.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(demoId('rot', 1))).toMatchObject({ report: null });
    expect((byId.get(demoId('rot', 1)) as { state: string }).state).not.toBe('done');
    expect(byId.get(demoId('rot', 2))).toMatchObject({ state: 'done' });
  });
});
