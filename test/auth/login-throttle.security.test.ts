import { loginDelaySeconds } from '@guanjia/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApiResponse, call } from '../support/api';
import { cronTick } from '../support/cron';
import { shardOf } from '../support/shards';
import { newTenant } from '../support/tenants';

/*
 * Failed logins slow the failing source down (address + login) and never lock the account:
 * docs/access.md "Signing in". Time is set here (the Worker reads the same `Date`), never slept.
 */

// A whole minute an hour from now: later than anything the set-up wrote, so it sorts last.
const t0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(t0.getTime() + ms));
};
const seconds = (n: number) => n * 1000;
const minutes = (n: number) => n * 60_000;

afterEach(() => vi.useRealTimers());

const attempt = (tenant: string, login: string, password: string, address: string) =>
  call('POST', '/v1/auth/login', {
    body: { tenant, login, password },
    headers: { 'CF-Connecting-IP': address },
  });

/** What a caller sees of a refusal: everything but the request id. */
const seen = (res: ApiResponse) => {
  const { requestId: _id, ...body } = res.body;
  return { status: res.status, retryAfter: res.headers.get('Retry-After'), body };
};

describe('a failed login tells nothing', () => {
  it('an unknown login, a wrong password, a disabled account and an unknown tenant get the same 401', async () => {
    const { slug, adminEmail, admin } = await newTenant();
    const staff = await admin.post('/v1/staff', {
      name: '离职员工',
      email: `gone@${slug}.test`,
      password: 'a-long-password-1',
      roles: [{ role: 'hotline_agent', scopeType: 'group', scopeId: null }],
    });
    expect(staff.status).toBe(201);
    expect((await admin.delete(`/v1/staff/${staff.body.id}`)).status).toBe(200);

    const answers = {
      wrongPassword: await attempt(slug, adminEmail, 'nope-nope', '198.51.100.1'),
      unknownLogin: await attempt(slug, `ghost@${slug}.test`, 'nope-nope', '198.51.100.1'),
      unknownPhone: await attempt(slug, '13900000000', 'nope-nope', '198.51.100.1'),
      disabledRightPassword: await attempt(slug, `gone@${slug}.test`, 'a-long-password-1', '198.51.100.1'),
      unknownTenant: await attempt(`no-such-${slug}`, adminEmail, 'nope-nope', '198.51.100.1'),
    };
    const reference = seen(answers.wrongPassword);
    expect(reference.status).toBe(401);
    expect(reference.body.code).toBe('invalid_credentials');
    for (const [what, res] of Object.entries(answers)) expect(seen(res), what).toEqual(reference);
  });

  it('a throttled real login and a throttled made-up login get the same 429, and neither is locked for others', async () => {
    const { slug, adminEmail, password } = await newTenant();
    at(0);
    const ghost = `ghost@${slug}.test`;
    for (let i = 0; i < 5; i++) {
      expect((await attempt(slug, adminEmail, `wrong-${i}`, '203.0.113.7')).status).toBe(401);
      expect((await attempt(slug, ghost, `wrong-${i}`, '203.0.113.8')).status).toBe(401);
    }
    const real = await attempt(slug, adminEmail, 'wrong-5', '203.0.113.7');
    const madeUp = await attempt(slug, ghost, 'wrong-5', '203.0.113.8');
    expect(seen(real)).toEqual(seen(madeUp));
    expect(real.status).toBe(429);
    expect(real.body.code).toBe('rate_limited');
    expect(real.headers.get('Retry-After')).toBe('60');
    // Throttled means unchecked: the right password from the throttled address is refused the same way.
    expect(seen(await attempt(slug, adminEmail, password, '203.0.113.7'))).toEqual(seen(real));
    // The staff member at their own address signs in at once: the account is not locked.
    expect((await attempt(slug, adminEmail, password, '192.0.2.44')).status).toBe(200);
  });
});

describe('the throttle per source', () => {
  it('grows the delay after each further failure and starts afresh after a quiet period', async () => {
    const { slug, adminEmail, password } = await newTenant();
    const from = (password: string) => attempt(slug, adminEmail, password, '198.51.100.20');
    at(0);
    for (let i = 0; i < 5; i++) expect((await from(`wrong-${i}`)).status).toBe(401);
    at(seconds(30));
    const first = await from(password);
    expect(first.status).toBe(429);
    expect(first.headers.get('Retry-After')).toBe('30'); // 1 minute after the 5th failure
    // The delay ran out: one more try, which fails and closes the source for 2 minutes.
    at(minutes(1));
    expect((await from('wrong-5')).status).toBe(401);
    const second = await from(password);
    expect(second.status).toBe(429);
    expect(second.headers.get('Retry-After')).toBe('120');
    // Quiet for 15 minutes after the delay: the count starts again and the right password works.
    at(minutes(1 + 2 + 15));
    expect((await from(password)).status).toBe(200);
  });

  it('the minute cron forgets the sources that have started afresh, and only those', async () => {
    const { slug, tenantId, adminEmail } = await newTenant();
    at(0);
    for (let i = 0; i < 5; i++) await attempt(slug, adminEmail, `wrong-${i}`, '198.51.100.40');
    at(minutes(10));
    await attempt(slug, adminEmail, 'wrong', '198.51.100.41');
    const sources = async () =>
      (
        await (
          await shardOf(tenantId)
        )
          .prepare('SELECT count(*) AS n FROM login_throttles WHERE tenant_id = ?')
          .bind(tenantId)
          .first<{ n: number }>()
      )?.n;
    expect(await sources()).toBe(2);
    vi.useRealTimers();
    // 1 minute of delay + 15 quiet for the first; the second (no delay) resets 15 minutes after it.
    await cronTick(t0.getTime() + minutes(16));
    expect(await sources()).toBe(1);
    await cronTick(t0.getTime() + minutes(25));
    expect(await sources()).toBe(0);
  });

  it('a success clears only its own source; failures sent side by side all count', async () => {
    const { slug, adminEmail, password } = await newTenant();
    at(0);
    const failures = await Promise.all(
      Array.from({ length: 7 }, (_, i) => attempt(slug, adminEmail, `wrong-${i}`, '198.51.100.30')),
    );
    // Every checked failure is counted (in one SQL statement each, however they interleave):
    // the delay is the one after exactly that many failures (60 s × 2^(n-5)).
    const counted = failures.filter((r) => r.status === 401).length;
    expect(failures.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(counted).toBeGreaterThanOrEqual(5);
    const next = await attempt(slug, adminEmail, password, '198.51.100.30');
    expect(next.status).toBe(429);
    expect(next.headers.get('Retry-After')).toBe(String(loginDelaySeconds(counted)));
    expect((await attempt(slug, adminEmail, password, '198.51.100.31')).status).toBe(200);
    expect((await attempt(slug, adminEmail, password, '198.51.100.30')).status).toBe(429);
  });

  it('a burst of logins for one identity gets 429 with Retry-After', async () => {
    const { slug } = await newTenant();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await attempt(slug, 'burst@x.test', 'whatever', '203.0.113.9');
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('Retry-After')).not.toBeNull();
    }
    expect(statuses).toContain(429);
  });
});

describe('the admin sees the attempts', () => {
  it('succeeded, failed and throttled attempts are in the audit log with who, the masked address and when', async () => {
    const { slug, tenantId, adminEmail, password, admin } = await newTenant();
    const me = await admin.get('/v1/me');
    at(0);
    for (let i = 0; i < 5; i++) await attempt(slug, adminEmail, `wrong-${i}`, '203.0.113.50');
    await attempt(slug, adminEmail, password, '203.0.113.50');
    at(seconds(5));
    await attempt(slug, `ghost@${slug}.test`, 'guess', '2001:db8:1:2::99');
    await attempt(slug, adminEmail, password, '192.0.2.60');
    vi.useRealTimers();

    const log = async (action: string) =>
      (await admin.get(`/v1/audit-log?action=${action}`)).body.data as Record<string, any>[];
    const failed = await log('auth.login.failed');
    expect(failed).toHaveLength(6);
    expect(failed.filter((e) => e.targetId === me.body.actorId)).toHaveLength(5);
    expect(failed[5]).toMatchObject({
      actorType: 'anonymous',
      actorId: null,
      targetType: 'staff',
      targetId: me.body.actorId,
      at: t0.toISOString(),
      after: { address: '203.0.113.*', login: expect.stringMatching(/^ad\*\*\*@/) },
    });
    expect(failed[0]).toMatchObject({
      targetType: 'login',
      targetId: expect.stringMatching(/^gh\*\*\*@/),
      after: { address: '2001:db8:1:*' },
    });
    const [throttled] = await log('auth.login.throttled');
    expect(throttled).toMatchObject({
      actorType: 'anonymous',
      targetId: me.body.actorId,
      after: { address: '203.0.113.*', retryAfterSeconds: 60 },
    });
    const succeeded = await log('auth.login.succeeded');
    expect(succeeded.find((e) => e.after.address === '192.0.2.*')).toMatchObject({
      actorType: 'staff',
      actorId: me.body.actorId,
      targetId: me.body.actorId,
      at: new Date(t0.getTime() + seconds(5)).toISOString(),
      after: { address: '192.0.2.*' },
    });
    // Neither the full address nor the password nor the unknown login appears anywhere.
    const all = JSON.stringify([...failed, throttled, ...succeeded]);
    for (const secret of ['203.0.113.50', '192.0.2.60', '2001:db8:1:2::99', 'wrong-', 'guess', 'ghost@'])
      expect(all).not.toContain(secret);
    expect(tenantId).toMatch(/^ten_/);
  });
});
