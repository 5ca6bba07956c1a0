import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { call, platformSecret } from '../support/api';
import { loginDemo } from '../support/demo';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';

const seedWithHistory = () => call('POST', '/platform/demo-seed?history=true', { token: platformSecret });

async function history() {
  const db = await shardOf(demo.tenantId);
  const row = await db
    .prepare(
      `SELECT count(*) AS n, count(DISTINCT kind) AS kinds, count(DISTINCT channel) AS channels,
              count(DISTINCT project_id) AS projects, min(received_at) AS first, max(received_at) AS last,
              sum(status = 'closed') AS closed, sum(escalation_level > 0) AS escalated
         FROM cases WHERE tenant_id = ? AND id >= ?`,
    )
    .bind(demo.tenantId, demoId('case', 2001))
    .first<
      Record<'n' | 'kinds' | 'channels' | 'projects' | 'first' | 'last' | 'closed' | 'escalated', number>
    >();
  const milestones = await db
    .prepare('SELECT count(*) AS n, sum(status = ?) AS late FROM case_milestones WHERE tenant_id = ?')
    .bind('met_late', demo.tenantId)
    .first<{ n: number; late: number }>();
  if (!row || !milestones) throw new Error('no rows');
  return { ...row, milestones };
}

describe('the demo case history (npm run dev)', () => {
  it('has six weeks of closed cases across kinds, channels and projects; seeding again adds nothing', async () => {
    expect((await seedWithHistory()).status).toBe(200);
    const first = await history();
    expect(first.n).toBeGreaterThan(120);
    expect(first.closed).toBe(first.n);
    expect(first).toMatchObject({ kinds: 4, projects: 5 });
    expect(first.channels).toBeGreaterThanOrEqual(6);
    expect(first.escalated).toBeGreaterThan(0);
    expect((first.last - first.first) / 86_400_000).toBeGreaterThan(35);
    expect(first.milestones.late).toBeGreaterThan(0);

    expect((await seedWithHistory()).status).toBe(200);
    expect(await history()).toEqual(first);
  });

  it("gives the branch GM's 30-day dashboard a trend with cases on most days, and the period before to compare", async () => {
    await seedWithHistory();
    const gm = await loginDemo('branch_gm');
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const res = await gm.get(`/v1/reports/dashboard?from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(res.status).toBe(200);
    const days = res.body.trend.filter((d: { received: number }) => d.received > 0).length;
    expect(days).toBeGreaterThan(20);
    expect(res.body.previous.received).toBeGreaterThan(0);
    expect(res.body.current.escalations).toBeGreaterThan(0);
    expect(res.body.current.firstResponse.p50).not.toBeNull();
  });
});
