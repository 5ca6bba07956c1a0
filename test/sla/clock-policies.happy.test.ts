import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { forfeitContractorJob } from '../../workers/app/cases';
import { tickCaseClock } from '../../workers/clocks/tick';
import { act, as, fx } from '../cases/support';
import { shardOf } from '../support/shards';
import {
  arm,
  backdate,
  fireAlarm,
  insertCase,
  milestoneRows,
  minutesFromNow,
  outboxTypes,
  recordedKeys,
  shiftCase,
  systemScopeAt,
} from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

const minute = 60_000;
const hour = 60 * minute;
/** A Shanghai instant from local wall time: `sh('2026-10-09 15:00')`. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const xixi = { branchId: fx.hangzhou, projectId: fx.xixi };

/** Rungs for the demo: Xixi's own supervisor, the Hangzhou branch's, and the tenant's. */
async function demoRungs() {
  const admin = await as('tenant_admin');
  for (const body of [
    { level: 'supervisor', projectId: fx.xixi, staffIds: [fx.staff(4)] },
    { level: 'supervisor', branchId: fx.hangzhou, staffIds: [fx.staff(6)] },
    { level: 'supervisor', staffIds: [fx.staff(2)] },
    { level: 'branch_cs_manager', branchId: fx.hangzhou, staffIds: [fx.staff(5)] },
  ]) {
    const res = await admin.post('/v1/sla/escalation-rungs', body);
    expect([201, 409]).toContain(res.status);
  }
  return admin;
}

const keysOf = async (tenantId: string, caseId: string) =>
  (await recordedKeys(tenantId, caseId)).map((r) => r.key);
const rowOf = async (tenantId: string, caseId: string, milestone: string, cycle = 0) =>
  (await milestoneRows(tenantId, caseId)).find((m) => m.milestone === milestone && m.cycle === cycle);

describe('a complaint’s 24-hour reply (default policy, round the clock)', () => {
  it('warns at 18 hours, then breaches at 24 and escalates to the project’s supervisor', async () => {
    const admin = await demoRungs();
    const receivedAt = minutesFromNow(-19 * 60);
    const c = await insertCase(fx.tenantId, xixi, {
      kind: 'complaint',
      status: 'received',
      category: 'noise',
      receivedAt,
    });
    // Armed after the warning point: it wakes at once to record the warning.
    expect((await arm(fx.tenantId, c.id)).wakeAt).not.toBeNull();
    await fireAlarm(fx.tenantId, c.id);
    expect(await keysOf(fx.tenantId, c.id)).toEqual([`${c.id}:first_reply:warning:0`]);
    const warned = await admin.get(`/v1/cases/${c.id}/sla`);
    expect(warned.body.milestones).toEqual([
      expect.objectContaining({
        milestone: 'first_reply',
        status: 'warned',
        warnAt: new Date(receivedAt.getTime() + 18 * hour).toISOString(),
        dueAt: new Date(receivedAt.getTime() + 24 * hour).toISOString(),
        breachedAt: null,
      }),
    ]);
    expect(warned.body.milestones[0].warnedAt).not.toBeNull();
    expect(warned.body.escalationLevel).toBe(0);
    expect(await outboxTypes(fx.tenantId, c.id)).toEqual(['sla.warning']);

    await shiftCase(fx.tenantId, c.id, -6 * 60);
    await fireAlarm(fx.tenantId, c.id);
    expect(await keysOf(fx.tenantId, c.id)).toEqual([
      `${c.id}:first_reply:warning:0`,
      `${c.id}:first_reply:breach:0`,
      `${c.id}:first_reply:escalation:0`,
    ]);
    const breached = await admin.get(`/v1/cases/${c.id}/sla`);
    expect(breached.body.escalationLevel).toBe(1);
    expect(breached.body.milestones[0]).toMatchObject({ status: 'breached' });
    const escalation = breached.body.actions.find((a: { kind: string }) => a.kind === 'escalation');
    expect(escalation.data).toMatchObject({
      level: 'supervisor',
      staffIds: [fx.staff(4)],
      source: 'project',
    });
    expect(await outboxTypes(fx.tenantId, c.id)).toEqual(['sla.warning', 'sla.breached', 'case.escalated']);
    const warnings = await admin.get(`/v1/sla/breaches?kind=warning&projectId=${fx.xixi}&limit=200`);
    expect(warnings.status).toBe(200);
    expect(warnings.body.data.map((a: { caseId: string }) => a.caseId)).toContain(c.id);
  });

  it('the responsible department’s feedback falls due 1 hour before the reply, and its miss is its own breach', async () => {
    await as('tenant_admin'); // the demo group is seeded
    const receivedAt = minutesFromNow(-(23 * 60 + 1));
    const c = await insertCase(
      fx.tenantId,
      xixi,
      {
        kind: 'complaint',
        status: 'assigned',
        category: 'noise',
        receivedAt,
        departmentId: fx.xixiEngineering,
      },
      [
        ['receive', receivedAt],
        [
          'assign_department',
          new Date(receivedAt.getTime() + 30 * minute),
          { departmentId: fx.xixiEngineering },
        ],
      ],
    );
    await arm(fx.tenantId, c.id);
    await fireAlarm(fx.tenantId, c.id);
    const feedback = await rowOf(fx.tenantId, c.id, 'department_feedback');
    expect(feedback).toMatchObject({
      status: 'breached',
      dueAt: receivedAt.getTime() + 23 * hour,
      warnAt: receivedAt.getTime() + 22 * hour,
    });
    expect(await rowOf(fx.tenantId, c.id, 'first_reply')).toMatchObject({
      status: 'warned',
      dueAt: receivedAt.getTime() + 24 * hour,
    });
    const keys = await keysOf(fx.tenantId, c.id);
    expect(keys).toContain(`${c.id}:department_feedback:breach:0`);
    expect(keys).not.toContain(`${c.id}:first_reply:breach:0`);
  });
});

describe('an emergency repair', () => {
  it('must have someone on site within 60 minutes: warns at 45, breaches at 60', async () => {
    await as('tenant_admin'); // the demo group is seeded
    const receivedAt = minutesFromNow(-46);
    const c = await insertCase(fx.tenantId, xixi, {
      urgency: 'emergency',
      category: 'plumbing.pipe_burst',
      receivedAt,
    });
    await arm(fx.tenantId, c.id);
    await fireAlarm(fx.tenantId, c.id);
    expect(await keysOf(fx.tenantId, c.id)).toEqual([`${c.id}:onsite_arrival:warning:0`]);
    expect(await rowOf(fx.tenantId, c.id, 'onsite_arrival')).toMatchObject({
      status: 'warned',
      dueAt: receivedAt.getTime() + 60 * minute,
    });
    await shiftCase(fx.tenantId, c.id, -15);
    await fireAlarm(fx.tenantId, c.id);
    expect(await keysOf(fx.tenantId, c.id)).toContain(`${c.id}:onsite_arrival:breach:0`);
    expect(await outboxTypes(fx.tenantId, c.id)).toEqual(
      expect.arrayContaining(['sla.warning', 'sla.breached']),
    );
  });
});

describe('business hours across National Day 2026 (default calendar: office hours, mainland holidays)', () => {
  it('an email replied within 8 business hours: received before the holiday week, or on the Friday before the 调休 Saturday', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const email = { kind: 'inquiry', channel: 'email', category: 'other' } as const;
    // Wed 30 Sep 16:00: 2 hours that day, 1–7 Oct closed, Thu 8 Oct 09:00–12:00 and 13:30–16:30.
    const beforeHoliday = await insertCase(tenantId, estate, {
      ...email,
      receivedAt: sh('2026-09-30 16:00'),
    });
    // Fri 9 Oct 15:00: 3 hours that day; Sat 10 Oct is a make-up working day on Monday's hours.
    const beforeMakeUp = await insertCase(tenantId, estate, { ...email, receivedAt: sh('2026-10-09 15:00') });
    await tickCaseClock(env, tenantId, beforeHoliday.id, sh('2026-09-30 17:00'), { fire: false });
    await tickCaseClock(env, tenantId, beforeMakeUp.id, sh('2026-10-09 16:00'), { fire: false });
    expect(await rowOf(tenantId, beforeHoliday.id, 'email_reply')).toMatchObject({
      status: 'pending',
      dueAt: sh('2026-10-08 16:30').getTime(),
    });
    expect(await rowOf(tenantId, beforeMakeUp.id, 'email_reply')).toMatchObject({
      status: 'pending',
      // 75%: 6 business hours, at Saturday's 12:00 close (a deadline lands on a closing, not the next opening).
      warnAt: sh('2026-10-10 12:00').getTime(),
      dueAt: sh('2026-10-10 15:30').getTime(),
    });

    const late = await tickCaseClock(env, tenantId, beforeMakeUp.id, sh('2026-10-10 15:31'), { fire: true });
    expect(late.recorded.map((a) => a.key)).toEqual([`${beforeMakeUp.id}:email_reply:breach:0`]);
    expect(late.events.map((e) => e.type)).toEqual(['sla.breached']);

    // A project calendar that runs round the clock (the new column): 8 wall-clock hours.
    const override = await admin.post('/v1/sla/calendars', {
      name: '项目 7×24',
      projectId: estate.projectId,
      timeZone: 'Asia/Shanghai',
      hours: {},
      roundTheClock: true,
    });
    expect(override.status).toBe(201);
    expect(override.body).toMatchObject({ roundTheClock: true });
    await tickCaseClock(env, tenantId, beforeHoliday.id, sh('2026-09-30 17:00'), { fire: false });
    expect(await rowOf(tenantId, beforeHoliday.id, 'email_reply')).toMatchObject({
      dueAt: sh('2026-10-01 00:00').getTime(),
    });
  });

  it('a tenant calendar with make-up hours of another weekday and a branch override merged in', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const weekday = [{ start: '09:00', end: '17:00' }];
    const tenantCal = await admin.post('/v1/sla/calendars', {
      name: '集团日历',
      timeZone: 'Asia/Shanghai',
      hours: {
        mon: weekday,
        tue: weekday,
        wed: weekday,
        thu: weekday,
        fri: [{ start: '09:00', end: '12:00' }],
      },
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      makeUpDays: ['2026-10-10'],
      // A bare make-up date works Friday's (short) hours.
      makeUpHoursOf: 'fri',
    });
    expect(tenantCal.status).toBe(201);
    // The branch closes Thursday 8 Oct too (a local holiday).
    const branchCal = await admin.post('/v1/sla/calendars', {
      name: '分公司',
      branchId: estate.branchId,
      timeZone: 'Asia/Shanghai',
      hours: {},
      holidays: ['2026-10-08'],
    });
    expect(branchCal.status).toBe(201);
    const c = await insertCase(tenantId, estate, {
      kind: 'inquiry',
      channel: 'email',
      category: 'other',
      receivedAt: sh('2026-09-30 13:00'),
    });
    await tickCaseClock(env, tenantId, c.id, sh('2026-09-30 14:00'), { fire: false });
    // Wed 30 Sep 13:00–17:00 (4 h), Fri 9 Oct 09:00–12:00 (3 h), Sat 10 Oct (make-up, Friday hours) 09:00–10:00.
    expect(await rowOf(tenantId, c.id, 'email_reply')).toMatchObject({
      dueAt: sh('2026-10-10 10:00').getTime(),
    });
  });
});

describe('waiting for the owner', () => {
  it('a pause extends the 24-hour reply by its length; an open pause holds the clock', async () => {
    const admin = await as('tenant_admin');
    const receivedAt = minutesFromNow(-20 * 60);
    const paused = new Date(receivedAt.getTime() + 10 * hour);
    const resumed = new Date(receivedAt.getTime() + 14 * hour);
    const c = await insertCase(fx.tenantId, xixi, { kind: 'complaint', category: 'noise', receivedAt }, [
      ['receive', receivedAt],
      ['wait_for_owner', paused],
      ['resume', resumed, { to: 'received' }],
    ]);
    const armed = await arm(fx.tenantId, c.id);
    // 18 hours of clock time, 4 of them paused: the warning at 22 h, due at 28 h.
    expect(armed.wakeAt).toBe(receivedAt.getTime() + 22 * hour);
    expect(await rowOf(fx.tenantId, c.id, 'first_reply')).toMatchObject({
      status: 'pending',
      dueAt: receivedAt.getTime() + 28 * hour,
      pausedMs: 4 * hour,
    });

    const holding = await insertCase(
      fx.tenantId,
      xixi,
      { kind: 'complaint', status: 'waiting_for_owner', category: 'noise', receivedAt },
      [
        ['receive', receivedAt],
        ['wait_for_owner', paused],
      ],
    );
    expect((await arm(fx.tenantId, holding.id)).wakeAt).toBeNull();
    const view = await admin.get(`/v1/cases/${holding.id}/sla`);
    expect(view.body.milestones).toEqual([
      expect.objectContaining({ milestone: 'first_reply', status: 'paused', dueAt: null, warnAt: null }),
    ]);
    // Paused from 10 h after receipt until now (the arm, a moment ago).
    expect(view.body.milestones[0].pausedMs).toBeGreaterThanOrEqual(10 * hour);
    expect(view.body.milestones[0].pausedMs).toBeLessThan(10 * hour + minute);
  });
});

describe('a reopened complaint', () => {
  it('runs its reply again from the reopen in a new cycle; the old cycle’s follow-up is cancelled', async () => {
    await as('tenant_admin'); // the demo group is seeded
    const now = Date.now();
    const at = (h: number) => new Date(now - h * hour);
    const c = await insertCase(
      fx.tenantId,
      xixi,
      { kind: 'complaint', status: 'resolved', category: 'noise', receivedAt: at(30) },
      [
        ['receive', at(30)],
        ['reply_owner', at(25), { first: true }],
        ['resolve', at(20)],
      ],
    );
    await arm(fx.tenantId, c.id);
    expect(await rowOf(fx.tenantId, c.id, 'first_reply', 0)).toMatchObject({
      status: 'met',
      metAt: at(25).getTime(),
    });
    expect(await rowOf(fx.tenantId, c.id, 'followup', 0)).toMatchObject({
      status: 'pending',
      dueAt: at(20).getTime() + 72 * hour,
    });
    await backdate(fx.tenantId, c.id, { status: 'reopened', reopen_count: 1 }, [
      ['reopen', at(2), { reason: 're_report', reopenCount: 1 }],
    ]);
    expect(await rowOf(fx.tenantId, c.id, 'first_reply', 0)).toMatchObject({ status: 'met' });
    expect(await rowOf(fx.tenantId, c.id, 'first_reply', 1)).toMatchObject({
      status: 'pending',
      startedAt: at(2).getTime(),
      dueAt: at(2).getTime() + 24 * hour,
    });
    // The follow-up is owed after the next resolution, not after this one.
    expect(await rowOf(fx.tenantId, c.id, 'followup', 0)).toMatchObject({ status: 'cancelled' });
    expect(await rowOf(fx.tenantId, c.id, 'followup', 1)).toBeUndefined();
  });
});

describe('a policy change', () => {
  it('recalculates the open cases: a 2-hour reply policy moves the deadline and the warning comes due', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const receivedAt = minutesFromNow(-70);
    const c = await insertCase(tenantId, estate, { kind: 'complaint', category: 'noise', receivedAt });
    await arm(tenantId, c.id);
    expect(await rowOf(tenantId, c.id, 'first_reply')).toMatchObject({
      dueAt: receivedAt.getTime() + 24 * hour,
    });
    const policy = await admin.post('/v1/sla/policies', {
      name: '投诉 2 小时回复',
      match: { kinds: ['complaint'] },
      priority: 10,
      milestones: [
        {
          key: 'first_reply',
          startOn: ['case.created'],
          stopOn: ['case.replied'],
          target: { kind: 'duration', minutes: 120 },
          calendar: 'round_the_clock',
          warning: { share: 0.5 },
        },
      ],
    });
    expect(policy.status).toBe(201);
    // The write re-armed the case: its deadline moved and the (passed) warning is recorded.
    await fireAlarm(tenantId, c.id);
    const view = await admin.get(`/v1/cases/${c.id}/sla`);
    const milestone = (key: string) =>
      view.body.milestones.find((m: { milestone: string }) => m.milestone === key);
    expect(milestone('first_reply')).toMatchObject({
      policyId: policy.body.id,
      status: 'warned',
      dueAt: new Date(receivedAt.getTime() + 2 * hour).toISOString(),
    });
    expect(await keysOf(tenantId, c.id)).toContain(`${c.id}:first_reply:warning:0`);
  });
});

describe('a repeated evaluation', () => {
  it('writes no milestone when nothing changed (the queue re-arms after the request), and does when the case moves', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const c = await insertCase(tenantId, estate, {
      kind: 'complaint',
      category: 'noise',
      receivedAt: minutesFromNow(-70),
    });
    const writtenAt = async () => {
      const { results } = await (await shardOf(tenantId))
        .prepare(
          'SELECT milestone, updated_at AS at FROM case_milestones WHERE tenant_id = ? AND case_id = ? ORDER BY milestone',
        )
        .bind(tenantId, c.id)
        .all<{ milestone: string; at: number }>();
      return results;
    };
    const first = await tickCaseClock(env, tenantId, c.id, minutesFromNow(0), { fire: false });
    const before = await writtenAt();
    expect(before.length).toBeGreaterThan(0);
    const again = await tickCaseClock(env, tenantId, c.id, minutesFromNow(1), { fire: false });
    expect(again.wakeAt).toBe(first.wakeAt);
    expect(await writtenAt()).toEqual(before);
    // Received 10 minutes earlier (moved in D1 without arming): the reply's deadline moves, so
    // the next evaluation writes the projection.
    const db = await shardOf(tenantId);
    await db.batch([
      db
        .prepare('UPDATE case_timeline SET at = at - 600000 WHERE tenant_id = ? AND case_id = ?')
        .bind(tenantId, c.id),
      db
        .prepare('UPDATE cases SET received_at = received_at - 600000 WHERE tenant_id = ? AND id = ?')
        .bind(tenantId, c.id),
    ]);
    const later = minutesFromNow(2);
    await tickCaseClock(env, tenantId, c.id, later, { fire: false });
    expect(await rowOf(tenantId, c.id, 'first_reply')).toMatchObject({
      dueAt: c.receivedAt.getTime() - 10 * minute + 24 * hour,
    });
    expect((await writtenAt()).find((r) => r.milestone === 'first_reply')?.at).toBe(later.getTime());
  });
});

describe('escalation up the ladder', () => {
  it('a second miss climbs past unstaffed rungs to the branch CS manager', async () => {
    await demoRungs();
    // Already at the supervisor; nobody staffs project_manager anywhere.
    const c = await insertCase(
      fx.tenantId,
      { branchId: fx.hangzhou, projectId: fx.qianjiang },
      { status: 'dispatched', dispatchedAt: minutesFromNow(-40), escalationLevel: 1 },
    );
    await arm(fx.tenantId, c.id);
    await fireAlarm(fx.tenantId, c.id);
    const sla = await (await as('tenant_admin')).get(`/v1/cases/${c.id}/sla`);
    expect(sla.body.escalationLevel).toBe(3);
    const escalation = sla.body.actions.find((a: { kind: string }) => a.kind === 'escalation');
    expect(escalation.data).toMatchObject({
      level: 'branch_cs_manager',
      staffIds: [fx.staff(5)],
      source: 'branch',
    });
  });
});

describe('the contact deadline has one source: the policy', () => {
  it('a project policy of 45 minutes holds the forfeit back at 31 minutes, for the clock and the desk alike', async () => {
    const admin = await as('tenant_admin');
    const pm = await as('project_manager');
    const job = { status: 'dispatched', contractorId: fx.contractor1 } as const;
    // On the default policy a desk forfeit passes after 30 minutes, and is refused before.
    const early = await insertCase(fx.tenantId, xixi, { ...job, dispatchedAt: minutesFromNow(-29) });
    const refused = await pm.post(`/v1/cases/${early.id}/actions`, { type: 'forfeit' });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toMatch(/contact deadline/);
    const offered = async (id: string) =>
      (await pm.get(`/v1/cases/${id}/allowed-actions`)).body.data.map((a: { action: string }) => a.action);
    expect(await offered(early.id)).not.toContain('forfeit');
    const due = await insertCase(fx.tenantId, xixi, { ...job, dispatchedAt: minutesFromNow(-31) });
    expect(await offered(due.id)).toContain('forfeit');
    expect((await act(pm, due.id, { type: 'forfeit' })).status).toBe('forfeited');

    // A project policy is more specific than the default repair policy: Binjiang gets 45 minutes.
    const policy = await admin.post('/v1/sla/policies', {
      name: '滨江悦城 维修联系 45 分钟',
      match: { kinds: ['repair'], projectIds: [fx.binjiang] },
      milestones: [
        {
          key: 'contractor_contact',
          startOn: ['case.dispatched'],
          stopOn: ['case.contacted'],
          target: { kind: 'duration', minutes: 45 },
          calendar: 'round_the_clock',
          onBreach: ['forfeit_contractor', 'escalate'],
        },
      ],
    });
    expect(policy.status).toBe(201);
    const place = { branchId: fx.hangzhou, projectId: fx.binjiang };
    const c = await insertCase(fx.tenantId, place, { ...job, dispatchedAt: minutesFromNow(-31) });
    expect((await forfeitContractorJob(await systemScopeAt(fx.tenantId, new Date()), c.id)).forfeited).toBe(
      false,
    );
    await arm(fx.tenantId, c.id);
    expect(await rowOf(fx.tenantId, c.id, 'contractor_contact')).toMatchObject({
      status: 'pending',
      dueAt: c.dispatchedAt!.getTime() + 45 * minute,
    });
    expect(await keysOf(fx.tenantId, c.id)).toEqual([]);

    // 46 minutes: the clock breaches and forfeits in the same alarm.
    await shiftCase(fx.tenantId, c.id, -15);
    await fireAlarm(fx.tenantId, c.id);
    expect(await keysOf(fx.tenantId, c.id)).toContain(`${c.id}:contractor_contact:breach:0`);
    const after = (await admin.get(`/v1/cases/${c.id}`)).body;
    expect(after).toMatchObject({ status: 'forfeited', forfeitedContractorIds: [fx.contractor1] });
    const timeline = (await admin.get(`/v1/cases/${c.id}/timeline`)).body.data;
    const forfeit = timeline.find((t: { action: string }) => t.action === 'forfeit');
    expect(forfeit.data.contactDueAt).toBe(
      new Date(c.dispatchedAt!.getTime() - 15 * minute + 45 * minute).toISOString(),
    );
  });
});
