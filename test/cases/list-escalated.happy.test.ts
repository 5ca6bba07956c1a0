import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { as, fx, hotlineRepair, intake } from './support';

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((c) => c.id);

/** The clock's escalation, as it leaves the case (the ladder itself is tested in test/sla). */
async function escalate(caseId: string, level = 1) {
  const db = await shardOf(fx.tenantId);
  await db
    .prepare('UPDATE cases SET escalation_level = ? WHERE tenant_id = ? AND id = ?')
    .bind(level, fx.tenantId, caseId)
    .run();
}

describe('the escalated filter of the case list (the dashboard escalations drill-down)', () => {
  it('escalated=true lists the cases that climbed a rung, false the others; it combines with channel and the period', async () => {
    const hotline = await as('hotline_agent');
    const since = new Date(Date.now() - 60_000).toISOString();
    const climbed = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(4), description: '升级测试 漏水' }),
    );
    const calm = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5), description: '未升级 漏水' }));
    await escalate(climbed.id, 2);

    const escalated = await hotline.get(`/v1/cases?escalated=true&from=${since}&limit=200`);
    expect(escalated.status).toBe(200);
    expect(ids(escalated)).toContain(climbed.id);
    expect(ids(escalated)).not.toContain(calm.id);

    const never = await hotline.get(`/v1/cases?escalated=false&from=${since}&limit=200`);
    expect(ids(never)).toContain(calm.id);
    expect(ids(never)).not.toContain(climbed.id);

    const byChannel = await hotline.get(
      `/v1/cases?escalated=true&channel=hotline&projectId=${fx.xixi}&limit=200`,
    );
    expect(ids(byChannel)).toContain(climbed.id);
    const otherChannel = await hotline.get('/v1/cases?escalated=true&channel=wechat&limit=200');
    expect(ids(otherChannel)).not.toContain(climbed.id);
  });
});
