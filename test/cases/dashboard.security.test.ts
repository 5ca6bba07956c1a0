import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { as, fx, intake } from './support';

describe('manager dashboard reach', () => {
  it("a branch GM reads his branch's projects only, never another branch", async () => {
    const hotline = await as('hotline_agent');
    const inquiry = (projectId: string) => ({
      kind: 'inquiry',
      channel: 'hotline',
      projectId,
      description: '物业费怎么交',
      category: 'property_fees',
      contact: { name: '吴女士', phone: '13900006666' },
    });
    await intake(hotline, inquiry(fx.xixi));
    await intake(hotline, inquiry(fx.donghu));
    const gm = await as('branch_gm'); // 杭州
    expect((await gm.get(`/v1/reports/dashboard?branchId=${fx.hangzhou}`)).status).toBe(200);
    expect((await gm.get(`/v1/reports/dashboard?projectId=${fx.xixi}`)).status).toBe(200);
    expect((await gm.get(`/v1/reports/dashboard?branchId=${fx.ningbo}`)).status).toBe(404);
    expect((await gm.get(`/v1/reports/dashboard?projectId=${fx.donghu}`)).status).toBe(404);
    const mine = await gm.get('/v1/reports/dashboard');
    expect(mine.status).toBe(200);
    const ids = mine.body.projects.map((p: { projectId: string }) => p.projectId);
    expect(ids).toContain(fx.xixi);
    expect(ids).not.toContain(fx.donghu);
  });

  it('needs a login', async () => {
    expect((await call('GET', '/v1/reports/dashboard')).status).toBe(401);
  });
});
