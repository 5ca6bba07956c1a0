import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';

const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path);

describe('bad input to the owner routes', () => {
  it('a wrong phone, a missing name, a bad email and an unknown relation answer 400 naming each field', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/owners', {
      phone: '12345',
      email: 'not-an-email',
      units: [{ unitId: 'unit_x', relation: 'landlord' }],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(paths(res.body)).toEqual(expect.arrayContaining(['name', 'phone', 'email', 'units.0.relation']));
  });

  it('a mobile with too few digits, or a landline without its area code, is refused', async () => {
    const { admin } = await newTenant();
    for (const phone of ['1381234567', '88880001', '23812345678']) {
      const res = await admin.post('/v1/owners', { name: '王伟', phone });
      expect(res.status, phone).toBe(400);
      expect(paths(res.body)).toEqual(['phone']);
    }
  });

  it('an unknown unit answers 400 naming its index in units, and no owner is created', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const res = await admin.post('/v1/owners', {
      name: '王伟',
      phone: '13812345678',
      units: [
        { unitId: estate.unitId, relation: 'owner' },
        { unitId: 'unit_01jd8x6v3kf2q9w7t5r4e3d2c1', relation: 'owner' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { path: 'units.1.unitId', message: 'Unit unit_01jd8x6v3kf2q9w7t5r4e3d2c1 not found' },
    ]);
    expect((await admin.get('/v1/owners')).body.data).toEqual([]);
  });

  it('the same unit listed twice answers 400 on the repeat', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const unit = { unitId: estate.unitId, relation: 'owner' };
    const res = await admin.post('/v1/owners', { name: '王伟', phone: '13812345678', units: [unit, unit] });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['units.1.unitId']);
  });

  it('an unknown field is refused rather than silently dropped', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/owners', { name: '王伟', phone: '13812345678', idCard: '330102...' });
    expect(res.status).toBe(400);
  });

  it('a stale If-Match answers 412 on update and on link, and neither is applied', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const owner = await admin.post('/v1/owners', { name: '刘洋', phone: '13600002222' });
    const etag = owner.headers.get('ETag')!;
    expect(
      (await admin.patch(`/v1/owners/${owner.body.id}`, { note: '第一次' }, { 'If-Match': etag })).status,
    ).toBe(200);
    const stale = await admin.patch(`/v1/owners/${owner.body.id}`, { note: '第二次' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const staleLink = await admin.post(
      `/v1/owners/${owner.body.id}/units`,
      { unitId: estate.unitId, relation: 'owner' },
      { 'If-Match': etag },
    );
    expect(staleLink.status).toBe(412);
    const now = await admin.get(`/v1/owners/${owner.body.id}`);
    expect(now.body).toMatchObject({ note: '第一次', version: 2, units: [] });
  });

  it('unlinking a unit the owner is not linked to answers 404', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const owner = await admin.post('/v1/owners', { name: '陈静', phone: '13500003333' });
    expect((await admin.delete(`/v1/owners/${owner.body.id}/units/${estate.unitId}`)).status).toBe(404);
  });

  it('an owner named on a case cannot be deleted (409); the owner stays', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const owner = await admin.post('/v1/owners', {
      name: '赵军',
      phone: '13400004444',
      units: [{ unitId: estate.unitId, relation: 'owner' }],
    });
    const now = Date.now();
    await (await shardOf(tenantId))
      .prepare(
        `insert into cases (id, tenant_id, created_at, updated_at, archive_no, kind, channel, status, category,
        branch_id, project_id, owner_id, description, received_at)
       values (?, ?, ?, ?, '20261122001', 'repair', 'phone', 'received', 'plumbing', ?, ?, ?, '厨房漏水', ?)`,
      )
      .bind(`case_${now}`, tenantId, now, now, estate.branchId, estate.projectId, owner.body.id, now)
      .run();
    const res = await admin.delete(`/v1/owners/${owner.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('cases');
    expect((await admin.get(`/v1/owners/${owner.body.id}`)).body.units).toHaveLength(1);
  });

  it('a list filtered by a malformed phone answers 400 naming phone', async () => {
    const { admin } = await newTenant();
    const res = await admin.get('/v1/owners?phone=abc');
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['query.phone']);
  });
});
