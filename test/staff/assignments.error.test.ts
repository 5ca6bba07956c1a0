import { describe, expect, it } from 'vitest';
import { localDay, newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);
const unknownProject = 'prj_01jd8x6v3kf2q9w7t5r4e3d2c1';

/** A tenant with two branches (A with two projects, B with one) and an engineer of project A1. */
async function setup() {
  const { admin } = await newTenant();
  const a = await newEstate(admin, 'A');
  const b = await newEstate(admin, 'B');
  const a2 = (await admin.post('/v1/projects', { branchId: a.branchId, name: 'Project A2' })).body
    .id as string;
  const person = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: a.projectId }]);
  const roles = async () => (await admin.get(`/v1/staff/${person.id}/roles`)).body.data as unknown[];
  const loans = async () => (await admin.get(`/v1/staff/${person.id}/loans`)).body.data as unknown[];
  return { admin, a, b, a2, person, roles, loans };
}

describe('bad role assignments', () => {
  it('a role in an unknown project answers 400 naming scopeId, and no role is added', async () => {
    const { admin, person, roles } = await setup();
    const res = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'front_desk',
      scopeType: 'project',
      scopeId: unknownProject,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(issuePaths(res.body)).toEqual(['scopeId']);
    expect(await roles()).toHaveLength(1);
  });

  it('a branch id given as a project scope is an unknown project', async () => {
    const { admin, person, a } = await setup();
    const res = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'front_desk',
      scopeType: 'project',
      scopeId: a.branchId,
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['scopeId']);
  });

  it('an unknown role or scope type answers 400 naming the field', async () => {
    const { admin, person, a } = await setup();
    const role = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'janitor',
      scopeType: 'project',
      scopeId: a.projectId,
    });
    expect(issuePaths(role.body)).toEqual(['role']);
    const type = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'engineer',
      scopeType: 'zone',
      scopeId: a.projectId,
    });
    expect(type.status).toBe(400);
    expect(issuePaths(type.body)).toEqual(['scopeType']);
  });

  it('a group-wide role with a scope id, or a staff member given the integrator role, answers 400', async () => {
    const { admin, person, a } = await setup();
    const group = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'hotline_agent',
      scopeType: 'group',
      scopeId: a.branchId,
    });
    expect(issuePaths(group.body)).toEqual(['scopeId']);
    const integrator = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'integrator',
      scopeType: 'project',
      scopeId: a.projectId,
    });
    expect(integrator.status).toBe(400);
    expect(issuePaths(integrator.body)).toEqual(['role']);
  });

  it('the same role in the same scope twice answers 409', async () => {
    const { admin, person, a, roles } = await setup();
    const res = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'engineer',
      scopeType: 'project',
      scopeId: a.projectId,
    });
    expect(res.status).toBe(409);
    expect(await roles()).toHaveLength(1);
  });

  it('removing an assignment that is not the person’s answers 404', async () => {
    const { admin, person } = await setup();
    const other = await newStaff(admin, [{ role: 'engineer', scopeType: 'group' }]);
    const res = await admin.delete(`/v1/staff/${person.id}/roles/${other.body.roles[0].id}`);
    expect(res.status).toBe(404);
    expect((await admin.get(`/v1/staff/${other.id}/roles`)).body.data).toHaveLength(1);
  });
});

describe('bad loans', () => {
  const loan = (over: Record<string, unknown>) => ({
    role: 'front_desk',
    startsOn: localDay(0),
    endsOn: localDay(5),
    ...over,
  });

  it('a loan ending before it starts answers 400 naming endsOn, and nothing is written', async () => {
    const { admin, person, a2, loans } = await setup();
    const res = await admin.post(
      `/v1/staff/${person.id}/loans`,
      loan({ projectId: a2, startsOn: '2026-03-10', endsOn: '2026-03-09' }),
    );
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['endsOn']);
    expect(await loans()).toEqual([]);
  });

  it('a loan may last 366 days but not 367', async () => {
    const { admin, person, a2, loans } = await setup();
    const long = await admin.post(
      `/v1/staff/${person.id}/loans`,
      loan({ projectId: a2, startsOn: '2027-01-01', endsOn: '2028-01-02' }),
    );
    expect(long.status).toBe(400);
    expect(issuePaths(long.body)).toEqual(['endsOn']);
    const year = await admin.post(
      `/v1/staff/${person.id}/loans`,
      loan({ projectId: a2, startsOn: '2027-01-01', endsOn: '2028-01-01' }),
    );
    expect(year.status).toBe(201);
    expect(await loans()).toHaveLength(1);
  });

  it('dates that are not calendar dates answer 400 naming the field', async () => {
    const { admin, person, a2 } = await setup();
    const res = await admin.post(
      `/v1/staff/${person.id}/loans`,
      loan({ projectId: a2, startsOn: '2026-02-30', endsOn: '2026/03/01' }),
    );
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(expect.arrayContaining(['startsOn', 'endsOn']));
  });

  it('a loan to an unknown project answers 400 naming projectId', async () => {
    const { admin, person, loans } = await setup();
    const res = await admin.post(`/v1/staff/${person.id}/loans`, loan({ projectId: unknownProject }));
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['projectId']);
    expect(await loans()).toEqual([]);
  });

  it('a branch lends only to its own projects: a loan to another branch answers 400 naming projectId', async () => {
    const { admin, person, b, loans } = await setup();
    const res = await admin.post(`/v1/staff/${person.id}/loans`, loan({ projectId: b.projectId }));
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['projectId']);
    expect(await loans()).toEqual([]);
  });

  it('a loan cannot carry tenant_admin', async () => {
    const { admin, person, a2 } = await setup();
    const res = await admin.post(
      `/v1/staff/${person.id}/loans`,
      loan({ projectId: a2, role: 'tenant_admin' }),
    );
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['role']);
  });

  it('ending a loan that does not exist answers 404', async () => {
    const { admin, person } = await setup();
    expect((await admin.delete(`/v1/staff/${person.id}/loans/loan_01jd8x6v3kf2q9w7t5r4e3d2c1`)).status).toBe(
      404,
    );
  });
});
