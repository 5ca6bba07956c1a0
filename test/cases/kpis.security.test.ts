import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { as, fx, intake } from './support';

describe('KPI report reach', () => {
  it('a project outside the caller’s reach is 404; without a filter only reached projects are counted', async () => {
    const hotline = await as('hotline_agent'); // 西溪花园 and 东湖湾
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
    const both = await hotline.get('/v1/reports/kpis');
    const keys = both.body.volumes
      .filter((v: { dimension: string }) => v.dimension === 'project')
      .map((v: { key: string }) => v.key);
    expect(keys).toEqual(expect.arrayContaining([fx.xixi, fx.donghu]));

    const pm = await as('project_manager'); // 西溪花园 only
    expect((await pm.get(`/v1/reports/kpis?branchId=${fx.hangzhou}`)).status).toBe(200);
    expect((await pm.get(`/v1/reports/kpis?projectId=${fx.donghu}`)).status).toBe(404);
    expect((await pm.get(`/v1/reports/kpis?branchId=${fx.ningbo}`)).status).toBe(404);
    const own = await pm.get(`/v1/reports/kpis?projectId=${fx.xixi}&format=csv`);
    expect(own.status).toBe(200);
    const mine = await pm.get('/v1/reports/kpis?groupBy=project');
    expect(mine.status).toBe(200);
    const projects = new Set(
      [...mine.body.firstResponse, ...mine.body.resolution].map((p: { group: string }) => p.group),
    );
    for (const p of projects) expect(p).toBe(fx.xixi);
    const reached = mine.body.volumes.filter((x: { dimension: string }) => x.dimension === 'project');
    expect(reached.map((v: { key: string }) => v.key)).toEqual([fx.xixi]);
  });

  it('needs a login', async () => {
    expect((await call('GET', '/v1/reports/kpis')).status).toBe(401);
  });
});
