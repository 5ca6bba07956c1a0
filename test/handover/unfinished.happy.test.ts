import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { demoAt, demoReady } from '../star/star-support';
import { newTenant } from '../support/tenants';
import { planBody } from './handover.test-support';

beforeAll(demoReady);

describe('unfinished works after handover', () => {
  it('are registered, tracked to completion, and refused with the field named or out of reach', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const work = await manager.post(`/v1/handover-plans/${plan.id}/unfinished-works`, {
      description: '小区北侧景观绿化未完成',
      location: '北门至3号楼',
      responsibleDepartmentId: demoId('dept', 2),
      dueOn: '2099-05-31',
    });
    expect(work.status, JSON.stringify(work.body)).toBe(201);
    expect(work.body.state).toBe('open');
    const bad = await manager.post(`/v1/handover-plans/${plan.id}/unfinished-works`, {
      description: '',
      dueOn: '2099-05-31',
    });
    expect(bad.body.issues?.[0]?.path).toBe('description');
    const done = await manager.post(`/v1/unfinished-works/${work.body.id}/complete`, {});
    expect(done.body.state).toBe('done');
    expect((await manager.post(`/v1/unfinished-works/${work.body.id}/complete`, {})).status).toBe(409);
    const list = await manager.get(`/v1/handover-plans/${plan.id}/unfinished-works`);
    expect(list.body.summary).toMatchObject({ done: 1, open: 0 });
    const other = await newTenant('Other Group');
    expect((await other.admin.post(`/v1/unfinished-works/${work.body.id}/complete`, {})).status).toBe(404);
    expect(
      (await (await demoAt('branch_gm.nb')).get(`/v1/handover-plans/${plan.id}/unfinished-works`)).status,
    ).toBe(404);
    expect(
      (await (await demoAt('front_desk')).get(`/v1/handover-plans/${plan.id}/unfinished-works`)).status,
    ).toBe(403);
  });
});
