import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { act, as, fx, hotlineRepair, intake } from '../cases/support';
import { shardOf } from '../support/shards';
import {
  arm,
  backdate,
  clockOf,
  fireAlarm,
  insertCase,
  minutesFromNow,
  outboxTypes,
  recordedKeys,
  shiftCase,
} from '../support/sla';

const contact = 'contractor_contact';

/** Rungs for the demo: Xixi's own supervisor, and the Hangzhou branch's for its other projects. */
async function demoRungs() {
  const admin = await as('tenant_admin');
  for (const body of [
    { level: 'supervisor', projectId: fx.xixi, staffIds: [fx.staff(4)] },
    { level: 'supervisor', branchId: fx.hangzhou, staffIds: [fx.staff(6)] },
    { level: 'supervisor', staffIds: [fx.staff(2)] },
  ]) {
    const res = await admin.post('/v1/sla/escalation-rungs', body);
    expect([201, 409]).toContain(res.status);
  }
  return admin;
}

describe('the case clock', () => {
  it('a contractor who misses the 30-minute contact: breach, escalation to the project supervisor, forfeit, overdue', async () => {
    const admin = await demoRungs();
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const dispatched = await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    // Dispatching armed the clock for the default policy's warning, 10 minutes before the
    // 30-minute contact deadline (round the clock).
    const armed = await clockOf(fx.tenantId, created.id).state();
    expect(armed.wakeAt).toBe(new Date(dispatched.dispatchedAt).getTime() + 20 * 60_000);
    const contractor = await as('contractor_staff');
    expect((await contractor.get(`/v1/cases/${created.id}`)).status).toBe(200);

    // The whole case happened 31 minutes earlier: the alarm finds the deadline passed. The
    // warning it slept through is not sent late: the breach supersedes it.
    await shiftCase(fx.tenantId, created.id, -31);
    expect(await fireAlarm(fx.tenantId, created.id)).toBe(true);

    expect((await recordedKeys(fx.tenantId, created.id)).map((r) => r.key)).toEqual([
      `${created.id}:${contact}:breach:0`,
      `${created.id}:${contact}:escalation:0`,
    ]);
    const sla = await admin.get(`/v1/cases/${created.id}/sla`);
    expect(sla.status).toBe(200);
    expect(sla.body.escalationLevel).toBe(1);
    expect(sla.body.milestones).toEqual([
      expect.objectContaining({ milestone: contact, cycle: 0, status: 'breached', metAt: null }),
    ]);
    expect(sla.body.milestones[0].breachedAt).not.toBeNull();
    const escalation = sla.body.actions.find((a: { kind: string }) => a.kind === 'escalation');
    expect(escalation.data).toMatchObject({
      level: 'supervisor',
      staffIds: [fx.staff(4)],
      source: 'project',
    });
    expect(sla.body.milestones[0].dueAt).toBe(
      new Date(new Date(dispatched.dispatchedAt).getTime() - 31 * 60_000 + 30 * 60_000).toISOString(),
    );

    const after = (await hotline.get(`/v1/cases/${created.id}`)).body;
    expect(after.status).toBe('forfeited');
    expect(after.forfeitedContractorIds).toEqual([fx.contractor1]);
    // The contractor's staff can no longer see or act on the job.
    expect((await contractor.get(`/v1/cases/${created.id}`)).status).toBe(404);
    const late = await contractor.post(`/v1/cases/${created.id}/actions`, { type: 'record_contact' });
    expect(late.status).toBe(404);
    expect(await outboxTypes(fx.tenantId, created.id)).toEqual(
      expect.arrayContaining(['sla.breached', 'case.escalated', 'case.forfeited']),
    );
    const overdue = await hotline.get(`/v1/cases?overdue=true&projectId=${fx.xixi}&limit=200`);
    expect(overdue.body.data.map((c: { id: string }) => c.id)).toContain(created.id);
    const breaches = await admin.get(`/v1/sla/breaches?projectId=${fx.xixi}&limit=200`);
    expect(breaches.body.data.map((b: { caseId: string }) => b.caseId)).toContain(created.id);
  });

  it('a case in a project without its own rung escalates to the branch rung', async () => {
    await demoRungs();
    const late = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.qianjiang },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-45) },
    );
    await arm(fx.tenantId, late.id);
    await fireAlarm(fx.tenantId, late.id);
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${late.id}/sla`);
    const escalation = sla.body.actions.find((a: { kind: string }) => a.kind === 'escalation');
    expect(escalation.data).toMatchObject({ level: 'supervisor', staffIds: [fx.staff(6)], source: 'branch' });
  });

  it('a repeated alarm writes nothing twice', async () => {
    await demoRungs();
    const late = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.xixi },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-40) },
    );
    await arm(fx.tenantId, late.id);
    await fireAlarm(fx.tenantId, late.id);
    const clock = clockOf(fx.tenantId, late.id);
    // The platform retries an alarm; run the handler twice more by hand.
    await runInDurableObject(clock, (instance) => instance.alarm());
    await runInDurableObject(clock, (instance) => instance.alarm());
    expect(await recordedKeys(fx.tenantId, late.id)).toHaveLength(2);
    const types = await outboxTypes(fx.tenantId, late.id);
    expect(types.filter((t) => t === 'sla.breached')).toHaveLength(1);
    expect(types.filter((t) => t === 'case.escalated')).toHaveLength(1);
    const row = await (await shardOf(fx.tenantId))
      .prepare('SELECT escalation_level AS level FROM cases WHERE id = ?')
      .bind(late.id)
      .first<{ level: number }>();
    expect(row?.level).toBe(1);
  });

  it('a contact in time meets the milestone: the clock disarms and never breaches', async () => {
    const onTime = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.xixi },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-10), contractorId: fx.contractor1 },
    );
    const armed = await arm(fx.tenantId, onTime.id);
    // The warning first: 10 minutes before the 30-minute deadline.
    expect(armed.wakeAt).toBe(onTime.dispatchedAt!.getTime() + 20 * 60_000);
    const contactedAt = minutesFromNow(-1);
    const contacted = await backdate(
      fx.tenantId,
      onTime.id,
      { status: 'contacted', contacted_at: contactedAt },
      [['record_contact', contactedAt]],
    );
    expect(contacted.wakeAt).toBeNull();
    await runInDurableObject(clockOf(fx.tenantId, onTime.id), (instance) => instance.alarm());
    expect(await recordedKeys(fx.tenantId, onTime.id)).toEqual([]);
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${onTime.id}/sla`);
    expect(sla.body.milestones[0]).toMatchObject({ status: 'met', breachedAt: null });
  });

  it('a reopened repair runs a new cycle: its breach has its own key', async () => {
    const c = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.xixi },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-35) },
    );
    await arm(fx.tenantId, c.id);
    await fireAlarm(fx.tenantId, c.id);
    // Reopened, then dispatched again 32 minutes ago: the contact clock of cycle 1 runs out too.
    await backdate(
      fx.tenantId,
      c.id,
      { status: 'dispatched', reopen_count: 1, dispatched_at: minutesFromNow(-32), contacted_at: null },
      [
        ['reopen', minutesFromNow(-33), { reason: 're_report', reopenCount: 1 }],
        ['dispatch', minutesFromNow(-32)],
      ],
    );
    await fireAlarm(fx.tenantId, c.id);
    const keys = (await recordedKeys(fx.tenantId, c.id)).filter((r) => r.kind === 'breach').map((r) => r.key);
    expect(keys).toEqual([`${c.id}:${contact}:breach:0`, `${c.id}:${contact}:breach:1`]);
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${c.id}/sla`);
    expect(sla.body.milestones.map((m: { cycle: number }) => m.cycle)).toEqual([0, 1]);
  });

  it('closing disarms the clock and cancels what was pending', async () => {
    const c = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.xixi },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-5) },
    );
    expect((await arm(fx.tenantId, c.id)).wakeAt).not.toBeNull();
    const closedAt = new Date();
    const closed = await backdate(fx.tenantId, c.id, { status: 'closed', closed_at: closedAt }, [
      ['close', closedAt],
    ]);
    expect(closed.wakeAt).toBeNull();
    expect(await fireAlarm(fx.tenantId, c.id)).toBe(false);
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${c.id}/sla`);
    expect(sla.body.milestones[0].status).toBe('cancelled');
  });
});

describe('the follow-up reminder', () => {
  it('when the 回访 falls due (3 days after completion) the clock emits followup.due once; following up meets it', async () => {
    const c = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.xixi },
      {
        status: 'signed_off',
        dispatchedAt: minutesFromNow(-5000),
        contactedAt: minutesFromNow(-4990),
        completedAt: minutesFromNow(-3 * 24 * 60 + 30),
      },
    );
    const armed = await arm(fx.tenantId, c.id);
    expect(armed.wakeAt).toBe(c.completedAt!.getTime() + 3 * 86_400_000);
    await shiftCase(fx.tenantId, c.id, -31);
    await fireAlarm(fx.tenantId, c.id);
    await runInDurableObject(clockOf(fx.tenantId, c.id), (instance) => instance.alarm());
    expect(await recordedKeys(fx.tenantId, c.id)).toEqual([{ key: `${c.id}:followup:due:0`, kind: 'due' }]);
    expect((await outboxTypes(fx.tenantId, c.id)).filter((t) => t === 'followup.due')).toHaveLength(1);
    const row = await (await shardOf(fx.tenantId))
      .prepare('SELECT overdue_since AS o FROM cases WHERE id = ?')
      .bind(c.id)
      .first<{ o: number | null }>();
    // A reminder is not a miss: the case is not overdue, the milestone still open.
    expect(row?.o).toBeNull();
    const followedUpAt = new Date();
    const done = await backdate(fx.tenantId, c.id, { status: 'followed_up', followed_up_at: followedUpAt }, [
      ['follow_up', followedUpAt, { satisfaction: 5, satisfied: true }],
    ]);
    expect(done.wakeAt).toBeNull();
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${c.id}/sla`);
    expect(sla.body.milestones.find((m: { milestone: string }) => m.milestone === 'followup').status).toBe(
      'met',
    );
  });
});
