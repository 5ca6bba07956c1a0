import { describe, expect, it } from 'vitest';
import { newEstate, newTenant } from '../support/tenants';

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

async function setup() {
  const { admin } = await newTenant();
  const estate = await newEstate(admin);
  const keys = async () => (await admin.get('/v1/api-keys')).body.data as unknown[];
  return { admin, estate, keys };
}

describe('bad input when creating an API key', () => {
  it('a key without grants answers 400 naming grants, and no key is made', async () => {
    const { admin, keys } = await setup();
    const missing = await admin.post('/v1/api-keys', { name: '空' });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(issuePaths(missing.body)).toContain('grants');
    const empty = await admin.post('/v1/api-keys', { name: '空', grants: [] });
    expect(issuePaths(empty.body)).toContain('grants');
    expect(await keys()).toEqual([]);
  });

  it('an unknown role answers 400 naming grants.0.role', async () => {
    const { admin, estate } = await setup();
    const res = await admin.post('/v1/api-keys', {
      name: 'X',
      grants: [{ role: 'robot', scopeType: 'project', scopeId: estate.projectId }],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['grants.0.role']);
  });

  it('a grant on an unknown project answers 400 naming its scopeId, and no key is made', async () => {
    const { admin, estate, keys } = await setup();
    const res = await admin.post('/v1/api-keys', {
      name: 'X',
      grants: [
        { role: 'integrator', scopeType: 'project', scopeId: estate.projectId },
        { role: 'integrator', scopeType: 'project', scopeId: 'prj_01jd8x6v3kf2q9w7t5r4e3d2c1' },
      ],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['grants.1.scopeId']);
    expect(await keys()).toEqual([]);
    expect((await admin.get('/v1/audit-log?action=api_keys.create')).body.data).toEqual([]);
  });

  it('a branch grant without a branch id answers 400 naming its scopeId', async () => {
    const { admin } = await setup();
    const res = await admin.post('/v1/api-keys', {
      name: 'X',
      grants: [{ role: 'integrator', scopeType: 'branch' }],
    });
    expect(issuePaths(res.body)).toEqual(['grants.0.scopeId']);
  });

  it('an expiry in the past or not a time answers 400 naming expiresAt', async () => {
    const { admin, estate, keys } = await setup();
    const grants = [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }];
    const past = await admin.post('/v1/api-keys', {
      name: 'X',
      grants,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(issuePaths(past.body)).toEqual(['expiresAt']);
    const garbage = await admin.post('/v1/api-keys', { name: 'X', grants, expiresAt: 'next tuesday' });
    expect(issuePaths(garbage.body)).toEqual(['expiresAt']);
    expect(await keys()).toEqual([]);
  });

  it('revoking an unknown key answers 404', async () => {
    const { admin } = await setup();
    expect((await admin.post('/v1/api-keys/key_01jd8x6v3kf2q9w7t5r4e3d2c1/revoke')).status).toBe(404);
  });
});
