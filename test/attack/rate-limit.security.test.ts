import { describe, expect, it } from 'vitest';
import { client } from '../support/api';
import { newTenant } from '../support/tenants';

describe('bursts past the rate limit', () => {
  it('an integrator key sending more than 300 requests in a minute gets 429 with Retry-After', async () => {
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
  });
});
