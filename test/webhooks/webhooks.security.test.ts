import { describe, expect, it } from 'vitest';
import { bucket, receiverUrl } from '../support/events';
import { newTenant } from '../support/tenants';

describe('webhook security', () => {
  it.each([
    'http://10.0.0.5/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://192.168.1.1/hook',
    'http://[fd00::1]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    // IPv6 forms carrying a private IPv4 address, refused though loopback is allowed in tests.
    'http://[::127.0.0.1]/hook', // IPv4-compatible loopback
    'http://[::ffff:127.0.0.1]/hook', // IPv4-mapped loopback
    'http://[2002:a9fe:a9fe::]/latest/meta-data', // 6to4 of 169.254.169.254
    'http://[64:ff9b::a9fe:a9fe]/latest/meta-data', // NAT64 of 169.254.169.254
    'http://[2001:0:a9fe:a9fe::ffff:ffff]/hook', // Teredo, server 169.254.169.254
    'http://[2001:db8::1]/hook', // documentation
    'http://0xa9.0xfe.0xa9.0xfe/latest/meta-data', // hex parts
    'http://2852039166/latest/meta-data', // one decimal number
    'http://012.0.0.1/hook', // octal
    'https://user:pw@example.com/hook',
  ])('an endpoint at %s is refused (SSRF guard)', async (url) => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/webhooks', { url, eventTypes: ['*'] });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('url');
  });

  it("another tenant's webhooks, deliveries and inbox messages answer 404", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const sub = await a.admin.post('/v1/webhooks', { url: `${receiverUrl()}${bucket()}`, eventTypes: ['*'] });
    expect((await b.admin.get(`/v1/webhooks/${sub.body.id}`)).status).toBe(404);
    expect((await b.admin.get(`/v1/webhooks/${sub.body.id}/deliveries`)).status).toBe(404);
    expect((await b.admin.post(`/v1/webhooks/${sub.body.id}/rotate-secret`, {})).status).toBe(404);
    expect((await b.admin.post('/v1/inbox/inb_nothere/read')).status).toBe(404);
  });

  it('the signing secret is shown once and never in reads or lists', async () => {
    const { admin } = await newTenant();
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${bucket()}`,
      eventTypes: ['case.*'],
    });
    const read = await admin.get(`/v1/webhooks/${sub.body.id}`);
    const list = await admin.get('/v1/webhooks');
    expect(JSON.stringify(read.body) + JSON.stringify(list.body)).not.toContain('whsec_');
  });

  it('an unknown event type filter answers 400', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${bucket()}`,
      eventTypes: ['cases.*'],
    });
    expect(res.status).toBe(400);
  });
});
