import { describe, expect, it } from 'vitest';
import { loginDemo, seedDemo } from '../support/demo';
import { newEstate, newTenant } from '../support/tenants';

describe("another group's owners", () => {
  it('answer 404 on read, update, delete, link and unlink, and never appear in lists or filters', async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estateA = await newEstate(a.admin);
    const estateB = await newEstate(b.admin);
    const owner = await a.admin.post('/v1/owners', {
      name: '王伟',
      phone: '13812345678',
      units: [{ unitId: estateA.unitId, relation: 'owner' }],
    });
    const id = owner.body.id;
    expect((await b.admin.get(`/v1/owners/${id}`)).status).toBe(404);
    expect((await b.admin.patch(`/v1/owners/${id}`, { note: 'x' })).status).toBe(404);
    expect((await b.admin.delete(`/v1/owners/${id}`)).status).toBe(404);
    expect((await b.admin.post(`/v1/owners/${id}/units`, { unitId: estateB.unitId })).status).toBe(404);
    expect((await b.admin.delete(`/v1/owners/${id}/units/${estateA.unitId}`)).status).toBe(404);
    expect((await b.admin.get('/v1/owners')).body.data).toEqual([]);
    expect((await b.admin.get(`/v1/owners?unitId=${estateA.unitId}`)).body.data).toEqual([]);
    expect((await b.admin.get(`/v1/owners?projectId=${estateA.projectId}`)).body.data).toEqual([]);
    expect((await b.admin.get('/v1/owners?phone=13812345678')).body.data).toEqual([]);
    const read = await a.admin.get(`/v1/owners/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.units).toHaveLength(1);
  });

  it("cannot be linked to another group's unit, nor created on one (400 naming the unit)", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const estateA = await newEstate(a.admin);
    const mine = await b.admin.post('/v1/owners', { name: '李芳', phone: '13900000001' });
    const link = await b.admin.post(`/v1/owners/${mine.body.id}/units`, { unitId: estateA.unitId });
    expect(link.status).toBe(400);
    expect(link.body.issues).toEqual([{ path: 'unitId', message: `Unit ${estateA.unitId} not found` }]);
    const created = await b.admin.post('/v1/owners', {
      name: '张敏',
      phone: '13900000002',
      units: [{ unitId: estateA.unitId, relation: 'owner' }],
    });
    expect(created.status).toBe(400);
    expect(created.body.issues[0].path).toBe('units.0.unitId');
    expect((await a.admin.get(`/v1/owners?unitId=${estateA.unitId}`)).body.data).toEqual([]);
  });
});

describe('owners by project reach (demo group)', () => {
  const ningboSetup = async () => {
    await seedDemo();
    const admin = await loginDemo('tenant_admin');
    const projects = (await admin.get('/v1/projects')).body.data as { id: string; name: string }[];
    const ningbo = projects.find((p) => p.name === '东湖湾')!;
    const xixi = projects.find((p) => p.name === '西溪花园')!;
    const ningboOwner = (await admin.get(`/v1/owners?projectId=${ningbo.id}`)).body.data[0];
    const ningboUnit = (await admin.get(`/v1/units?projectId=${ningbo.id}`)).body.data[0];
    const xixiUnit = (await admin.get(`/v1/units?projectId=${xixi.id}`)).body.data[0];
    return { admin, ningbo, xixi, ningboOwner, ningboUnit, xixiUnit };
  };

  it('a Xixi front desk cannot see, filter for, change or link owners of a Ningbo project', async () => {
    const { ningbo, ningboOwner, ningboUnit } = await ningboSetup();
    expect(ningboOwner).toBeDefined();
    const desk = await loginDemo('front_desk');
    expect((await desk.get(`/v1/owners/${ningboOwner.id}`)).status).toBe(404);
    expect((await desk.get(`/v1/owners?projectId=${ningbo.id}`)).body.data).toEqual([]);
    expect((await desk.get(`/v1/owners?unitId=${ningboUnit.id}`)).body.data).toEqual([]);
    expect((await desk.get(`/v1/owners?phone=${ningboOwner.phone}`)).body.data).toEqual([]);
    expect((await desk.patch(`/v1/owners/${ningboOwner.id}`, { note: 'x' })).status).toBe(404);
    expect((await desk.delete(`/v1/owners/${ningboOwner.id}`)).status).toBe(404);
    const all = (await desk.get('/v1/owners?limit=200')).body.data as { id: string }[];
    expect(all.map((o) => o.id)).not.toContain(ningboOwner.id);
  });

  it('a Xixi front desk cannot put an owner into a Ningbo unit (400), and only sees the Xixi unit of a two-city owner', async () => {
    const { admin, ningboUnit, xixiUnit, xixi } = await ningboSetup();
    const desk = await loginDemo('front_desk');
    const created = await desk.post('/v1/owners', {
      name: '两地业主',
      phone: '18600009999',
      units: [{ unitId: ningboUnit.id, relation: 'owner' }],
    });
    expect(created.status).toBe(400);
    expect(created.body.issues[0].path).toBe('units.0.unitId');

    const both = await admin.post('/v1/owners', {
      name: '两地业主',
      phone: '18600009998',
      units: [
        { unitId: xixiUnit.id, relation: 'owner' },
        { unitId: ningboUnit.id, relation: 'owner' },
      ],
    });
    expect(both.status).toBe(201);
    const seen = await desk.get(`/v1/owners/${both.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.units.map((u: { projectId: string }) => u.projectId)).toEqual([xixi.id]);
    const link = await desk.post(`/v1/owners/${both.body.id}/units`, { unitId: ningboUnit.id });
    expect(link.status).toBe(400);
    expect((await desk.delete(`/v1/owners/${both.body.id}/units/${ningboUnit.id}`)).status).toBe(404);
    const deleted = await desk.delete(`/v1/owners/${both.body.id}`);
    expect(deleted.status).toBe(409);
    expect((await admin.delete(`/v1/owners/${both.body.id}`)).status).toBe(204);
  });

  it('a front desk must put a new owner in one of their units; owners without a unit are for group-wide roles', async () => {
    const { admin } = await ningboSetup();
    const desk = await loginDemo('front_desk');
    const res = await desk.post('/v1/owners', { name: '无房客户', phone: '18600001111' });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('units');
    const homeless = await admin.post('/v1/owners', { name: '无房客户', phone: '18600001112' });
    expect(homeless.status).toBe(201);
    expect((await desk.get(`/v1/owners/${homeless.body.id}`)).status).toBe(404);
    const hotline = await loginDemo('hotline_agent');
    expect((await hotline.get(`/v1/owners/${homeless.body.id}`)).status).toBe(200);
    await admin.delete(`/v1/owners/${homeless.body.id}`);
  });

  it('an engineer reads owners but may not register one; a mystery shopper may not list them', async () => {
    const { xixiUnit } = await ningboSetup();
    const engineer = await loginDemo('engineer');
    expect((await engineer.get('/v1/owners')).status).toBe(200);
    const res = await engineer.post('/v1/owners', {
      name: '某人',
      phone: '18600002222',
      units: [{ unitId: xixiUnit.id, relation: 'owner' }],
    });
    expect(res.status).toBe(403);
    expect((await (await loginDemo('mystery_shopper')).get('/v1/owners')).status).toBe(403);
  });
});
