import { describe, expect, it } from 'vitest';
import { client } from '../support/api';
import { demo, demoAs, newStaff, staffPassword, uniqueEmail } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe("another tenant's staff", () => {
  it('answer 404 on every staff route and never appear in its lists', async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estateA = await newEstate(a.admin);
    const estateB = await newEstate(b.admin);
    const person = await newStaff(a.admin, [
      { role: 'engineer', scopeType: 'project', scopeId: estateA.projectId },
    ]);
    const assignmentId = person.body.roles[0].id;
    const loan = await a.admin.post(`/v1/staff/${person.id}/loans`, {
      projectId: estateA.projectId,
      role: 'front_desk',
      startsOn: '2026-01-01',
      endsOn: '2026-01-31',
    });
    expect(loan.status).toBe(201);
    const base = `/v1/staff/${person.id}`;
    const attempts = [
      await b.admin.get(base),
      await b.admin.patch(base, { name: '入侵' }),
      await b.admin.delete(base),
      await b.admin.get(`${base}/roles`),
      await b.admin.post(`${base}/roles`, {
        role: 'engineer',
        scopeType: 'project',
        scopeId: estateB.projectId,
      }),
      await b.admin.delete(`${base}/roles/${assignmentId}`),
      await b.admin.get(`${base}/loans`),
      await b.admin.post(`${base}/loans`, {
        projectId: estateB.projectId,
        role: 'front_desk',
        startsOn: '2026-01-01',
        endsOn: '2026-01-02',
      }),
      await b.admin.delete(`${base}/loans/${loan.body.id}`),
    ];
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 404));
    const listed = (await b.admin.get('/v1/staff?limit=200')).body.data.map((s: { id: string }) => s.id);
    expect(listed).not.toContain(person.id);
    const still = await a.admin.get(base);
    expect(still.body).toMatchObject({ name: '新员工', status: 'active', version: 1 });
    expect(still.body.roles).toHaveLength(1);
  });
});

describe('branch HR of Hangzhou and the people of Ningbo', () => {
  it('cannot see a Ningbo front desk agent: get, list, roles and loans answer as if they did not exist', async () => {
    const hr = await demoAs('branch_hr');
    expect((await hr.get(`/v1/staff/${demo.frontDeskNingbo}`)).status).toBe(404);
    expect((await hr.get(`/v1/staff/${demo.frontDeskNingbo}/roles`)).status).toBe(404);
    expect((await hr.get(`/v1/staff/${demo.frontDeskNingbo}/loans`)).status).toBe(404);
    const ningbo = await hr.get(`/v1/staff?branchId=${demo.ningbo}`);
    expect(ningbo.status).toBe(200);
    expect(ningbo.body.data).toEqual([]);
  });

  it('cannot rename, disable or re-role a Ningbo agent', async () => {
    const hr = await demoAs('branch_hr');
    const base = `/v1/staff/${demo.frontDeskNingbo}`;
    expect((await hr.patch(base, { name: '改名' })).status).toBe(404);
    expect((await hr.delete(base)).status).toBe(404);
    expect(
      (await hr.post(`${base}/roles`, { role: 'engineer', scopeType: 'project', scopeId: demo.xixi })).status,
    ).toBe(404);
    const admin = await demoAs('tenant_admin');
    expect((await admin.get(base)).body).toMatchObject({ status: 'active', name: '前台客服 宁波 方圆' });
  });

  it('cannot touch the group admin, who holds no Hangzhou role', async () => {
    const hr = await demoAs('branch_hr');
    expect((await hr.get(`/v1/staff/${demo.admin}`)).status).toBe(404);
    expect((await hr.delete(`/v1/staff/${demo.admin}`)).status).toBe(404);
  });

  it('cannot change a Hangzhou colleague who also holds a group-wide role', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [
      { role: 'hotline_agent', scopeType: 'group' },
      { role: 'front_desk', scopeType: 'project', scopeId: demo.xixi },
    ]);
    expect((await hr.get(`/v1/staff/${person.id}`)).status).toBe(200);
    const res = await hr.patch(`/v1/staff/${person.id}`, { name: '改名' });
    expect(res.status).toBe(403);
    expect((await hr.delete(`/v1/staff/${person.id}`)).status).toBe(403);
  });

  it('cannot create a person whose only role is in Ningbo', async () => {
    const hr = await demoAs('branch_hr');
    const email = uniqueEmail();
    const res = await hr.post('/v1/staff', {
      name: '宁波 新人',
      email,
      password: staffPassword,
      roles: [{ role: 'front_desk', scopeType: 'project', scopeId: demo.donghu }],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('roles.0.scopeId');
    const none = await hr.post('/v1/staff', { name: '无岗位', email, password: staffPassword });
    expect(none.status).toBe(400);
    expect(none.body.issues[0].path).toBe('roles');
  });
});

describe('who may manage staff at all', () => {
  it('a front desk agent cannot list, create or change staff', async () => {
    const desk = await demoAs('front_desk');
    expect((await desk.get('/v1/staff')).status).toBe(403);
    expect((await desk.get(`/v1/staff/${demo.frontDesk}`)).status).toBe(403);
    const create = await desk.post('/v1/staff', {
      name: '自己招人',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }],
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('forbidden');
    expect((await desk.patch(`/v1/staff/${demo.frontDesk}`, { name: '自己改名' })).status).toBe(403);
  });

  it('a branch general manager reads the Hangzhou staff but may not change them', async () => {
    const gm = await demoAs('branch_gm');
    expect((await gm.get(`/v1/staff/${demo.frontDesk}`)).status).toBe(200);
    expect((await gm.patch(`/v1/staff/${demo.frontDesk}`, { name: '改名' })).status).toBe(403);
    expect((await gm.delete(`/v1/staff/${demo.frontDesk}`)).status).toBe(403);
  });

  it('nobody edits or disables their own account through the staff routes', async () => {
    const hr = await demoAs('branch_hr');
    expect((await hr.patch(`/v1/staff/${demo.hr}`, { name: '自己' })).status).toBe(403);
    expect((await hr.delete(`/v1/staff/${demo.hr}`)).status).toBe(403);
  });

  it('an integrator API key cannot read staff', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const key = await admin.post('/v1/api-keys', {
      name: 'CRM',
      grants: [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }],
    });
    expect((await client(key.body.key).get('/v1/staff')).status).toBe(403);
  });
});
