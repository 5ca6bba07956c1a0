import { describe, expect, it } from 'vitest';
import { loginDemo, seedDemo } from '../support/demo';
import { rows } from '../support/events';
import { newEstate, newTenant } from '../support/tenants';

describe('owners (业主/住户) of an estate', () => {
  it('an admin registers an owner of a unit and reads them back with their unit', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const created = await admin.post('/v1/owners', {
      name: '王伟',
      phone: '+86 138-1234-5678',
      email: 'Wang.Wei@Example.com',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('Location')).toBe(`/v1/owners/${created.body.id}`);
    expect(created.body.phone).toBe('13812345678');
    expect(created.body.email).toBe('wang.wei@example.com');
    expect(created.body.units).toEqual([
      {
        unitId: estate.unitId,
        projectId: estate.projectId,
        buildingId: estate.buildingId,
        number: '1-101',
        relation: 'owner',
      },
    ]);
    const read = await admin.get(`/v1/owners/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('ETag')).toBe('"1"');
    expect(read.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([estate.unitId]);
  });

  it('a landline with its area code is accepted and stored as digits', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/owners', { name: '李芳', phone: '0571-8888 0001' });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe('057188880001');
    expect(res.body.units).toEqual([]);
  });

  it('the front desk finds owners by project, unit, exact phone and part of the name', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const other = await admin.post('/v1/units', { buildingId: estate.buildingId, number: '1-102' });
    const wang = await admin.post('/v1/owners', {
      name: '王建国',
      phone: '13900000001',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    const li = await admin.post('/v1/owners', {
      name: '李建华',
      phone: '13900000002',
      units: [{ unitId: other.body.id, relation: 'resident' }],
    });
    await admin.post('/v1/owners', { name: '无房客户', phone: '13900000003' });
    const ids = async (query: string) =>
      (await admin.get(`/v1/owners?${query}`)).body.data.map((o: { id: string }) => o.id);

    expect(await ids(`projectId=${estate.projectId}`)).toEqual([wang.body.id, li.body.id]);
    expect(await ids(`unitId=${other.body.id}`)).toEqual([li.body.id]);
    expect(await ids('phone=139-0000-0001')).toEqual([wang.body.id]);
    expect(await ids(`name=${encodeURIComponent('建')}`)).toEqual([wang.body.id, li.body.id]);
    expect(await ids(`name=${encodeURIComponent('建华')}&projectId=${estate.projectId}`)).toEqual([
      li.body.id,
    ]);
    expect((await ids('')).length).toBe(3);
  });

  it('an owner moves: linked to a second unit, then unlinked from the first, each bumping the ETag', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const second = await admin.post('/v1/units', {
      buildingId: estate.buildingId,
      number: '1-201',
      floor: 2,
    });
    const owner = await admin.post('/v1/owners', {
      name: '张敏',
      phone: '13700001111',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    const linked = await admin.post(
      `/v1/owners/${owner.body.id}/units`,
      { unitId: second.body.id, relation: 'family' },
      { 'If-Match': '"1"' },
    );
    expect(linked.status).toBe(200);
    expect(linked.headers.get('ETag')).toBe('"2"');
    expect(
      linked.body.units.map((u: { number: string; relation: string }) => [u.number, u.relation]),
    ).toEqual(
      expect.arrayContaining([
        ['1-101', 'owner'],
        ['1-201', 'family'],
      ]),
    );
    const unlinked = await admin.delete(`/v1/owners/${owner.body.id}/units/${estate.unitId}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.headers.get('ETag')).toBe('"3"');
    expect(unlinked.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([second.body.id]);
    const audit = await rows<{ action: string }>(
      'select action from audit_log where target_id = ? order by id',
      owner.body.id,
    );
    expect(audit.map((e) => e.action).sort()).toEqual([
      'owners.create',
      'owners.link_unit',
      'owners.unlink_unit',
    ]);
  });

  it('a correction with the current ETag updates the owner and answers the next ETag', async () => {
    const { admin } = await newTenant();
    const owner = await admin.post('/v1/owners', { name: '刘洋', phone: '13600002222' });
    const res = await admin.patch(
      `/v1/owners/${owner.body.id}`,
      { altPhone: '0574 8765 4321', note: '周末在家' },
      { 'If-Match': owner.headers.get('ETag')! },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"2"');
    expect(res.body).toMatchObject({ altPhone: '057487654321', note: '周末在家', name: '刘洋' });
  });

  it('deleting an owner removes their unit links with them', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const owner = await admin.post('/v1/owners', {
      name: '陈静',
      phone: '13500003333',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    expect((await admin.delete(`/v1/owners/${owner.body.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/owners/${owner.body.id}`)).status).toBe(404);
    expect((await admin.get(`/v1/owners?unitId=${estate.unitId}`)).body.data).toEqual([]);
    // the unit no longer has owners, so it can be deleted
    expect((await admin.delete(`/v1/units/${estate.unitId}`)).status).toBe(204);
  });

  it('a Xixi front desk registers a resident of a Xixi unit and sees only Xixi owners', async () => {
    await seedDemo();
    const desk = await loginDemo('front_desk');
    const xixi = (await desk.get('/v1/projects')).body.data[0];
    const unit = (await desk.get(`/v1/units?projectId=${xixi.id}`)).body.data[0];
    const created = await desk.post('/v1/owners', {
      name: '租客小周',
      phone: '18800001234',
      units: [{ unitId: unit.id, relation: 'resident' }],
    });
    expect(created.status).toBe(201);
    const seen = (await desk.get('/v1/owners?limit=200')).body.data;
    expect(seen.length).toBeGreaterThan(0);
    for (const owner of seen) {
      expect(owner.units.length).toBeGreaterThan(0);
      for (const u of owner.units) expect(u.projectId).toBe(xixi.id);
    }
    await desk.delete(`/v1/owners/${created.body.id}`);
  });
});
