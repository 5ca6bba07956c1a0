import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { planBody } from './handover.test-support';

beforeAll(demoReady);
afterEach(realTime);

describe('handover readiness', () => {
  it('a plan opens three months ahead with the standard checklist; items at risk are flagged and escalated once', async () => {
    setNow('2030-03-05T02:00:00Z');
    const manager = await demoAt('cr_manager');
    const created = await manager.post('/v1/handover-plans', planBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const plan = created.body;
    expect(plan).toMatchObject({ opensOn: '2030-03-30', phase: 'not_open', households: 200 });
    expect(plan.items.map((i: { labelZh: string }) => i.labelZh)).toEqual(
      expect.arrayContaining([
        '竣工备案证',
        '消防验收证明',
        '电梯验收证明',
        '燃气点火证明',
        '竣工面积测丈报告',
      ]),
    );
    expect(plan.items).toHaveLength(15);
    // Not open yet: nothing is at risk, the cron raises nothing.
    expect(plan.items.some((i: { atRisk: boolean }) => i.atRisk)).toBe(false);
    await cronTick(new Date());
    const alerts = async () =>
      (
        await (
          await shardOf(demo.tenantId)
        )
          .prepare(
            'SELECT item_key AS k, state FROM handover_alerts WHERE tenant_id = ? AND plan_id = ? ORDER BY k',
          )
          .bind(demo.tenantId, plan.id)
          .all<{ k: string; state: string }>()
      ).results;
    expect(await alerts()).toEqual([]);

    // Open: plan the fire acceptance, leave the rest; then it passes its date.
    setNow('2030-04-01T02:00:00Z');
    const m2 = await demoAt('cr_manager');
    const fire = await m2.post(`/v1/handover-plans/${plan.id}/items/fire_acceptance`, {
      plannedOn: '2030-04-20',
      ownerId: staffId(9),
      notes: '消防大队已受理',
    });
    expect(fire.status, JSON.stringify(fire.body)).toBe(200);
    const item = fire.body.items.find((i: { key: string }) => i.key === 'fire_acceptance');
    expect(item).toMatchObject({ state: 'on_track', atRisk: false, ownerId: staffId(9) });
    expect(fire.body.items.find((i: { key: string }) => i.key === 'gas_ignition').state).toBe('unplanned');

    setNow('2030-04-25T02:00:00Z');
    await cronTick(new Date());
    const first = await alerts();
    expect(first.find((a) => a.k === 'fire_acceptance')?.state).toBe('overdue');
    expect(first.find((a) => a.k === 'gas_ignition')?.state).toBe('unplanned');
    await cronTick(new Date());
    expect((await alerts()).length).toBe(first.length);
    const event = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'handover.item_at_risk' AND json_extract(payload, '$.itemKey') = 'fire_acceptance' AND json_extract(payload, '$.planId') = ?",
      )
      .bind(demo.tenantId, plan.id)
      .first<{ payload: string }>();
    const payload = JSON.parse(event?.payload ?? '{}');
    expect(payload.escalateTo).toEqual(['project_gm', 'leadership']);
    // The Xixi project manager (9) and the Hangzhou GM (11).
    expect(payload.notifyStaffIds).toEqual(expect.arrayContaining([staffId(9), staffId(11)]));

    const done = await (await demoAt('cr_manager')).post(
      `/v1/handover-plans/${plan.id}/items/fire_acceptance`,
      {
        actualOn: '2030-04-24',
      },
    );
    expect(done.body.items.find((i: { key: string }) => i.key === 'fire_acceptance').state).toBe('done');
  });

  it('handover-day counts are shown against the targets, live', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody({ households: 100 }))).body;
    const before = plan.targets.find((t: { key: string }) => t.key === 'acceptance_rate');
    expect(before).toMatchObject({ target: 0.98, actual: 0, met: false });
    const day = await manager.post(`/v1/handover-plans/${plan.id}/handover-day`, {
      acceptedHouseholds: 99,
      handoverIssues: 120,
      groupIncidents: 0,
    });
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    const by = Object.fromEntries(day.body.targets.map((t: { key: string }) => [t.key, t]));
    expect(by.acceptance_rate).toMatchObject({ actual: 0.99, met: true });
    expect(by.issues_per_household.met).toBe(false);
    expect(by.group_incidents).toMatchObject({ actual: 0, met: true });
    expect(by.satisfaction_rate.actual).toBeNull();
    const list = await manager.get(`/v1/handover-plans?projectId=${demo.xixi}&limit=100`);
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain(plan.id);
  });
});
