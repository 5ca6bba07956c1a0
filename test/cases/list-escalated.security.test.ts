import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { as, fx, hotlineRepair, intake } from './support';

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((c) => c.id);

describe('the escalated filter keeps to the caller', () => {
  it("never lists another tenant's escalated case, nor one outside the caller's reach", async () => {
    const other = await newTenant('Other Group');
    const estate = await newEstate(other.admin);
    const theirs = await intake(other.admin, {
      ...hotlineRepair(),
      projectId: estate.projectId,
      unitId: estate.unitId,
    });
    const hotline = await as('hotline_agent');
    const ours = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(6) }));
    for (const [tenantId, id] of [
      [other.tenantId, theirs.id],
      [fx.tenantId, ours.id],
    ] as const) {
      const db = await shardOf(tenantId);
      await db
        .prepare('UPDATE cases SET escalation_level = 1 WHERE tenant_id = ? AND id = ?')
        .bind(tenantId, id)
        .run();
    }
    const admin = await as('tenant_admin');
    const all = await admin.get('/v1/cases?escalated=true&limit=200');
    expect(ids(all)).toContain(ours.id);
    expect(ids(all)).not.toContain(theirs.id);
    // 宁波 front desk: Hangzhou's 西溪花园 is outside the reach.
    const ningbo = await as('front_desk.nb');
    const theirReach = await ningbo.get('/v1/cases?escalated=true&limit=200');
    expect(theirReach.status).toBe(200);
    expect(ids(theirReach)).not.toContain(ours.id);
  });

  it('a mystery shopper (no cases.read) may not list cases (403)', async () => {
    const shopper = await as('mystery_shopper');
    expect((await shopper.get('/v1/cases?escalated=true')).status).toBe(403);
  });
});
