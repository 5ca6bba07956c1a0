import { describe, expect, it } from 'vitest';
import { demo, demoAs } from '../support/staff';
import { newTenant } from '../support/tenants';

const hours = { mon: [{ start: '09:00', end: '18:00' }] };
const policy = {
  name: '投诉 24 小时回复',
  match: { kinds: ['complaint'] },
  milestones: [
    {
      key: 'first_reply',
      startOn: ['case.created'],
      stopOn: ['case.replied'],
      target: { kind: 'duration', minutes: 1440 },
      calendar: 'round_the_clock',
    },
  ],
};

describe('who may see and change SLA policies and calendars', () => {
  it("another tenant's policy and calendar answer 404 on every route and never show in its lists", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const p = await a.admin.post('/v1/sla/policies', policy);
    const cal = await a.admin.post('/v1/sla/calendars', { name: 'A', timeZone: 'Asia/Shanghai', hours });
    const attempts = [
      await b.admin.get(`/v1/sla/policies/${p.body.id}`),
      await b.admin.patch(`/v1/sla/policies/${p.body.id}`, { enabled: false }),
      await b.admin.delete(`/v1/sla/policies/${p.body.id}`),
      await b.admin.get(`/v1/sla/calendars/${cal.body.id}`),
      await b.admin.patch(`/v1/sla/calendars/${cal.body.id}`, { name: 'x' }),
      await b.admin.post(`/v1/sla/calendars/${cal.body.id}/days`, { holidays: ['2026-10-01'] }),
      await b.admin.delete(`/v1/sla/calendars/${cal.body.id}`),
    ];
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 404));
    const bPolicies = (await b.admin.get('/v1/sla/policies')).body.data as { id: string }[];
    expect(bPolicies.map((x) => x.id)).not.toContain(p.body.id);
    expect((await b.admin.get('/v1/sla/calendars')).body.data).toEqual([]);
    expect((await a.admin.get(`/v1/sla/policies/${p.body.id}`)).body.enabled).toBe(true);
  });

  it('case readers read policies; only a group-wide sla.manage holder writes them; a front desk may not touch calendars', async () => {
    const crManager = await demoAs('cr_manager');
    const made = await crManager.post('/v1/sla/policies', { ...policy, name: `投诉 ${Date.now()}` });
    expect(made.status).toBe(201);
    const desk = await demoAs('front_desk');
    expect((await desk.get(`/v1/sla/policies/${made.body.id}`)).status).toBe(200);
    expect((await desk.post('/v1/sla/policies', policy)).status).toBe(403);
    expect((await desk.patch(`/v1/sla/policies/${made.body.id}`, { enabled: false })).status).toBe(403);
    expect(
      (
        await desk.post('/v1/sla/calendars', {
          name: 'X',
          projectId: demo.xixi,
          timeZone: 'Asia/Shanghai',
          hours,
        })
      ).status,
    ).toBe(403);
    const gm = await demoAs('branch_gm');
    expect((await gm.post('/v1/sla/policies', policy)).status).toBe(403);
    expect((await (await demoAs('mystery_shopper')).get('/v1/sla/policies')).status).toBe(403);
  });
});
