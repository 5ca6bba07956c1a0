import { env } from 'cloudflare:test';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, client } from '../support/api';
import { newTenant } from '../support/tenants';

/** Signs a token with the Worker's own key, so only the named claim is wrong. */
async function forge(
  claims: Record<string, unknown>,
  options: { exp?: number; nbf?: number; aud?: string; iss?: string } = {},
) {
  const jwk = JSON.parse(env.JWT_PRIVATE_JWK);
  const key = await importJWK(jwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    grants: [{ role: 'tenant_admin', scopeType: 'group', scopeId: null }],
    ctr: null,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setIssuer(options.iss ?? env.JWT_ISSUER)
    .setAudience(options.aud ?? env.JWT_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(options.nbf ?? now)
    .setExpirationTime(options.exp ?? now + 600)
    .setSubject('stf_someone')
    .sign(key);
}

async function status(token: string) {
  const res = await client(token).get('/v1/branches');
  return { status: res.status, code: res.body.code, type: res.headers.get('content-type') };
}

describe('access tokens that must be refused', () => {
  it('no token at all answers 401 problem+json', async () => {
    const res = await call('GET', '/v1/branches');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('unauthenticated');
  });

  it('an expired token answers 401', async () => {
    const { tenantId } = await newTenant();
    const now = Math.floor(Date.now() / 1000);
    expect((await status(await forge({ tid: tenantId }, { exp: now - 60, nbf: now - 1000 }))).status).toBe(
      401,
    );
  });

  it('a token not yet valid answers 401', async () => {
    const { tenantId } = await newTenant();
    const now = Math.floor(Date.now() / 1000);
    expect((await status(await forge({ tid: tenantId }, { nbf: now + 600, exp: now + 900 }))).status).toBe(
      401,
    );
  });

  it('a token for another audience or issuer answers 401', async () => {
    const { tenantId } = await newTenant();
    expect((await status(await forge({ tid: tenantId }, { aud: 'someone-else' }))).status).toBe(401);
    expect((await status(await forge({ tid: tenantId }, { iss: 'https://evil.example' }))).status).toBe(401);
  });

  it('an unsigned alg:none token answers 401', async () => {
    const { tenantId } = await newTenant();
    const enc = (o: unknown) =>
      btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({
      tid: tenantId,
      sub: 'x',
      grants: [{ role: 'tenant_admin', scopeType: 'group', scopeId: null }],
      iss: env.JWT_ISSUER,
      aud: env.JWT_AUDIENCE,
      exp: now + 600,
      nbf: now,
    })}.`;
    expect((await status(token)).status).toBe(401);
  });

  it('a token with a tampered payload answers 401', async () => {
    const { admin } = await newTenant();
    const [h, p, s] = admin.token.split('.');
    const payload = JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/')));
    payload.tid = 'ten_00000000000000000000000000';
    const tampered = btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect((await status(`${h}.${tampered}.${s}`)).status).toBe(401);
  });

  it('a token signed by a key the platform does not publish answers 401', async () => {
    const { tenantId } = await newTenant();
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ tid: tenantId, grants: [] })
      .setProtectedHeader({ alg: 'ES256', kid: JSON.parse(env.JWT_PRIVATE_JWK).kid })
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setSubject('x')
      .setNotBefore(now)
      .setExpirationTime(now + 600)
      .sign(await importJWK(jwk, 'ES256'));
    expect((await status(token)).status).toBe(401);
  });

  it("another tenant's token does not reach this tenant's records", async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    const branch = await a.admin.post('/v1/branches', { name: '杭州分公司' });
    expect((await b.admin.get(`/v1/branches/${branch.body.id}`)).status).toBe(404);
    expect((await b.admin.get('/v1/branches')).body.data).toEqual([]);
  });
});

describe('refresh token reuse', () => {
  it('a reused refresh token revokes the whole family, including the newer token', async () => {
    const { slug, adminEmail, password } = await newTenant();
    const first = await call('POST', '/v1/auth/login', {
      body: { tenant: slug, login: adminEmail, password },
    });
    const second = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(second.status).toBe(200);
    const replay = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(replay.status).toBe(401);
    const stolenAfter = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(stolenAfter.status).toBe(401);
  });
});
