import { describe, expect, it } from 'vitest';
import { newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe('escalation rungs', () => {
  it('an admin puts people on rungs for the tenant, a branch and a project, and changes them', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const supervisor = await newStaff(admin, [
      { role: 'cs_supervisor', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const manager = await newStaff(admin, [
      { role: 'project_manager', scopeType: 'project', scopeId: estate.projectId },
    ]);
    const tenantRung = await admin.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      staffIds: [supervisor.id],
    });
    expect(tenantRung.status).toBe(201);
    expect(tenantRung.body).toMatchObject({
      scopeKey: 'tenant',
      branchId: null,
      projectId: null,
      version: 1,
    });
    expect(tenantRung.headers.get('Location')).toBe(`/v1/sla/escalation-rungs/${tenantRung.body.id}`);
    const branchRung = await admin.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      branchId: estate.branchId,
      staffIds: [supervisor.id],
    });
    expect(branchRung.body.scopeKey).toBe(`branch:${estate.branchId}`);
    const projectRung = await admin.post('/v1/sla/escalation-rungs', {
      level: 'project_manager',
      projectId: estate.projectId,
      staffIds: [manager.id],
    });
    expect(projectRung.body.scopeKey).toBe(`project:${estate.projectId}`);

    const listed = await admin.get(`/v1/sla/escalation-rungs?projectId=${estate.projectId}`);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([projectRung.body.id]);

    const updated = await admin.patch(
      `/v1/sla/escalation-rungs/${projectRung.body.id}`,
      { staffIds: [manager.id, supervisor.id] },
      { 'If-Match': projectRung.headers.get('ETag')! },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ staffIds: [manager.id, supervisor.id], version: 2 });
    expect((await admin.delete(`/v1/sla/escalation-rungs/${branchRung.body.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/sla/escalation-rungs/${branchRung.body.id}`)).status).toBe(404);
  });

  it('every rung of the ladder can be staffed, the head-office centre included', async () => {
    const { admin } = await newTenant();
    const centre = await newStaff(admin, [{ role: 'tenant_admin', scopeType: 'group' }]);
    const res = await admin.post('/v1/sla/escalation-rungs', {
      level: 'head_office_centre',
      staffIds: [centre.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ level: 'head_office_centre', staffIds: [centre.id] });
    expect(
      (await admin.post('/v1/sla/escalation-rungs', { level: 'head_office', staffIds: [centre.id] })).status,
    ).toBe(400);
  });
});
