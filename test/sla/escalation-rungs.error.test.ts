import { describe, expect, it } from 'vitest';
import { newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe('bad escalation rungs', () => {
  it('answer 400 with the field at fault and write nothing', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const person = await newStaff(admin, [
      { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const bad = [
      [{ level: 'janitor', staffIds: [person.id] }, 'level'],
      [{ level: 'supervisor', staffIds: [] }, 'staffIds'],
      [{ level: 'supervisor', staffIds: ['stf_nobody'] }, 'staffIds.0'],
      [
        {
          level: 'supervisor',
          staffIds: [person.id],
          branchId: estate.branchId,
          projectId: estate.projectId,
        },
        'projectId',
      ],
      [{ level: 'supervisor', staffIds: [person.id], projectId: 'prj_unknown' }, 'projectId'],
    ] as const;
    for (const [body, path] of bad) {
      const res = await admin.post('/v1/sla/escalation-rungs', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await admin.get('/v1/sla/escalation-rungs')).body.data).toEqual([]);
  });

  it('a second row for the same rung and place is a 409', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const person = await newStaff(admin, [
      { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const body = { level: 'supervisor', projectId: estate.projectId, staffIds: [person.id] };
    expect((await admin.post('/v1/sla/escalation-rungs', body)).status).toBe(201);
    expect((await admin.post('/v1/sla/escalation-rungs', body)).status).toBe(409);
  });
});
