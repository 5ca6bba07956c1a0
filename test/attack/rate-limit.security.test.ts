import { describe, expect, it } from 'vitest';
import { type ApiResponse, client } from '../support/api';
import { newTenant } from '../support/tenants';

/**
 * The local rate limiter counts in windows aligned to the wall-clock minute. A burst that
 * straddles a minute boundary (a loaded machine) is counted in two windows and may never reach
 * the limit, so a burst that crossed one is run again, from the start of the new minute.
 */
async function inOneMinuteWindow(burst: () => Promise<void>): Promise<void> {
  const minute = () => Math.floor(Date.now() / 60_000);
  const started = minute();
  try {
    await burst();
    return;
  } catch (error) {
    if (minute() === started) throw error;
  }
  await burst();
}

describe('bursts past the rate limit', () => {
  it('an integrator key sending more than 300 requests in a minute gets 429 with Retry-After', async () => {
    await inOneMinuteWindow(integratorBurst);
  });

  it('a tenant sending more than 1200 requests in a minute gets 429 with Retry-After for all its callers, not other tenants', async () => {
    await inOneMinuteWindow(tenantBurst);
  });
});

async function integratorBurst() {
  const { admin } = await newTenant();
  const created = await admin.post('/v1/api-keys', {
    name: '呼叫中心',
    grants: [{ role: 'integrator', scopeType: 'group', scopeId: null }],
  });
  expect(created.status).toBe(201);
  const integrator = client(created.body.key);
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 320 && !retryAfter; i++) {
    const res = await integrator.get('/v1/branches?limit=1');
    statuses.push(res.status);
    if (res.status === 429) {
      retryAfter = res.headers.get('Retry-After');
      expect(res.body.code).toBe('rate_limited');
    }
  }
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(300);
  expect(retryAfter).toBe('60');
  // The tenant's staff are counted separately from the key and still get through.
  expect((await admin.get('/v1/branches?limit=1')).status).toBe(200);
}

async function tenantBurst() {
  const { admin } = await newTenant('Busy Group');
  const other = await newTenant('Quiet Group');
  const created = await admin.post('/v1/api-keys', {
    name: 'ERP',
    grants: [{ role: 'integrator', scopeType: 'group', scopeId: null }],
  });
  expect(created.status).toBe(201);
  const integrator = client(created.body.key);
  let ok = 0;
  let limited: ApiResponse | undefined;
  // Staff requests, in parallel bursts: the key's own limit (300) is never reached.
  while (!limited && ok < 1300) {
    const burst = await Promise.all(Array.from({ length: 50 }, () => admin.get('/v1/branches?limit=1')));
    ok += burst.filter((r) => r.status === 200).length;
    limited = burst.find((r) => r.status === 429);
  }
  expect(limited?.status).toBe(429);
  expect(limited?.headers.get('Retry-After')).toBe('60');
  expect(limited?.body.code).toBe('rate_limited');
  // The limit is 1200 a minute; the set-up above spent a few of them.
  expect(ok).toBeGreaterThanOrEqual(1150);
  expect(ok).toBeLessThanOrEqual(1200);
  // Tenant-wide: the tenant's integrator key is refused too, though it has sent nothing.
  const keyed = await integrator.get('/v1/branches?limit=1');
  expect(keyed.status).toBe(429);
  expect(keyed.headers.get('Retry-After')).toBe('60');
  // Another tenant is counted on its own.
  expect((await other.admin.get('/v1/branches?limit=1')).status).toBe(200);
}
