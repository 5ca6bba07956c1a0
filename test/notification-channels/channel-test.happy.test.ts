import { describe, expect, it } from 'vitest';
import { bucket, received, receiverUrl, rows } from '../support/events';
import { newTenant } from '../support/tenants';

describe('a channel test send', () => {
  it('sends one real SMS through the gateway as configured and answers what the gateway said; the test is in the audit log', async () => {
    const { admin } = await newTenant('Channel Test Group');
    const path = bucket('sms-test');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'sms',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { apiKey: 'sms-test-key' },
      sender: { sign: '测试物业' },
    });
    expect(channel.status).toBe(201);

    const test = await admin.post(`/v1/notification-channels/${channel.body.id}/test`, {
      to: '+86 138-0000-1111',
    });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      channelId: channel.body.id,
      kind: 'sms',
      ok: true,
      statusCode: 200,
      reason: null,
      responseExcerpt: 'ok',
    });
    expect(test.body.to).not.toContain('13800001111');

    const calls = await received(path);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe('Bearer sms-test-key');
    const sent = JSON.parse(calls[0]?.body ?? '{}');
    expect(sent).toMatchObject({ to: '13800001111', sign: '测试物业', template: 'channel_test' });

    const log = await admin.get(`/v1/audit-log?action=notification_channels.test&limit=10`);
    expect(log.status).toBe(200);
    const entry = log.body.data.find((e: { targetId: string }) => e.targetId === channel.body.id);
    expect(entry?.after).toMatchObject({ kind: 'sms', statusCode: 200, reason: null });
    expect(JSON.stringify(entry)).not.toContain('13800001111');
    expect(
      JSON.stringify(await rows('SELECT * FROM audit_log WHERE target_id = ?', channel.body.id)),
    ).not.toContain('sms-test-key');
  });

  it('a gateway that refuses answers ok false with its status and the start of its answer; WeChat goes to the OpenID with the access token', async () => {
    const { admin } = await newTenant('Channel Test Group');
    const failing = bucket('fail/503');
    const email = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `${receiverUrl()}${failing}`,
      credentials: { apiKey: 'k' },
      sender: { from: 'service@example.test' },
    });
    const refused = await admin.post(`/v1/notification-channels/${email.body.id}/test`, {
      to: 'gm@example.test',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, statusCode: 503, reason: 'HTTP 503' });
    expect(refused.body.responseExcerpt).toContain('failing on purpose');
    expect(refused.body.responseExcerpt.length).toBeLessThanOrEqual(1024);

    const path = bucket('wechat-test');
    const wechat = await admin.post('/v1/notification-channels', {
      kind: 'wechat',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { accessToken: 'wx-token' },
    });
    const test = await admin.post(`/v1/notification-channels/${wechat.body.id}/test`, {
      to: 'oWx_test_openid_1',
    });
    expect(test.body).toMatchObject({ ok: true, statusCode: 200 });
    const calls = await received(path);
    expect(calls[0]?.path).toContain('access_token=wx-token');
    expect(JSON.parse(calls[0]?.body ?? '{}').touser).toBe('oWx_test_openid_1');
  });
});
