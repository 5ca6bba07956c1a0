import { describe, expect, it } from 'vitest';
import { newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

const isoExpected = expect.stringMatching(/ISO 8601 date-time.*2026-12-02T09:30:00\+08:00/);
const week = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]),
);

describe('errors speak the caller’s language', () => {
  it('a bad date-time says an ISO 8601 date-time is expected, with an example, wherever it is given', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const kase = await admin.post('/v1/cases', {
      kind: 'repair',
      channel: 'hotline',
      projectId: estate.projectId,
      unitId: estate.unitId,
      description: '卫生间水管漏水',
      category: 'plumbing',
      contact: { name: '王先生', phone: '13800001111' },
    });
    expect(kase.status, JSON.stringify(kase.body)).toBe(201);
    for (const visitBookedFor of ['tomorrow-ish', '2026-12-02', 1764639000000, '']) {
      const res = await admin.post(`/v1/cases/${kase.body.id}/actions`, {
        type: 'record_contact',
        visitBookedFor,
      });
      expect(res.status, JSON.stringify(visitBookedFor)).toBe(400);
      expect(res.body.issues).toEqual([
        expect.objectContaining({ path: 'visitBookedFor', message: isoExpected }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain('received Date');
    }
    const key = await admin.post('/v1/api-keys', {
      name: 'ERP',
      grants: [{ role: 'integrator', scopeType: 'tenant' }],
      expiresAt: 'next year',
    });
    expect(key.status).toBe(400);
    expect(key.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'expiresAt', message: isoExpected })]),
    );
    const log = await admin.get('/v1/audit-log?from=yesterday');
    expect(log.status).toBe(400);
    expect(log.body.issues).toEqual([expect.objectContaining({ path: 'query.from', message: isoExpected })]);
  });

  it('a unique clash names the API fields, never an internal column', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const calendar = {
      name: '项目日历',
      projectId: estate.projectId,
      timeZone: 'Asia/Shanghai',
      hours: week,
    };
    expect((await admin.post('/v1/sla/calendars', calendar)).status).toBe(201);
    const twice = await admin.post('/v1/sla/calendars', { ...calendar, name: '第二本' });
    expect(twice.status).toBe(409);
    expect(twice.body.fields).toEqual(['branchId', 'projectId']);
    expect(JSON.stringify(twice.body)).not.toContain('scope_key');

    const supervisor = await newStaff(admin, [
      { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const rung = { level: 'supervisor', projectId: estate.projectId, staffIds: [supervisor.id] };
    expect((await admin.post('/v1/sla/escalation-rungs', rung)).status).toBe(201);
    const rungTwice = await admin.post('/v1/sla/escalation-rungs', rung);
    expect(rungTwice.status).toBe(409);
    expect(rungTwice.body.fields).toEqual(['branchId', 'projectId', 'level']);

    const unitTwice = await admin.post('/v1/units', { buildingId: estate.buildingId, number: '1-101' });
    expect(unitTwice.status).toBe(409);
    expect(unitTwice.body.fields).toEqual(['buildingId', 'number']);
    expect(unitTwice.body.detail).toBe('A record with the same buildingId, number already exists');
  });
});
