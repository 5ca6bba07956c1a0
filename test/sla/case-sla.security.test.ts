import { newId } from '@guanjia/core';
import { slaActions } from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { insertCase } from '../support/sla';
import { demo, demoAs } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

async function breach(tenantId: string, c: { id: string; branchId: string; projectId: string }) {
  await drizzle(await shardOf(tenantId))
    .insert(slaActions)
    .values({
      id: newId('slaAction'),
      tenantId,
      key: `${c.id}:contractor_contact:breach:0`,
      kind: 'breach',
      caseId: c.id,
      branchId: c.branchId,
      projectId: c.projectId,
      milestone: 'contractor_contact',
      cycle: 0,
      dueAt: new Date(),
      at: new Date(),
    });
}

describe("who sees a case's clocks and the breach lists", () => {
  it("another tenant's case SLA answers 404", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estate = await newEstate(a.admin);
    const theirs = await insertCase(a.tenantId, estate);
    expect((await a.admin.get(`/v1/cases/${theirs.id}/sla`)).status).toBe(200);
    expect((await b.admin.get(`/v1/cases/${theirs.id}/sla`)).status).toBe(404);
    await breach(a.tenantId, theirs);
    expect((await b.admin.get('/v1/sla/breaches')).body.data).toEqual([]);
  });

  it('a front desk sees its project’s case and breaches, and 404 / nothing of another branch', async () => {
    await demoAs('tenant_admin');
    const xixiCase = await insertCase(demo.tenantId, { branchId: demo.hangzhou, projectId: demo.xixi });
    const donghuCase = await insertCase(demo.tenantId, { branchId: demo.ningbo, projectId: demo.donghu });
    await breach(demo.tenantId, xixiCase);
    await breach(demo.tenantId, donghuCase);
    const xixiDesk = await demoAs('front_desk');
    const ningboDesk = await demoAs('front_desk.nb');
    expect((await xixiDesk.get(`/v1/cases/${xixiCase.id}/sla`)).status).toBe(200);
    expect((await ningboDesk.get(`/v1/cases/${xixiCase.id}/sla`)).status).toBe(404);
    const seen = (await ningboDesk.get('/v1/sla/breaches?limit=200')).body.data.map(
      (a: { caseId: string }) => a.caseId,
    );
    expect(seen).toContain(donghuCase.id);
    expect(seen).not.toContain(xixiCase.id);
    const asked = await ningboDesk.get(`/v1/sla/breaches?projectId=${demo.xixi}`);
    expect(asked.body.data).toEqual([]);
  });

  it('a mystery shopper, who reads no cases, is refused the breach list', async () => {
    const shopper = await demoAs('mystery_shopper');
    expect((await shopper.get('/v1/sla/breaches')).status).toBe(403);
  });
});
