import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady } from '../star/star-support';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { planBody } from './handover.test-support';

beforeAll(demoReady);

describe('handover plans: tenants, reach, roles', () => {
  it('another tenant and the Ningbo GM get 404; a front desk 403; a project manager reads but does not change', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const other = await newTenant('Other Group');
    expect((await other.admin.get(`/v1/handover-plans/${plan.id}`)).status).toBe(404);
    expect(
      (await other.admin.post(`/v1/handover-plans/${plan.id}/handover-day`, { groupIncidents: 1 })).status,
    ).toBe(404);
    expect((await other.admin.get('/v1/handover-plans')).body.data).toEqual([]);
    const gm = await demoAt('branch_gm.nb');
    expect((await gm.get(`/v1/handover-plans/${plan.id}`)).status).toBe(404);
    expect(
      (await gm.get('/v1/handover-plans?limit=100')).body.data.map((p: { id: string }) => p.id),
    ).not.toContain(plan.id);
    expect((await (await demoAt('front_desk')).get('/v1/handover-plans')).status).toBe(403);
    const pm = await demoAt('project_manager');
    expect((await pm.get(`/v1/handover-plans/${plan.id}`)).status).toBe(200);
    expect(
      (await pm.post(`/v1/handover-plans/${plan.id}/items/fire_acceptance`, { notes: 'x' })).status,
    ).toBe(403);
    expect((await pm.post('/v1/handover-plans', planBody({ projectId: demo.xixi }))).status).toBe(403);
  });
});
