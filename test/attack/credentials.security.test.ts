import { env } from 'cloudflare:test';
import { importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { newTenant } from '../support/tenants';
import { loadOperations } from './openapi';

async function signed(tenantId: string, change: { exp?: number; nbf?: number; aud?: string; iss?: string }) {
  const jwk = JSON.parse(env.JWT_PRIVATE_JWK);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: tenantId, grants: [{ role: 'tenant_admin', scopeType: 'group', scopeId: null }] })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject('stf_x')
    .setIssuer(change.iss ?? env.JWT_ISSUER)
    .setAudience(change.aud ?? env.JWT_AUDIENCE)
    .setNotBefore(change.nbf ?? now)
    .setExpirationTime(change.exp ?? now + 600)
    .sign(await importJWK(jwk, 'ES256'));
}

describe('every secured route refuses bad credentials with 401', () => {
  it('no token, a forged, expired, not-yet-valid, alg:none, wrong-audience or wrong-issuer token', async () => {
    const { tenantId, admin } = await newTenant();
    const now = Math.floor(Date.now() / 1000);
    const [h, p] = admin.token.split('.');
    const credentials: Record<string, string | undefined> = {
      none: undefined,
      forged: `${h}.${p}.${'A'.repeat(86)}`,
      expired: await signed(tenantId, { exp: now - 10, nbf: now - 100 }),
      notYetValid: await signed(tenantId, { nbf: now + 300, exp: now + 900 }),
      algNone: `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${p}.`,
      wrongAudience: await signed(tenantId, { aud: 'other' }),
      wrongIssuer: await signed(tenantId, { iss: 'https://evil.example' }),
      garbage: 'gjk_not-a-real-key',
    };
    const { operations } = await loadOperations();
    const secured = operations.filter((op) => op.secured);
    expect(secured.length).toBeGreaterThan(10);
    for (const op of secured) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x_00000000000000000000000000');
      for (const [name, token] of Object.entries(credentials)) {
        const res = await call(op.method.toUpperCase(), path, {
          token,
          body: op.hasJsonBody ? {} : undefined,
        });
        expect(res.status, `${name} on ${op.method.toUpperCase()} ${op.path}`).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
  });
});
