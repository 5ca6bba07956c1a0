import { describe, expect, it } from 'vitest';
import { demo, demoAs, localDay, newStaff } from '../support/staff';

type Assignment = { id: string; role: string; scopeType: string; scopeId: string | null };

describe('role assignments', () => {
  it('branch HR gives a Hangzhou front desk agent an extra role in 钱江府 and later takes it away', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const added = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'cs_specialist',
      scopeType: 'project',
      scopeId: demo.qianjiang,
    });
    expect(added.status).toBe(201);
    expect(added.headers.get('Location')).toBe(`/v1/staff/${person.id}/roles/${added.body.id}`);
    expect(added.body).toMatchObject({ userId: person.id, role: 'cs_specialist', scopeId: demo.qianjiang });
    const roles = (await hr.get(`/v1/staff/${person.id}/roles`)).body.data as Assignment[];
    expect(roles.map((r) => r.role)).toEqual(['front_desk', 'cs_specialist']);
    const me = await (await person.login()).get('/v1/me');
    expect(me.body.grants).toContainEqual({
      role: 'cs_specialist',
      scopeType: 'project',
      scopeId: demo.qianjiang,
    });

    expect((await hr.delete(`/v1/staff/${person.id}/roles/${added.body.id}`)).status).toBe(204);
    const after = (await hr.get(`/v1/staff/${person.id}/roles`)).body.data as Assignment[];
    expect(after.map((r) => r.role)).toEqual(['front_desk']);
  });

  it('branch HR makes someone branch customer-service manager of Hangzhou', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const person = await newStaff(admin, [
      { role: 'cs_specialist', scopeType: 'project', scopeId: demo.binjiang },
    ]);
    const res = await hr.post(`/v1/staff/${person.id}/roles`, {
      role: 'branch_cs_manager',
      scopeType: 'branch',
      scopeId: demo.hangzhou,
    });
    expect(res.status).toBe(201);
  });

  it('a group admin grants a group-wide hotline role', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const res = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'hotline_agent',
      scopeType: 'group',
    });
    expect(res.status).toBe(201);
    expect(res.body.scopeId).toBeNull();
  });

  it('adding a role replays safely with the same Idempotency-Key', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const headers = { 'Idempotency-Key': `add-role-${person.id}` };
    const body = { role: 'engineer', scopeType: 'project', scopeId: demo.xixi };
    const first = await admin.post(`/v1/staff/${person.id}/roles`, body, headers);
    const replay = await admin.post(`/v1/staff/${person.id}/roles`, body, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect((await admin.get(`/v1/staff/${person.id}/roles`)).body.data).toHaveLength(2);
  });
});

describe('loans', () => {
  it('a lent front desk agent sees the loan project units during the loan and gets 404 after it ends', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const [qianjiangUnit] = (await admin.get(`/v1/units?projectId=${demo.qianjiang}&limit=1`)).body.data;
    const [binjiangUnit] = (await admin.get(`/v1/units?projectId=${demo.binjiang}&limit=1`)).body.data;
    const agent = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);

    const before = await agent.login();
    expect((await before.get(`/v1/units/${qianjiangUnit.id}`)).status).toBe(404);

    // lent to 钱江府 from yesterday to tomorrow: the loan covers today
    const during = await hr.post(`/v1/staff/${agent.id}/loans`, {
      projectId: demo.qianjiang,
      role: 'front_desk',
      startsOn: localDay(-1),
      endsOn: localDay(1),
      reason: '交楼',
    });
    expect(during.status).toBe(201);
    // lent to 滨江悦城 for a loan that ended yesterday
    const ended = await hr.post(`/v1/staff/${agent.id}/loans`, {
      projectId: demo.binjiang,
      role: 'front_desk',
      startsOn: localDay(-10),
      endsOn: localDay(-1),
    });
    expect(ended.status).toBe(201);

    const lent = await agent.login();
    expect((await lent.get(`/v1/units/${qianjiangUnit.id}`)).status).toBe(200);
    const units = await lent.get(`/v1/units?projectId=${demo.qianjiang}&limit=5`);
    expect(units.body.data.length).toBeGreaterThan(0);
    expect((await lent.get(`/v1/units/${binjiangUnit.id}`)).status).toBe(404);
    expect((await lent.get(`/v1/units?projectId=${demo.binjiang}`)).body.data).toEqual([]);
    const grants = (await lent.get('/v1/me')).body.grants;
    expect(grants).toContainEqual({ role: 'front_desk', scopeType: 'project', scopeId: demo.qianjiang });
    expect(grants).not.toContainEqual({ role: 'front_desk', scopeType: 'project', scopeId: demo.binjiang });

    // a colleague whose loan to the same project 钱江府 ended yesterday
    const colleague = await newStaff(admin, [
      { role: 'front_desk', scopeType: 'project', scopeId: demo.xixi },
    ]);
    await hr.post(`/v1/staff/${colleague.id}/loans`, {
      projectId: demo.qianjiang,
      role: 'front_desk',
      startsOn: localDay(-3),
      endsOn: localDay(-1),
    });
    const afterLoan = await colleague.login();
    expect((await afterLoan.get(`/v1/units/${qianjiangUnit.id}`)).status).toBe(404);
    expect((await afterLoan.get(`/v1/units?projectId=${demo.qianjiang}`)).body.data).toEqual([]);
  });

  it('a loan that starts tomorrow grants nothing today', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const [unit] = (await admin.get(`/v1/units?projectId=${demo.binjiang}&limit=1`)).body.data;
    const agent = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const res = await hr.post(`/v1/staff/${agent.id}/loans`, {
      projectId: demo.binjiang,
      role: 'front_desk',
      startsOn: localDay(1),
      endsOn: localDay(30),
    });
    expect(res.status).toBe(201);
    expect((await (await agent.login()).get(`/v1/units/${unit.id}`)).status).toBe(404);
  });

  it('HR lists a person’s loans and ends one early', async () => {
    const admin = await demoAs('tenant_admin');
    const hr = await demoAs('branch_hr');
    const agent = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: demo.xixi }]);
    const loan = await hr.post(`/v1/staff/${agent.id}/loans`, {
      projectId: demo.qianjiang,
      role: 'engineer',
      startsOn: localDay(0),
      endsOn: localDay(365),
    });
    expect(loan.status).toBe(201);
    expect(loan.headers.get('Location')).toBe(`/v1/staff/${agent.id}/loans/${loan.body.id}`);
    const list = await hr.get(`/v1/staff/${agent.id}/loans`);
    expect(list.body.data).toEqual([loan.body]);
    expect((await hr.delete(`/v1/staff/${agent.id}/loans/${loan.body.id}`)).status).toBe(204);
    expect((await hr.get(`/v1/staff/${agent.id}/loans`)).body.data).toEqual([]);
  });

  it('someone with a Hangzhou branch role can be lent to any Hangzhou project', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [
      { role: 'branch_cs_manager', scopeType: 'branch', scopeId: demo.hangzhou },
    ]);
    const res = await admin.post(`/v1/staff/${person.id}/loans`, {
      projectId: demo.binjiang,
      role: 'project_manager',
      startsOn: localDay(0),
      endsOn: localDay(7),
    });
    expect(res.status).toBe(201);
  });

  it('the project manager of the loan project sees the lent person while the loan runs', async () => {
    const admin = await demoAs('tenant_admin');
    const pm = await demoAs('project_manager'); // 西溪花园
    const person = await newStaff(admin, [
      { role: 'engineer', scopeType: 'project', scopeId: demo.qianjiang },
    ]);
    expect((await pm.get(`/v1/staff/${person.id}`)).status).toBe(404);
    await admin.post(`/v1/staff/${person.id}/loans`, {
      projectId: demo.xixi,
      role: 'engineer',
      startsOn: localDay(0),
      endsOn: localDay(3),
    });
    expect((await pm.get(`/v1/staff/${person.id}`)).status).toBe(200);
  });
});
