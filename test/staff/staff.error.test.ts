import { describe, expect, it } from 'vitest';
import { staffPassword, uniqueEmail } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

async function tenantWithEstate() {
  const t = await newTenant();
  const estate = await newEstate(t.admin);
  const role = { role: 'engineer', scopeType: 'project', scopeId: estate.projectId };
  const staffCount = async () => (await t.admin.get('/v1/staff?limit=200')).body.data.length as number;
  return { ...t, estate, role, staffCount };
}

describe('bad input when creating staff', () => {
  it('a password shorter than 10 characters answers 400 naming password, and nobody is created', async () => {
    const { admin, role, staffCount } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      password: 'short',
      roles: [role],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(issuePaths(res.body)).toContain('password');
    expect(await staffCount()).toBe(1);
  });

  it('a person with neither email nor phone cannot log in, so the request answers 400 naming email', async () => {
    const { admin, role } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', { name: '无名', password: staffPassword, roles: [role] });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toContain('email');
  });

  it('an unknown role answers 400 naming roles.0.role', async () => {
    const { admin, estate } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [{ role: 'emperor', scopeType: 'project', scopeId: estate.projectId }],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toContain('roles.0.role');
  });

  it('a role in a branch that does not exist answers 400 naming its scopeId, and nothing is written', async () => {
    const { admin, role, staffCount } = await tenantWithEstate();
    const email = uniqueEmail();
    const res = await admin.post('/v1/staff', {
      name: '王五',
      email,
      password: staffPassword,
      roles: [role, { role: 'branch_hr', scopeType: 'branch', scopeId: 'br_01jd8x6v3kf2q9w7t5r4e3d2c1' }],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['roles.1.scopeId']);
    expect(await staffCount()).toBe(1);
    expect((await admin.get('/v1/audit-log?action=staff.create')).body.data).toEqual([]);
    // the email is still free
    const retry = await admin.post('/v1/staff', {
      name: '王五',
      email,
      password: staffPassword,
      roles: [role],
    });
    expect(retry.status).toBe(201);
  });

  it('a project role without a project id answers 400 naming its scopeId', async () => {
    const { admin } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [{ role: 'engineer', scopeType: 'project' }],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['roles.0.scopeId']);
  });

  it('an unknown department or contractor answers 400 naming the field', async () => {
    const { admin, role } = await tenantWithEstate();
    const dept = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      password: staffPassword,
      departmentId: 'dept_01jd8x6v3kf2q9w7t5r4e3d2c1',
      roles: [role],
    });
    expect(dept.status).toBe(400);
    expect(issuePaths(dept.body)).toEqual(['departmentId']);
    const ctr = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      password: staffPassword,
      contractorId: 'ctr_01jd8x6v3kf2q9w7t5r4e3d2c1',
      roles: [role],
    });
    expect(ctr.status).toBe(400);
    expect(issuePaths(ctr.body)).toEqual(['contractorId']);
  });

  it('a client cannot set the password hash or any other unknown field', async () => {
    const { admin, role } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', {
      name: '王五',
      email: uniqueEmail(),
      passwordHash: 'pbkdf2$1$AAAA$AAAA',
      roles: [role],
    });
    expect(res.status).toBe(400);
  });

  it('an email already used by a colleague answers 409', async () => {
    const { admin, role, adminEmail } = await tenantWithEstate();
    const res = await admin.post('/v1/staff', {
      name: '重名',
      email: adminEmail,
      password: staffPassword,
      roles: [role],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
  });
});

describe('bad input when changing staff', () => {
  it('a stale If-Match answers 412 and leaves the person as they were', async () => {
    const { admin, role } = await tenantWithEstate();
    const person = await admin.post('/v1/staff', {
      name: '原名',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [role],
    });
    const etag = person.headers.get('ETag')!;
    expect(
      (await admin.patch(`/v1/staff/${person.body.id}`, { name: '第一次' }, { 'If-Match': etag })).status,
    ).toBe(200);
    const stale = await admin.patch(`/v1/staff/${person.body.id}`, { name: '第二次' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await admin.get(`/v1/staff/${person.body.id}`)).body.name).toBe('第一次');
    const disable = await admin.delete(`/v1/staff/${person.body.id}`, { 'If-Match': etag });
    expect(disable.status).toBe(412);
    expect((await admin.get(`/v1/staff/${person.body.id}`)).body.status).toBe('active');
  });

  it('an unknown status or a password in a profile update answers 400', async () => {
    const { admin, role } = await tenantWithEstate();
    const person = await admin.post('/v1/staff', {
      name: '赵六',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [role],
    });
    const status = await admin.patch(`/v1/staff/${person.body.id}`, { status: 'fired' });
    expect(status.status).toBe(400);
    expect(issuePaths(status.body)).toEqual(['status']);
    expect((await admin.patch(`/v1/staff/${person.body.id}`, { password: 'new password 123' })).status).toBe(
      400,
    );
  });

  it('an unknown staff id answers 404', async () => {
    const { admin } = await tenantWithEstate();
    expect((await admin.get('/v1/staff/stf_01jd8x6v3kf2q9w7t5r4e3d2c1')).status).toBe(404);
    expect((await admin.patch('/v1/staff/stf_01jd8x6v3kf2q9w7t5r4e3d2c1', { name: 'x' })).status).toBe(404);
  });
});
