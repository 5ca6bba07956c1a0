import { describe, expect, it } from 'vitest';
import { arm, clockOf, insertCase, minutesFromNow } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

const weekdayHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
    d,
    [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ],
  ]),
);

const contactPolicy = {
  name: '维修联系 30 分钟',
  priority: 10,
  match: { kinds: ['repair'] },
  milestones: [
    {
      key: 'contractor_contact',
      startOn: ['case.dispatched'],
      stopOn: ['case.contacted'],
      target: { kind: 'duration', minutes: 30 },
      calendar: 'round_the_clock',
      warning: { share: 0.8 },
      onBreach: ['forfeit_contractor', 'escalate'],
    },
  ],
};

describe('SLA policies and business calendars', () => {
  it('an admin writes a policy; every open case’s clock is re-armed, closed ones are left alone', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const open = await insertCase(tenantId, estate, {
      status: 'dispatched',
      dispatchedAt: minutesFromNow(-5),
    });
    const closed = await insertCase(tenantId, estate, { status: 'closed', closedAt: new Date() });
    const first = await arm(tenantId, open.id);
    const created = await admin.post('/v1/sla/policies', contactPolicy);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '维修联系 30 分钟', enabled: true, priority: 10, version: 1 });
    const rearmed = await clockOf(tenantId, open.id).state();
    expect(rearmed.armedAt).toBeGreaterThanOrEqual(first.armedAt!);
    // The tenant's policy outranks the default repair policy (priority 10): its warning at 80% of the 30 minutes.
    expect(rearmed.wakeAt).toBe(open.dispatchedAt!.getTime() + 24 * 60_000);
    expect((await clockOf(tenantId, closed.id).state()).armedAt).toBeNull();

    const disabled = await admin.patch(
      `/v1/sla/policies/${created.body.id}`,
      { enabled: false },
      { 'If-Match': created.headers.get('ETag')! },
    );
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false, version: 2 });
    // Beside the five default policies every tenant starts with.
    expect((await admin.get('/v1/sla/policies')).body.data).toHaveLength(6);
    expect((await admin.delete(`/v1/sla/policies/${created.body.id}`)).status).toBe(204);
  });

  it('a tenant calendar with a project override, and holidays and 调休 days added later', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const tenantCal = await admin.post('/v1/sla/calendars', {
      name: '集团工作日历',
      timeZone: 'Asia/Shanghai',
      hours: weekdayHours,
      holidays: ['2026-10-01', '2026-10-02'],
      makeUpDays: ['2026-09-27'],
    });
    expect(tenantCal.status).toBe(201);
    expect(tenantCal.body).toMatchObject({ scopeKey: 'tenant', branchId: null, projectId: null });
    const projectCal = await admin.post('/v1/sla/calendars', {
      name: '项目前台 7×24',
      projectId: estate.projectId,
      timeZone: 'Asia/Shanghai',
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
      ),
    });
    expect(projectCal.body.scopeKey).toBe(`project:${estate.projectId}`);

    const added = await admin.post(
      `/v1/sla/calendars/${tenantCal.body.id}/days`,
      { holidays: ['2026-10-03', '2026-10-01'], makeUpDays: ['2026-10-10'] },
      { 'If-Match': tenantCal.headers.get('ETag')! },
    );
    expect(added.status).toBe(200);
    expect(added.body.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect(added.body.makeUpDays).toEqual(['2026-09-27', '2026-10-10']);
    expect(added.body.version).toBe(2);
    const listed = await admin.get(`/v1/sla/calendars?projectId=${estate.projectId}`);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([projectCal.body.id]);
  });
});
