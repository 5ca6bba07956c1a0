import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliver, mime } from '../cases/email-support';
import { call, client, platformSecret } from '../support/api';
import { bucket, eventually, outboxEvents, received, receiverUrl, runQueue } from '../support/events';
import { newEstate, newTenant } from '../support/tenants';
import { loadOperations } from './openapi';

/**
 * No token, key, secret, password or owner phone in any log line: one whole run of the API
 * (every documented operation once, the owner-link page, public intake, email intake and reply,
 * a webhook delivery, provider sends) with every line the Worker writes captured at its sink.
 */

const lines: string[] = [];
function capture() {
  const keep = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
  vi.spyOn(console, 'warn').mockImplementation(keep);
  vi.spyOn(console, 'info').mockImplementation(keep);
}

afterEach(() => vi.restoreAllMocks());

/** Fills a documented path: the secrets it takes are the real ones, ids are made up. */
function fill(path: string, secrets: { ownerLink: string; channelKey: string }) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'token' ? secrets.ownerLink : /key/i.test(name) ? secrets.channelKey : `x_${name}000000000001`,
  );
}

describe('a whole run leaves no secret in the logs', () => {
  it('every route, the owner pages, public and email intake, a webhook and provider sends', async () => {
    const level = env.LOG_LEVEL;
    env.LOG_LEVEL = 'info'; // the tests run at warn; request lines are info
    capture();
    const phone = `139${Date.now().toString().slice(-8)}`;
    const wechatToken = `wx-access-${crypto.randomUUID()}`;
    const providerKey = `provider-key-${crypto.randomUUID()}`;
    const openId = `oLogMask${Date.now().toString(36)}`;
    try {
      const t = await newTenant('Log Mask Group');
      const estate = await newEstate(t.admin);
      const refresh = await call('POST', '/v1/auth/login', {
        body: { tenant: t.slug, login: t.adminEmail, password: t.password },
      });
      const apiKey = (
        await t.admin.post('/v1/api-keys', {
          name: '停车系统',
          grants: [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }],
        })
      ).body.key as string;
      expect((await client(apiKey).get('/v1/units')).status).toBe(200);
      const hooks = bucket('hooks');
      const webhook = await t.admin.post('/v1/webhooks', {
        url: `${receiverUrl()}${hooks}`,
        eventTypes: ['case.*'],
      });
      const mail = bucket('mail');
      for (const [kind, url, credentials] of [
        ['email', `${receiverUrl()}${mail}`, { apiKey: providerKey }],
        ['sms', `${receiverUrl()}${bucket('sms')}`, { apiKey: providerKey }],
        ['wechat', `${receiverUrl()}${bucket('wx')}`, { accessToken: wechatToken }],
      ] as const) {
        expect(
          (
            await t.admin.post('/v1/notification-channels', {
              kind,
              endpointUrl: url,
              credentials,
              enabled: true,
            })
          ).status,
        ).toBe(201);
      }
      const owner = await t.admin.post('/v1/owners', { name: '欧阳娜娜', phone, wechatOpenId: openId });
      expect(owner.status).toBe(201);
      const key = (await t.admin.post(`/v1/projects/${estate.projectId}/channel-keys`)).body.key as string;

      // Public intake, the owner-link API and page.
      const intake = await call('POST', `/public/v1/intake/${key}`, {
        body: {
          kind: 'repair',
          channel: 'web',
          unitId: estate.unitId,
          description: `厨房漏水，电话 ${phone}`,
          category: 'plumbing',
          contact: { name: '欧阳娜娜', phone, email: 'owner.mask@example.test' },
        },
      });
      expect(intake.status).toBe(201);
      const ownerLink = intake.body.ownerLink.token as string;
      expect((await call('GET', `/public/v1/owner-link/${ownerLink}`)).status).toBe(200);
      await call('GET', `/owner-link/${ownerLink}`);
      await call('GET', `/public/v1/owner-link/${ownerLink}?token=${ownerLink}&code=123456`);

      // A staff case for the owner record (their WeChat OpenID), then the provider sends.
      await t.admin.post('/v1/cases', {
        kind: 'repair',
        channel: 'hotline',
        projectId: estate.projectId,
        unitId: estate.unitId,
        ownerId: owner.body.id,
        description: '卫生间漏水',
        category: 'plumbing',
        contact: { name: '欧阳娜娜', phone },
      });
      const events = await outboxEvents(t.tenantId, "type LIKE 'case.%'");
      await runQueue(
        'guanjia-events',
        events.map((body, i) => ({ id: `m${i}`, body })),
      );
      const sent = await eventually(
        () => received(mail),
        (r) => r.length > 0,
      );
      const replyTo = JSON.parse(sent[0]?.body ?? '{}').reply_to as string;
      expect(replyTo).toMatch(/^gjm_/);
      await eventually(
        () => received(hooks),
        (r) => r.length > 0,
      );

      // Email intake and the owner's reply through the case's reply address.
      await deliver(
        'owner.mask@example.test',
        replyTo,
        mime({
          from: 'owner.mask@example.test',
          to: replyTo,
          subject: '补充',
          body: `我的电话 ${phone}`,
          messageId: `<mask.${Date.now()}@example.test>`,
        }),
      );
      await deliver(
        'stranger@example.test',
        `${key}@intake.guanjia.dev`,
        mime({
          from: 'stranger@example.test',
          to: `${key}@intake.guanjia.dev`,
          subject: '咨询',
          body: '你好',
          messageId: `<mask2.${Date.now()}@example.test>`,
        }),
      );

      // Every documented operation once, with the tenant admin (or the platform secret).
      const { operations } = await loadOperations();
      for (const op of operations) {
        const path = fill(op.path, { ownerLink, channelKey: key });
        const token = !op.secured ? undefined : path.startsWith('/platform') ? platformSecret : t.admin.token;
        await call(op.method.toUpperCase(), path, {
          token,
          ...(op.hasJsonBody && { body: { password: t.password, secret: 'whsec_x', token: ownerLink } }),
        });
      }

      const secrets: Record<string, string> = {
        'access token': t.admin.token,
        'refresh token': refresh.body.refreshToken,
        password: t.password,
        'api key': apiKey,
        'api key secret part': apiKey.split('_').pop() as string,
        'webhook secret': webhook.body.secret,
        'channel key': key,
        'channel key secret part': key.split('_').pop() as string,
        'owner link': ownerLink,
        'reply token': replyTo.split('@')[0] as string,
        'reply token secret part': (replyTo.split('@')[0] as string).split('_').pop() as string,
        'platform secret': platformSecret,
        'provider api key': providerKey,
        'wechat access token': wechatToken,
        'owner phone': phone,
      };
      const requestLines = lines.filter((l) => l.includes('"message":"request"'));
      expect(requestLines.length).toBeGreaterThanOrEqual(operations.length);
      for (const line of lines) {
        for (const [what, secret] of Object.entries(secrets)) {
          expect(line.includes(secret), `${what} in: ${line.slice(0, 300)}`).toBe(false);
        }
      }
      expect(requestLines.some((l) => l.includes('/public/v1/owner-link/[redacted]'))).toBe(true);
      expect(requestLines.some((l) => l.includes('/public/v1/intake/[redacted]'))).toBe(true);
    } finally {
      env.LOG_LEVEL = level;
      vi.restoreAllMocks();
    }
  }, 120_000);
});
