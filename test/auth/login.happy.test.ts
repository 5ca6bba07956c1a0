import { describe, expect, it } from 'vitest';
import { call, client } from '../support/api';
import { loginDemo, seedDemo } from '../support/demo';
import { newTenant } from '../support/tenants';

describe('staff login', () => {
  it('a demo admin logs in and lists the demo branches', async () => {
    await seedDemo();
    const admin = await loginDemo('tenant_admin');
    const branches = await admin.get('/v1/branches');
    expect(branches.status).toBe(200);
    expect(branches.body.data.map((b: { name: string }) => b.name)).toEqual(['杭州分公司', '宁波分公司']);
  });

  it('a staff member logs in by phone as well as by email', async () => {
    await seedDemo();
    const res = await call('POST', '/v1/auth/login', {
      body: { tenant: 'demo', login: '13700000003', password: 'Guanjia@2026' },
    });
    expect(res.status).toBe(200);
    const me = await client(res.body.accessToken).get('/v1/me');
    expect(me.body.grants).toEqual([{ role: 'hotline_agent', scopeType: 'group', scopeId: null }]);
  });

  it('/v1/me lists the permissions the grants carry, so a console offers only those screens', async () => {
    await seedDemo();
    const agent = await (await loginDemo('hotline_agent')).get('/v1/me');
    expect(agent.body.permissions).toEqual([
      'cases.create',
      'cases.handle',
      'cases.read',
      'knowledge.read',
      'org.read',
      'owners.manage',
      'owners.read',
    ]);
    const contractor = await (await loginDemo('contractor_staff')).get('/v1/me');
    expect(contractor.body.permissions).toEqual(['cases.handle', 'cases.read']);
  });

  it('the access token lives at most 15 minutes and names its key', async () => {
    const { slug, adminEmail, password } = await newTenant();
    const res = await call('POST', '/v1/auth/login', { body: { tenant: slug, login: adminEmail, password } });
    expect(res.body.expiresIn).toBeLessThanOrEqual(900);
    const [header, payload] = (res.body.accessToken as string)
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))));
    expect(header.alg).toBe('ES256');
    const jwks = await call('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(jwks.body.keys[0].d).toBeUndefined();
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
    expect(payload.aud).toBe('guanjia-api');
  });

  it('a refresh token rotates: the new pair works and the old refresh token is spent', async () => {
    const { slug, adminEmail, password } = await newTenant();
    const first = await call('POST', '/v1/auth/login', {
      body: { tenant: slug, login: adminEmail, password },
    });
    const second = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await client(second.body.accessToken).get('/v1/me')).status).toBe(200);
  });

  it('logout revokes the refresh token family', async () => {
    const { slug, adminEmail, password } = await newTenant();
    const first = await call('POST', '/v1/auth/login', {
      body: { tenant: slug, login: adminEmail, password },
    });
    const rotated = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(
      (await call('POST', '/v1/auth/logout', { body: { refreshToken: rotated.body.refreshToken } })).status,
    ).toBe(204);
    const after = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(after.status).toBe(401);
  });
});
