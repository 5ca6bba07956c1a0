import { describe, expect, it } from 'vitest';
import { client } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';

const integratorOn = (projectId: string) => ({
  name: '停车系统',
  grants: [{ role: 'integrator', scopeType: 'project', scopeId: projectId }],
});

describe('API keys: creating and listing', () => {
  it('an admin creates an integrator key; the secret is shown once and the list shows only its prefix', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin, 'A');
    const created = await admin.post('/v1/api-keys', integratorOn(estate.projectId));
    expect(created.status).toBe(201);
    expect(created.headers.get('Location')).toBe(`/v1/api-keys/${created.body.id}`);
    expect(created.body.key).toMatch(/^gjk_[0-9a-z]{26}_[A-Za-z0-9_-]{20,}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    expect(created.body.prefix.length).toBeLessThan(created.body.key.length - 20);
    expect(created.body).toMatchObject({ status: 'active', lastUsedAt: null, revokedAt: null });

    const list = await admin.get('/v1/api-keys');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].key).toBeUndefined();
    expect(list.body.data[0].keyHash).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await admin.get(`/v1/api-keys/${created.body.id}`)).body.prefix).toBe(created.body.prefix);
  });

  it('an integrator key scoped to one project lists only that project units and gets 404 on another project unit', async () => {
    const { admin } = await newTenant();
    const a = await newEstate(admin, 'A');
    const b = await newEstate(admin, 'B');
    const created = await admin.post('/v1/api-keys', integratorOn(a.projectId));
    const integrator = client(created.body.key);
    const units = await integrator.get('/v1/units');
    expect(units.status).toBe(200);
    expect(units.body.data.map((u: { id: string }) => u.id)).toEqual([a.unitId]);
    expect((await integrator.get(`/v1/units/${a.unitId}`)).status).toBe(200);
    expect((await integrator.get(`/v1/units/${b.unitId}`)).status).toBe(404);
    expect((await integrator.get('/v1/me')).body).toMatchObject({
      actorType: 'api_key',
      actorId: created.body.id,
    });
  });

  it('the list shows when a key was last used', async () => {
    const { admin } = await newTenant();
    const a = await newEstate(admin, 'A');
    const created = await admin.post('/v1/api-keys', integratorOn(a.projectId));
    await client(created.body.key).get('/v1/units');
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      // the last-used time is written after the answer (waitUntil)
      lastUsedAt = (await admin.get(`/v1/api-keys/${created.body.id}`)).body.lastUsedAt;
      if (!lastUsedAt) await new Promise((r) => setTimeout(r, 20));
    }
    expect(lastUsedAt).not.toBeNull();
    const list = await admin.get('/v1/api-keys');
    expect(list.body.data[0].lastUsedAt).toBe(lastUsedAt);
  });

  it('keys are listed newest first and page with a cursor', async () => {
    const { admin } = await newTenant();
    const a = await newEstate(admin, 'A');
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await admin.post('/v1/api-keys', integratorOn(a.projectId))).body.id);
    const first = await admin.get('/v1/api-keys?limit=3');
    const second = await admin.get(`/v1/api-keys?limit=3&cursor=${first.body.nextCursor}`);
    const seen = [...first.body.data, ...second.body.data].map((k: { id: string }) => k.id);
    expect(seen).toEqual([...made].reverse());
    expect(second.body.nextCursor).toBeNull();
  });

  it('a key may carry several grants and an expiry time', async () => {
    const { admin } = await newTenant();
    const a = await newEstate(admin, 'A');
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await admin.post('/v1/api-keys', {
      name: 'BI 报表',
      grants: [
        { role: 'integrator', scopeType: 'branch', scopeId: a.branchId },
        { role: 'integrator', scopeType: 'group' },
      ],
      expiresAt,
    });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    expect(created.body.grants).toEqual([
      { role: 'integrator', scopeType: 'branch', scopeId: a.branchId },
      { role: 'integrator', scopeType: 'group', scopeId: null },
    ]);
  });
});

describe('API keys: revoking', () => {
  it('a revoked key shows as revoked and revoking it again changes nothing', async () => {
    const { admin } = await newTenant();
    const a = await newEstate(admin, 'A');
    const created = await admin.post('/v1/api-keys', integratorOn(a.projectId));
    const revoked = await admin.post(`/v1/api-keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const again = await admin.post(`/v1/api-keys/${created.body.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });
});
