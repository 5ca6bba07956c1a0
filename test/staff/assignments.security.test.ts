import { describe, expect, it } from 'vitest';
import { demo, demoAs, localDay, newStaff } from '../support/staff';

describe('nobody grants themselves anything', () => {
  it('a group admin cannot add a role to their own account', async () => {
    const admin = await demoAs('tenant_admin');
    const res = await admin.post(`/v1/staff/${demo.admin}/roles`, { role: 'engineer', scopeType: 'group' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('branch HR cannot make itself branch manager, nor lend itself to a project', async () => {
    const hr = await demoAs('branch_hr');
    const role = await hr.post(`/v1/staff/${demo.hr}/roles`, {
      role: 'branch_gm',
      scopeType: 'branch',
      scopeId: demo.hangzhou,
    });
    expect(role.status).toBe(403);
    const loan = await hr.post(`/v1/staff/${demo.hr}/loans`, {
      projectId: demo.xixi,
      role: 'project_manager',
      startsOn: localDay(0),
      endsOn: localDay(1),
    });
    expect(loan.status).toBe(403);
    expect((await hr.get(`/v1/staff/${demo.hr}/roles`)).body.data).toHaveLength(1);
  });
});

describe('branch HR of Hangzhou assigns only within Hangzhou', () => {
  it('cannot give a Hangzhou colleague a role in the Ningbo branch or a Ningbo project', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const branch = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'branch_cs_manager',
      scopeType: 'branch',
      scopeId: demo.ningbo,
    });
    expect(branch.status).toBe(400);
    expect(branch.body.issues[0].path).toBe('scopeId');
    const project = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'front_desk',
      scopeType: 'project',
      scopeId: demo.donghu,
    });
    expect(project.status).toBe(400);
    expect((await hr.get(`/v1/staff/${person.id}/roles`)).body.data).toHaveLength(1);
  });

  it('cannot grant a group-wide role or tenant_admin, even within Hangzhou', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const group = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'hotline_agent',
      scopeType: 'group',
    });
    expect(group.status).toBe(403);
    const tenantAdmin = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'tenant_admin',
      scopeType: 'branch',
      scopeId: demo.hangzhou,
    });
    expect(tenantAdmin.status).toBe(403);
    const atCreate = await hr.post('/v1/staff', {
      name: '超级',
      email: `super.${Date.now()}@example.test`,
      password: 'long enough password',
      roles: [{ role: 'tenant_admin', scopeType: 'group' }],
    });
    expect(atCreate.status).toBe(403);
    expect((await hr.get(`/v1/staff/${person.id}/roles`)).body.data).toHaveLength(1);
  });

  it('cannot remove the Ningbo half of a person working in both branches', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [
      { role: 'engineer', scopeType: 'project', scopeId: demo.xixi },
      { role: 'engineer', scopeType: 'project', scopeId: demo.donghu },
    ]);
    const ningboRole = person.body.roles.find((r: { scopeId: string }) => r.scopeId === demo.donghu);
    expect((await hr.delete(`/v1/staff/${person.id}/roles/${ningboRole.id}`)).status).toBe(404);
    expect((await admin.get(`/v1/staff/${person.id}/roles`)).body.data).toHaveLength(2);
  });

  it('cannot lend a Hangzhou person to a Ningbo project, nor end a loan made by Ningbo', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [
      { role: 'engineer', scopeType: 'project', scopeId: demo.xixi },
      { role: 'engineer', scopeType: 'project', scopeId: demo.donghu },
    ]);
    const loan = { role: 'engineer', startsOn: localDay(0), endsOn: localDay(2) };
    const res = await hr.post(`/v1/staff/${person.id}/loans`, { ...loan, projectId: demo.sanjiang });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('projectId');
    const ningboLoan = await admin.post(`/v1/staff/${person.id}/loans`, {
      ...loan,
      projectId: demo.sanjiang,
    });
    expect(ningboLoan.status).toBe(201);
    expect((await hr.delete(`/v1/staff/${person.id}/loans/${ningboLoan.body.id}`)).status).toBe(404);
    expect((await admin.get(`/v1/staff/${person.id}/loans`)).body.data).toHaveLength(1);
  });

  it('a project-level reader cannot lend or assign at all', async () => {
    const pm = await demoAs('project_manager');
    const res = await pm.post(`/v1/staff/${demo.frontDesk}/roles`, {
      role: 'engineer',
      scopeType: 'project',
      scopeId: demo.xixi,
    });
    expect(res.status).toBe(403);
    const loan = await pm.post(`/v1/staff/${demo.frontDesk}/loans`, {
      projectId: demo.xixi,
      role: 'engineer',
      startsOn: localDay(0),
      endsOn: localDay(1),
    });
    expect(loan.status).toBe(403);
  });
});
