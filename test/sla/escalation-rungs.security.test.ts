import { describe, expect, it } from 'vitest';
import { demo, demoAs, newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe('who may see and change escalation rungs', () => {
  it("another tenant's rung answers 404 to every route and never shows in its list", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estate = await newEstate(a.admin);
    const person = await newStaff(a.admin, [
      { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const rung = await a.admin.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      staffIds: [person.id],
    });
    const path = `/v1/sla/escalation-rungs/${rung.body.id}`;
    const attempts = [
      await b.admin.get(path),
      await b.admin.patch(path, { staffIds: [person.id] }),
      await b.admin.delete(path),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404]);
    expect((await b.admin.get('/v1/sla/escalation-rungs')).body.data).toEqual([]);
    expect(
      (await b.admin.post('/v1/sla/escalation-rungs', { level: 'agent', staffIds: [person.id] })).status,
    ).toBe(400);
  });

  it('a front desk reads the rungs of its project but may not change them; only sla.manage may', async () => {
    const admin = await demoAs('tenant_admin');
    const rung = await admin.post('/v1/sla/escalation-rungs', {
      level: 'project_manager',
      projectId: demo.xixi,
      staffIds: [demo.staff(9)],
    });
    expect([201, 409]).toContain(rung.status);
    const desk = await demoAs('front_desk');
    const seen = await desk.get(`/v1/sla/escalation-rungs?projectId=${demo.xixi}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toHaveLength(1);
    const refused = await desk.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      projectId: demo.xixi,
      staffIds: [demo.staff(4)],
    });
    expect(refused.status).toBe(403);
    const ningbo = await demoAs('front_desk.nb');
    expect((await ningbo.get(`/v1/sla/escalation-rungs/${seen.body.data[0].id}`)).status).toBe(404);
    const crManager = await demoAs('cr_manager');
    const made = await crManager.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      projectId: demo.xixi,
      staffIds: [demo.staff(4)],
    });
    expect([201, 409]).toContain(made.status);
  });
});
