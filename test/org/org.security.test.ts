import { describe, expect, it } from 'vitest';
import { loginDemo, seedDemo } from '../support/demo';
import { newEstate, newTenant } from '../support/tenants';

const projectNames = async (who: string) => {
  const staff = await loginDemo(who);
  const res = await staff.get('/v1/projects');
  return { status: res.status, names: (res.body.data ?? []).map((p: { name: string }) => p.name).sort() };
};

describe('what each demo role sees of the org', () => {
  it.each([
    ['tenant_admin', ['东湖湾', '三江名邸', '滨江悦城', '西溪花园', '钱江府']],
    ['hotline_agent', ['东湖湾', '三江名邸', '滨江悦城', '西溪花园', '钱江府']],
    ['branch_gm', ['滨江悦城', '西溪花园', '钱江府']],
    ['branch_gm.nb', ['东湖湾', '三江名邸']],
    ['branch_hr', ['滨江悦城', '西溪花园', '钱江府']],
    ['complaint_supervisor', ['滨江悦城', '西溪花园', '钱江府']],
    ['front_desk', ['西溪花园']],
    ['front_desk.nb', ['东湖湾']],
    ['project_manager', ['西溪花园']],
    ['engineer', ['西溪花园']],
    ['cr_manager', ['东湖湾', '三江名邸', '滨江悦城', '西溪花园', '钱江府']],
    ['branch_cs_manager', ['滨江悦城', '西溪花园', '钱江府']],
    ['cs_supervisor', ['西溪花园']],
    ['cs_specialist', ['西溪花园']],
    ['complaint_specialist', ['西溪花园']],
    ['security_guard', ['西溪花园']],
  ])('%s sees projects %j', async (who, expected) => {
    await seedDemo();
    const { status, names } = await projectNames(who);
    expect(status).toBe(200);
    expect(names).toEqual([...expected].sort());
  });

  it.each(['contractor_staff', 'mystery_shopper'])(
    '%s has no org reach and is refused the project list',
    async (who) => {
      await seedDemo();
      expect((await projectNames(who)).status).toBe(403);
    },
  );

  it('a Xixi front desk gets 404 for a Ningbo project and its units, as if they did not exist', async () => {
    await seedDemo();
    const admin = await loginDemo('tenant_admin');
    const ningbo = (await admin.get('/v1/projects')).body.data.find(
      (p: { name: string }) => p.name === '东湖湾',
    );
    const unit = (await admin.get(`/v1/units?projectId=${ningbo.id}`)).body.data[0];
    const desk = await loginDemo('front_desk');
    expect((await desk.get(`/v1/projects/${ningbo.id}`)).status).toBe(404);
    expect((await desk.get(`/v1/units/${unit.id}`)).status).toBe(404);
    expect((await desk.get(`/v1/units?projectId=${ningbo.id}`)).body.data).toEqual([]);
  });

  it('a Ningbo branch manager sees only Ningbo in the branch list', async () => {
    await seedDemo();
    const gm = await loginDemo('branch_gm.nb');
    const names = (await gm.get('/v1/branches')).body.data.map((b: { name: string }) => b.name);
    expect(names).toEqual(['宁波分公司']);
  });

  it('a front desk may read the org but not change it', async () => {
    await seedDemo();
    const desk = await loginDemo('front_desk');
    const project = (await desk.get('/v1/projects')).body.data[0];
    expect((await desk.patch(`/v1/projects/${project.id}`, { code: 'X' })).status).toBe(403);
    expect((await desk.post('/v1/branches', { name: '黑客分公司' })).status).toBe(403);
  });
});

describe("another tenant's org records", () => {
  it('answer 404 on every read, update and delete route, and never appear in lists', async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estate = await newEstate(a.admin);
    const zone = await a.admin.post('/v1/zones', { name: 'Zone A' });
    const dept = await a.admin.post('/v1/departments', {
      name: 'Eng',
      kind: 'engineering',
      branchId: estate.branchId,
    });
    const ctr = await a.admin.post('/v1/contractors', { name: 'Vendor A' });
    const contact = await a.admin.post('/v1/contractor-contacts', {
      contractorId: ctr.body.id,
      name: 'A',
      phone: '13900000009',
    });
    const targets: [string, string][] = [
      ['zones', zone.body.id],
      ['branches', estate.branchId],
      ['projects', estate.projectId],
      ['buildings', estate.buildingId],
      ['units', estate.unitId],
      ['departments', dept.body.id],
      ['contractors', ctr.body.id],
      ['contractor-contacts', contact.body.id],
    ];
    for (const [path, id] of targets) {
      expect((await b.admin.get(`/v1/${path}/${id}`)).status, `GET ${path}`).toBe(404);
      expect((await b.admin.patch(`/v1/${path}/${id}`, {})).status, `PATCH ${path}`).toBe(404);
      expect((await b.admin.delete(`/v1/${path}/${id}`)).status, `DELETE ${path}`).toBe(404);
      expect((await b.admin.get(`/v1/${path}`)).body.data, `list ${path}`).toEqual([]);
      expect((await a.admin.get(`/v1/${path}/${id}`)).status, `owner still sees ${path}`).toBe(200);
    }
  });

  it("cannot hang its own records on another tenant's parents", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estate = await newEstate(a.admin);
    expect((await b.admin.post('/v1/projects', { branchId: estate.branchId, name: 'X' })).status).toBe(400);
    expect((await b.admin.post('/v1/buildings', { projectId: estate.projectId, name: 'X' })).status).toBe(
      400,
    );
    expect((await b.admin.post('/v1/units', { buildingId: estate.buildingId, number: '1' })).status).toBe(
      400,
    );
  });
});
