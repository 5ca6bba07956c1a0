import { describe, expect, it } from 'vitest';
import { client } from '../support/api';
import { rows } from '../support/events';
import { demoAs } from '../support/staff';
import { login, newEstate, newTenant } from '../support/tenants';

async function withKey() {
  const t = await newTenant();
  const estate = await newEstate(t.admin);
  const created = await t.admin.post('/v1/api-keys', {
    name: '停车系统',
    grants: [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }],
  });
  return { ...t, estate, keyId: created.body.id as string, key: created.body.key as string };
}

describe('keys that no longer work', () => {
  it('a revoked key answers 401 on its next request', async () => {
    const { admin, keyId, key } = await withKey();
    expect((await client(key).get('/v1/units')).status).toBe(200);
    await admin.post(`/v1/api-keys/${keyId}/revoke`);
    const res = await client(key).get('/v1/units');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  });

  it('an expired key answers 401 and shows as expired', async () => {
    const { admin, keyId, key } = await withKey();
    await rows('update api_keys set expires_at = ? where id = ?', Date.now() - 1000, keyId);
    expect((await client(key).get('/v1/units')).status).toBe(401);
    expect((await admin.get(`/v1/api-keys/${keyId}`)).body.status).toBe('expired');
  });

  it('a made-up or altered key answers 401', async () => {
    const { key, tenantId } = await withKey();
    expect((await client(`${key.slice(0, -2)}xx`).get('/v1/units')).status).toBe(401);
    const forged = `gjk_${tenantId.slice(4)}_${'A'.repeat(43)}`;
    expect((await client(forged).get('/v1/units')).status).toBe(401);
  });
});

describe("another tenant's keys", () => {
  it('answer 404 on get and revoke and never appear in its list; the key keeps working', async () => {
    const a = await withKey();
    const b = await newTenant();
    expect((await b.admin.get(`/v1/api-keys/${a.keyId}`)).status).toBe(404);
    expect((await b.admin.post(`/v1/api-keys/${a.keyId}/revoke`)).status).toBe(404);
    expect((await b.admin.get('/v1/api-keys')).body.data).toEqual([]);
    expect((await client(a.key).get('/v1/units')).status).toBe(200);
  });

  it('a key of one tenant reads nothing of another: its units are 404', async () => {
    const a = await withKey();
    const b = await withKey();
    expect((await client(a.key).get(`/v1/units/${b.estate.unitId}`)).status).toBe(404);
  });
});

describe('who may manage keys', () => {
  it.each(['front_desk', 'branch_hr', 'branch_gm'])('a %s cannot list or create keys', async (who) => {
    const staff = await demoAs(who);
    expect((await staff.get('/v1/api-keys')).status).toBe(403);
    const res = await staff.post('/v1/api-keys', {
      name: 'X',
      grants: [{ role: 'integrator', scopeType: 'group' }],
    });
    expect(res.status).toBe(403);
  });

  it('an integrator key cannot mint itself another key or widen its reach', async () => {
    const { key, estate } = await withKey();
    const res = await client(key).post('/v1/api-keys', {
      name: 'escalate',
      grants: [{ role: 'tenant_admin', scopeType: 'group' }],
    });
    expect(res.status).toBe(403);
    expect((await client(key).get('/v1/api-keys')).status).toBe(403);
    expect((await client(key).post('/v1/branches', { name: 'X' })).status).toBe(403);
    expect((await client(key).get(`/v1/projects/${estate.projectId}`)).status).toBe(200);
  });
});

describe('a key manager scoped to one branch', () => {
  it('sees and revokes only the keys that reach no further than its branch, and cannot mint wider ones', async () => {
    const { admin, slug } = await newTenant();
    const a = await newEstate(admin, 'A');
    const b = await newEstate(admin, 'B');
    const grant = (scopeType: string, scopeId: string | null) => ({ role: 'integrator', scopeType, scopeId });
    const inA = await admin.post('/v1/api-keys', { name: 'A 项目', grants: [grant('project', a.projectId)] });
    const branchA = await admin.post('/v1/api-keys', {
      name: 'A 分公司',
      grants: [grant('branch', a.branchId)],
    });
    const both = await admin.post('/v1/api-keys', {
      name: 'A+B',
      grants: [grant('project', a.projectId), grant('project', b.projectId)],
    });
    const group = await admin.post('/v1/api-keys', { name: '集团', grants: [grant('group', null)] });
    const email = `branch-admin.${Date.now()}@example.test`;
    await admin.post('/v1/staff', {
      name: '分公司管理员',
      email,
      password: 'long enough password',
      roles: [{ role: 'tenant_admin', scopeType: 'branch', scopeId: a.branchId }],
    });
    const branchAdmin = await login(slug, email, 'long enough password');
    const seen = (await branchAdmin.get('/v1/api-keys')).body.data.map((k: { id: string }) => k.id);
    expect(seen.sort()).toEqual([inA.body.id, branchA.body.id].sort());
    expect((await branchAdmin.get(`/v1/api-keys/${both.body.id}`)).status).toBe(404);
    expect((await branchAdmin.post(`/v1/api-keys/${group.body.id}/revoke`)).status).toBe(404);
    expect((await branchAdmin.post(`/v1/api-keys/${inA.body.id}/revoke`)).status).toBe(200);
    const wider = await branchAdmin.post('/v1/api-keys', {
      name: 'B',
      grants: [grant('project', b.projectId)],
    });
    expect(wider.status).toBe(400);
    expect(wider.body.issues[0].path).toBe('grants.0.scopeId');
    expect(
      (await branchAdmin.post('/v1/api-keys', { name: 'G', grants: [grant('group', null)] })).status,
    ).toBe(403);
  });
});
