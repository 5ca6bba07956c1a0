import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffInboxFor } from '../../workers/app/events/reactions';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { demo } from '../support/staff';

beforeAll(demoReady);
afterEach(realTime);

export const ownerOf = async (projectId: string, skip = 0) => {
  const [row] = await rows<{ owner_id: string; unit_id: string }>(
    'SELECT owner_id, unit_id FROM owner_units WHERE tenant_id = ? AND project_id = ? ORDER BY owner_id LIMIT 1 OFFSET ?',
    demo.tenantId,
    projectId,
    skip,
  );
  if (!row) throw new Error(`no owner in ${projectId}`);
  return { ownerId: row.owner_id, unitId: row.unit_id };
};

const report = (over: Record<string, unknown> = {}) => ({
  interviewedOn: '2026-12-04',
  livingExperience: '小区安静，电梯偶尔故障',
  productOpinion: '地下车库照明不足',
  ...over,
});

describe('owner interviews (访谈)', () => {
  it('are filed by staff, counted once per owner against the quota, with the last-quarter reminder', async () => {
    setNow('2026-12-05T02:00:00Z');
    const desk = await demoAt('front_desk');
    const a = await ownerOf(demo.xixi, 0);
    const b = await ownerOf(demo.xixi, 1);
    const first = await desk.post('/v1/satisfaction/interviews', { ...a, ...report() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      staffId: staffId(8),
      branchId: demo.hangzhou,
      projectId: demo.xixi,
      ...a,
      interviewedOn: '2026-12-04',
    });
    // The same owner again counts once; another owner counts.
    expect(
      (await desk.post('/v1/satisfaction/interviews', { ...a, ...report({ interviewedOn: '2026-12-05' }) }))
        .status,
    ).toBe(201);
    expect((await desk.post('/v1/satisfaction/interviews', { ...b, ...report() })).status).toBe(201);
    // The project manager files one too (management: quota 6).
    const pm = await demoAt('project_manager');
    expect((await pm.post('/v1/satisfaction/interviews', { ...a, ...report() })).status).toBe(201);

    // Without satisfaction.read the front desk lists its own interviews only.
    const own = await desk.get('/v1/satisfaction/interviews?limit=50');
    expect(own.status).toBe(200);
    expect(own.body.data).toHaveLength(3);
    expect(own.body.data.every((i: { staffId: string }) => i.staffId === staffId(8))).toBe(true);

    const admin = await demoAt('tenant_admin');
    const all = await admin.get(`/v1/satisfaction/interviews?projectId=${demo.xixi}&from=2026-12-01`);
    expect(all.body.data.length).toBeGreaterThanOrEqual(4);

    const progress = await admin.get('/v1/satisfaction/interviews/progress?year=2026');
    expect(progress.status).toBe(200);
    expect(progress.body.quota).toEqual({ staff: 12, management: 6 });
    const person = (id: string) => progress.body.people.find((p: { staffId: string }) => p.staffId === id);
    expect(person(staffId(8))).toMatchObject({
      quota: 12,
      done: 2,
      remaining: 10,
      remind: true,
      management: false,
    });
    expect(person(staffId(9))).toMatchObject({ quota: 6, done: 1, remaining: 5, management: true });
    expect(progress.body.departments.length).toBeGreaterThan(0);

    // The next year nothing is counted yet, and in spring nobody is reminded.
    setNow('2027-03-01T02:00:00Z');
    const spring = await (await demoAt('tenant_admin')).get('/v1/satisfaction/interviews/progress?year=2027');
    const desk27 = spring.body.people.find((p: { staffId: string }) => p.staffId === staffId(8));
    expect(desk27).toMatchObject({ done: 0, remind: false });

    // Audited.
    const audit = await rows<{ action: string }>(
      "SELECT action FROM audit_log WHERE tenant_id = ? AND action = 'satisfaction.interviews.create'",
      demo.tenantId,
    );
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });
});

const rotationEvents = (id: string) =>
  rows<{ payload: string }>(
    "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'supervisor_rotation.deadline' AND json_extract(payload, '$.rotationId') = ? ORDER BY id",
    demo.tenantId,
    id,
  );

describe("a new supervisor's rotation (轮岗)", () => {
  it('runs two weeks, follows cases, and its report is warned, overdue and escalated once each', async () => {
    setNow('2026-12-05T02:00:00Z');
    const csm = await demoAt('branch_cs_manager');
    const created = await csm.post('/v1/satisfaction/rotations', {
      staffId: staffId(4),
      branchId: demo.hangzhou,
      startsOn: '2026-12-07',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ startsOn: '2026-12-07', endsOn: '2026-12-20', state: 'pending' });
    const id = created.body.id as string;
    // Due at the end of Monday 21 Dec (the first working day after the two weeks).
    expect(created.body.reportDueAt.slice(0, 10)).toBe('2026-12-21');

    setNow('2026-12-10T02:00:00Z');
    const supervisor = await demoAt('cs_supervisor');
    // An unknown case is refused naming the field; the supervisor records the (empty) list.
    const unknown = await supervisor.put(`/v1/satisfaction/rotations/${id}/cases`, { caseIds: ['cas_nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toBe('caseIds.0');
    const withCases = await supervisor.put(`/v1/satisfaction/rotations/${id}/cases`, { caseIds: [] });
    expect(withCases.status).toBe(200);
    expect(withCases.body.version).toBe(2);

    for (const at of ['2026-12-17T02:00:00Z']) await cronTick(new Date(at));
    expect(await rotationEvents(id)).toHaveLength(0);
    await cronTick(new Date('2026-12-18T03:00:00Z'));
    await cronTick(new Date('2026-12-18T04:00:00Z'));
    expect((await rotationEvents(id)).map((e) => JSON.parse(e.payload).state)).toEqual(['warning']);
    await cronTick(new Date('2026-12-22T02:00:00Z'));
    expect((await rotationEvents(id)).map((e) => JSON.parse(e.payload).state)).toEqual([
      'warning',
      'overdue',
    ]);
    await cronTick(new Date('2026-12-28T02:00:00Z'));
    await cronTick(new Date('2026-12-28T03:00:00Z'));
    const events = await rotationEvents(id);
    expect(events.map((e) => JSON.parse(e.payload).state)).toEqual(['warning', 'overdue', 'escalated']);
    const escalated = JSON.parse(events[2]?.payload ?? '{}');
    expect(escalated.notifyStaffIds).toEqual(expect.arrayContaining([staffId(4), staffId(10), staffId(11)]));
    const inbox = staffInboxFor({
      id: 'evt_x',
      type: 'supervisor_rotation.deadline',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date().toISOString(),
      branchId: demo.hangzhou,
      projectId: null,
      data: escalated,
    });
    expect(inbox[0]?.title).toBe('轮岗交流汇报已升级');

    setNow('2026-12-28T04:00:00Z');
    const late = await (await demoAt('cs_supervisor')).get(`/v1/satisfaction/rotations/${id}`);
    expect(late.body.state).toBe('escalated');
    const reported = await (await demoAt('cs_supervisor')).post(`/v1/satisfaction/rotations/${id}/report`, {
      report: '两周跟进了12单投诉，体会到首问负责的重要性',
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ state: 'done' });
    expect(reported.body.reportedAt).toBe('2026-12-28T04:00:00.000Z');
    // Once: a second report is refused; later ticks raise nothing more.
    expect(
      (
        await (
          await demoAt('cs_supervisor')
        ).post(`/v1/satisfaction/rotations/${id}/report`, { report: 'again' })
      ).status,
    ).toBe(409);
    await cronTick(new Date('2027-01-05T02:00:00Z'));
    expect(await rotationEvents(id)).toHaveLength(3);

    const open = await (await demoAt('branch_cs_manager')).get('/v1/satisfaction/rotations?open=true');
    expect(open.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});
