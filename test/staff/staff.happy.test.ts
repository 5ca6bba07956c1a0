import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { demo, demoAs, newStaff, staffPassword, uniqueEmail } from '../support/staff';
import { login } from '../support/tenants';

type StaffBody = { id: string; name: string; roles: { role: string; scopeId: string | null }[] };
const ids = (body: { data: StaffBody[] }) => body.data.map((s) => s.id);

describe('staff: creating people', () => {
  it('a group admin creates a front desk agent for 西溪花园; the agent logs in holding exactly that role', async () => {
    const admin = await demoAs('tenant_admin');
    const email = uniqueEmail('desk');
    const res = await admin.post('/v1/staff', {
      name: '前台 新人',
      email: email.toUpperCase(),
      phone: '13912345678',
      password: staffPassword,
      roles: [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Location')).toBe(`/v1/staff/${res.body.id}`);
    expect(res.headers.get('ETag')).toBe('"1"');
    expect(res.body).toMatchObject({ name: '前台 新人', email, status: 'active', version: 1 });
    expect(res.body.roles).toMatchObject([{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    expect(res.body.passwordHash).toBeUndefined();
    expect(res.body.oneTimePassword).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('pbkdf2');

    const agent = await login('demo', email, staffPassword);
    const me = await agent.get('/v1/me');
    expect(me.body.grants).toEqual([{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
  });

  it('an admin who gives no password receives a one-time password once, and it works for login', async () => {
    const admin = await demoAs('tenant_admin');
    const email = uniqueEmail('otp');
    const res = await admin.post('/v1/staff', {
      name: '临时 密码',
      email,
      roles: [{ role: 'engineer', scopeType: 'project', scopeId: demo.qianjiang }],
    });
    expect(res.status).toBe(201);
    expect(typeof res.body.oneTimePassword).toBe('string');
    expect(res.body.oneTimePassword.length).toBeGreaterThanOrEqual(10);
    await login('demo', email, res.body.oneTimePassword);
    const again = await admin.get(`/v1/staff/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.oneTimePassword).toBeUndefined();
  });

  it('branch HR of Hangzhou hires a security guard for 钱江府 and sees them in its list', async () => {
    const hr = await demoAs('branch_hr');
    const guard = await newStaff(hr, [
      { role: 'security_guard', scopeType: 'project', scopeId: demo.qianjiang },
    ]);
    expect(guard.body.roles).toHaveLength(1);
    expect(ids((await hr.get('/v1/staff?limit=200')).body)).toContain(guard.id);
  });

  it('a contractor company gets a login for its own repairman', async () => {
    const admin = await demoAs('tenant_admin');
    const ctr = (await admin.get('/v1/contractors')).body.data[0];
    const repairman = await newStaff(admin, [{ role: 'contractor_staff', scopeType: 'group' }], {
      contractorId: ctr.id,
    });
    expect(repairman.body.contractorId).toBe(ctr.id);
    expect((await (await repairman.login()).get('/v1/me')).body.contractorId).toBe(ctr.id);
  });
});

describe('staff: who sees whom', () => {
  it('a group admin sees every demo login', async () => {
    const admin = await demoAs('tenant_admin');
    const all = ids((await admin.get('/v1/staff?limit=200')).body);
    for (let n = 1; n <= 18; n++) expect(all).toContain(demo.staff(n));
  });

  it('branch HR of Hangzhou sees the people working in Hangzhou and nobody from Ningbo or the group office', async () => {
    const hr = await demoAs('branch_hr');
    const res = await hr.get('/v1/staff?limit=200');
    expect(res.status).toBe(200);
    const seen = ids(res.body);
    expect(seen).toEqual(expect.arrayContaining([demo.frontDesk, demo.hr, demo.staff(6), demo.staff(11)]));
    expect(seen).not.toContain(demo.frontDeskNingbo);
    expect(seen).not.toContain(demo.gmNingbo);
    expect(seen).not.toContain(demo.admin);
  });

  it('a project manager of 西溪花园 sees the people of 西溪花园 only', async () => {
    const pm = await demoAs('project_manager');
    const seen = ids((await pm.get('/v1/staff?limit=200')).body);
    expect(seen).toEqual(expect.arrayContaining([demo.frontDesk, demo.staff(13), demo.staff(14)]));
    expect(seen).not.toContain(demo.staff(11)); // the Hangzhou GM holds a branch role, not a Xixi one
    expect(seen).not.toContain(demo.frontDeskNingbo);
  });

  it('the list filters by branch, project and role', async () => {
    const admin = await demoAs('tenant_admin');
    const ningbo = ids((await admin.get(`/v1/staff?limit=200&branchId=${demo.ningbo}`)).body);
    expect(ningbo).toEqual(expect.arrayContaining([demo.frontDeskNingbo, demo.gmNingbo]));
    expect(ningbo).not.toContain(demo.frontDesk);
    const desks = ids((await admin.get('/v1/staff?limit=200&role=front_desk')).body);
    expect(desks).toEqual(expect.arrayContaining([demo.frontDesk, demo.frontDeskNingbo]));
    expect(desks).not.toContain(demo.hr);
    const donghuDesks = ids((await admin.get(`/v1/staff?role=front_desk&projectId=${demo.donghu}`)).body);
    expect(donghuDesks).toEqual([demo.frontDeskNingbo]);
  });

  it('pages through the staff with a cursor without repeating anyone', async () => {
    const admin = await demoAs('tenant_admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: StaffBody[]; nextCursor: string | null } } = await admin.get(
        `/v1/staff?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids((await admin.get('/v1/staff?limit=200')).body));
  });
});

describe('staff: changing and disabling people', () => {
  it('an admin corrects a name with If-Match and gets the next ETag', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: demo.xixi }]);
    const read = await admin.get(`/v1/staff/${person.id}`);
    const res = await admin.patch(
      `/v1/staff/${person.id}`,
      { name: '改名 工程师', phone: '13811112222' },
      { 'If-Match': read.headers.get('ETag')! },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"2"');
    expect(res.body).toMatchObject({ name: '改名 工程师', phone: '13811112222', version: 2 });
    expect(res.body.roles).toHaveLength(1);
  });

  it('disabling a person keeps the record but stops their login and refresh', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: demo.xixi }]);
    const first = await call('POST', '/v1/auth/login', {
      body: { tenant: 'demo', login: person.email, password: staffPassword },
    });
    const res = await admin.delete(`/v1/staff/${person.id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
    expect((await admin.get(`/v1/staff/${person.id}`)).body.status).toBe('disabled');
    const again = await call('POST', '/v1/auth/login', {
      body: { tenant: 'demo', login: person.email, password: staffPassword },
    });
    expect(again.status).toBe(401);
    const refresh = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('a disabled person can be enabled again by setting status active', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: demo.xixi }]);
    await admin.delete(`/v1/staff/${person.id}`);
    const res = await admin.patch(`/v1/staff/${person.id}`, { status: 'active' });
    expect(res.body.status).toBe('active');
    expect((await (await person.login()).get('/v1/me')).status).toBe(200);
  });
});
