import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { demoAt, demoReady } from '../star/star-support';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { planBody } from './handover.test-support';

beforeAll(demoReady);

const field = (res: { body: { issues?: { path: string }[] } }) => res.body.issues?.[0]?.path;
const plans = async () =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare('SELECT count(*) AS n FROM handover_plans WHERE tenant_id = ?')
      .bind(demo.tenantId)
      .first<{ n: number }>()
  )?.n;

describe('bad plans are a 400 naming the field, and nothing is written', () => {
  it('the project carries at least half; shares sum to 100; dates and departments are real', async () => {
    const manager = await demoAt('cr_manager');
    const before = await plans();
    const half = await manager.post(
      '/v1/handover-plans',
      planBody({
        responsibilities: [
          { departmentId: demoId('dept', 6), role: 'project', sharePercent: 40 },
          { departmentId: demoId('dept', 2), role: 'supporting', sharePercent: 60 },
        ],
      }),
    );
    expect(half.status).toBe(400);
    expect(field(half)).toBe('responsibilities.0.sharePercent');
    const sum = await manager.post(
      '/v1/handover-plans',
      planBody({
        responsibilities: [{ departmentId: demoId('dept', 6), role: 'project', sharePercent: 90 }],
      }),
    );
    expect(sum.status).toBe(400);
    expect(field(sum)).toBe('responsibilities');
    expect(field(await manager.post('/v1/handover-plans', planBody({ handoverOn: '2030-02-30' })))).toBe(
      'handoverOn',
    );
    const dept = await manager.post(
      '/v1/handover-plans',
      planBody({ responsibilities: [{ departmentId: 'dept_nope', role: 'project', sharePercent: 100 }] }),
    );
    expect(field(dept)).toBe('responsibilities.0.departmentId');
    expect(await plans()).toBe(before);
  });

  it('an item: an actual date in the future, an unknown owner or key; counts beyond the batch', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody({ households: 10 }))).body;
    expect(
      field(
        await manager.post(`/v1/handover-plans/${plan.id}/items/fire_acceptance`, { actualOn: '2099-01-01' }),
      ),
    ).toBe('actualOn');
    expect(
      field(
        await manager.post(`/v1/handover-plans/${plan.id}/items/fire_acceptance`, { ownerId: 'stf_nope' }),
      ),
    ).toBe('ownerId');
    expect((await manager.post(`/v1/handover-plans/${plan.id}/items/nope`, { notes: 'x' })).status).toBe(404);
    expect(
      field(await manager.post(`/v1/handover-plans/${plan.id}/handover-day`, { acceptedHouseholds: 11 })),
    ).toBe('acceptedHouseholds');
    const after = (await manager.get(`/v1/handover-plans/${plan.id}`)).body;
    expect(after.acceptedHouseholds).toBe(0);
    expect(after.items.find((i: { key: string }) => i.key === 'fire_acceptance').actualOn).toBeNull();
  });
});
