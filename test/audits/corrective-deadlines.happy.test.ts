import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick as tick } from '../support/cron';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { hotlineAnswers, planHotlineAudit } from './audits-support';

beforeAll(demoReady);
afterEach(realTime);

const hour = 3_600_000;

const alerts = async (actionId: string) =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare(
        'SELECT key, kind FROM corrective_alerts WHERE tenant_id = ? AND corrective_action_id = ? ORDER BY key',
      )
      .bind(demo.tenantId, actionId)
      .all<{ key: string; kind: string }>()
  ).results;

const events = async (actionId: string) =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare(
        "SELECT id, type, payload, branch_id AS branchId FROM outbox_events WHERE tenant_id = ? AND type LIKE 'corrective_action.%' AND type != 'corrective_action.created' AND json_extract(payload, '$.correctiveActionId') = ? ORDER BY id",
      )
      .bind(demo.tenantId, actionId)
      .all<{ id: string; type: string; payload: string; branchId: string }>()
  ).results;

/** A failed Xixi hotline audit, published: its corrective actions, owned by the project manager. */
async function failedAudit() {
  const { auditId, manager } = await planHotlineAudit(demo.xixi);
  const shopper = await demoAt('mystery_shopper');
  const submitted = await shopper.post(`/v1/audits/${auditId}/submit`, {
    visitedAt: new Date(Date.now() - hour).toISOString(),
    answers: hotlineAnswers(false),
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect((await manager.post(`/v1/audits/${auditId}/publish`)).status).toBe(200);
  const list = await manager.get(`/v1/corrective-actions?auditId=${auditId}`);
  const byItem = (key: string) => list.body.data.find((a: { itemId: string }) => a.itemId === key);
  return { critical: byItem('no_forbidden_phrases'), slow: byItem('answered_in_time') };
}

describe('the corrective-action deadline clock (cron pass)', () => {
  it('warns 24 h before, breaches after the deadline, each once, to the owner and their supervisor; closing still needs verification', async () => {
    const { critical, slow } = await failedAudit();
    const deadline = Date.parse(critical.deadline);
    expect(critical.ownerId).toBe(staffId(9));

    await tick(deadline - 25 * hour);
    expect(await alerts(critical.id)).toEqual([]);

    await tick(deadline - 2 * hour);
    await tick(deadline - hour); // a second pass in the warning window records nothing more
    expect(await alerts(critical.id)).toEqual([{ key: `${critical.id}:warning`, kind: 'warning' }]);
    // The 7-day action is still days away.
    expect(await alerts(slow.id)).toEqual([]);

    await tick(deadline + 60_000);
    await tick(deadline + 2 * 60_000);
    expect((await alerts(critical.id)).map((a) => a.kind)).toEqual(['breach', 'warning']);

    const written = await events(critical.id);
    expect(written.map((e) => e.type)).toEqual(['corrective_action.due_soon', 'corrective_action.overdue']);
    const overdue = JSON.parse(written[1]?.payload ?? '{}');
    expect(written[1]?.branchId).toBe(demo.hangzhou);
    expect(overdue).toMatchObject({
      correctiveActionId: critical.id,
      ownerId: staffId(9),
      // Xixi's CS supervisor (who verifies) and Hangzhou's CS manager.
      supervisorIds: [staffId(10), staffId(4)].sort(),
      notifyStaffIds: [staffId(9), ...[staffId(10), staffId(4)].sort()],
      deadline: critical.deadline,
    });
    const inbox = await (await shardOf(demo.tenantId))
      .prepare(
        'SELECT user_id AS userId, title FROM inbox_messages WHERE tenant_id = ? AND source_id = ? ORDER BY user_id',
      )
      .bind(demo.tenantId, `${critical.id}:breach`)
      .all<{ userId: string; title: string }>();
    expect(inbox.results).toEqual([
      { userId: staffId(4), title: '整改已超期' },
      { userId: staffId(9), title: '整改已超期' },
      { userId: staffId(10), title: '整改已超期' },
    ]);

    // The breach closes nothing: still open; the owner completes, the supervisor verifies.
    setNow(new Date(deadline + 3 * 60_000));
    const pm = await demoAt('project_manager');
    expect((await pm.get(`/v1/corrective-actions/${critical.id}`)).body).toMatchObject({
      status: 'open',
      overdue: true,
    });
    expect(
      (await pm.post(`/v1/corrective-actions/${critical.id}/complete`, { resolution: '禁语培训已完成' })).body
        .status,
    ).toBe('done');
    const verified = await (await demoAt('cs_supervisor')).post(
      `/v1/corrective-actions/${critical.id}/verify`,
      { accepted: true },
    );
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: staffId(4) });
  });

  it('an action completed before its deadline is not breached; a late first pass records the breach without a stale warning', async () => {
    const { critical, slow } = await failedAudit();
    const pm = await demoAt('project_manager');
    expect(
      (await pm.post(`/v1/corrective-actions/${slow.id}/complete`, { resolution: '接听时限已整改' })).status,
    ).toBe(200);
    // First pass three days after both deadlines.
    await tick(Date.parse(slow.deadline) + 3 * 24 * hour);
    expect(await alerts(slow.id)).toEqual([]);
    expect(await alerts(critical.id)).toEqual([{ key: `${critical.id}:breach`, kind: 'breach' }]);
    expect((await events(critical.id)).map((e) => e.type)).toEqual(['corrective_action.overdue']);
  });

  it('two passes side by side record the breach, its event and its inbox rows once (the unique key fails the second batch)', async () => {
    const { critical } = await failedAudit();
    const at = Date.parse(critical.deadline) + 60_000;
    await Promise.all([tick(at), tick(at), tick(at)]);
    expect(await alerts(critical.id)).toEqual([{ key: `${critical.id}:breach`, kind: 'breach' }]);
    expect((await events(critical.id)).map((e) => e.type)).toEqual(['corrective_action.overdue']);
    const rows = await (await shardOf(demo.tenantId))
      .prepare('SELECT count(*) AS n FROM inbox_messages WHERE tenant_id = ? AND source_id = ?')
      .bind(demo.tenantId, `${critical.id}:breach`)
      .first<{ n: number }>();
    expect(rows?.n).toBe(3);
  });
});
