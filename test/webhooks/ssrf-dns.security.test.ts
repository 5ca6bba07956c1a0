import { describe, expect, it } from 'vitest';
import { dnsRecords, rows, runQueue } from '../support/events';
import { newTenant } from '../support/tenants';

// The Worker's DNS_RESOLVER_URL points at the local receiver, which answers the records set here.
let counter = 0;
const hostName = (label: string) => {
  counter += 1;
  return `${label}-${Date.now().toString(36)}${counter}.hooks.test`;
};
const publicAddress = '93.184.216.34';

describe('SSRF guard on resolved addresses', () => {
  it.each([
    ['resolves to 10.0.0.5', { A: ['10.0.0.5'] }, '10.0.0.5'],
    ['resolves to the metadata address', { A: ['169.254.169.254'] }, '169.254.169.254'],
    ['has a public A but a private AAAA', { A: [publicAddress], AAAA: ['fd00::1'] }, 'fd00::1'],
    ['resolves to nothing (NXDOMAIN)', {}, 'does not resolve'],
    ['meets a failing resolver (SERVFAIL)', { status: 2 }, 'SERVFAIL'],
    ['meets a resolver that is down (HTTP 502)', { httpStatus: 502 }, 'HTTP 502'],
  ])(
    'a webhook URL whose name %s is refused with a 400 naming the url field',
    async (_what, records, says) => {
      const { admin } = await newTenant();
      const name = hostName('bad');
      if (Object.keys(records).length) await dnsRecords(name, records);
      const res = await admin.post('/v1/webhooks', { url: `https://${name}/hook`, eventTypes: ['*'] });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.issues).toEqual([{ path: 'url', message: expect.stringContaining(says) }]);
      expect((await admin.get('/v1/webhooks')).body.data).toEqual([]);
    },
  );

  it('a name resolving to public addresses is accepted; loopback by name only with WEBHOOK_ALLOW_LOOPBACK (tests)', async () => {
    const { admin } = await newTenant();
    const name = hostName('ok');
    await dnsRecords(name, { A: [publicAddress], AAAA: ['2606:2800:220:1:248:1893:25c8:1946'] });
    const ok = await admin.post('/v1/webhooks', { url: `https://${name}/hook`, eventTypes: ['case.closed'] });
    expect(ok.status).toBe(201);
    expect(ok.body.url).toBe(`https://${name}/hook`);
    const local = hostName('local');
    await dnsRecords(local, { A: ['127.0.0.1'] });
    expect(
      (await admin.post('/v1/webhooks', { url: `http://${local}/hook`, eventTypes: ['case.closed'] })).status,
    ).toBe(201);
  });

  it('an update to a URL whose name resolves to a private address is refused and changes nothing', async () => {
    const { admin } = await newTenant();
    const good = hostName('good');
    const bad = hostName('internal');
    await dnsRecords(good, { A: [publicAddress] });
    await dnsRecords(bad, { A: ['192.168.1.20'] });
    const sub = await admin.post('/v1/webhooks', {
      url: `https://${good}/hook`,
      eventTypes: ['case.closed'],
    });
    const res = await admin.patch(`/v1/webhooks/${sub.body.id}`, { url: `https://${bad}/hook` });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({
      path: 'url',
      message: expect.stringContaining('192.168.1.20'),
    });
    expect((await admin.get(`/v1/webhooks/${sub.body.id}`)).body.url).toBe(`https://${good}/hook`);
  });

  it('DNS rebinding: a webhook name re-pointed at a private address after it was saved is refused at send time', async () => {
    const { admin } = await newTenant();
    const name = hostName('rebind');
    await dnsRecords(name, { A: [publicAddress] });
    const sub = await admin.post('/v1/webhooks', {
      url: `https://${name}/hook`,
      eventTypes: ['case.closed'],
    });
    expect(sub.status).toBe(201);
    await dnsRecords(name, { A: ['10.0.0.5'] });
    const ping = await admin.post(`/v1/webhooks/${sub.body.id}/ping`);
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('10.0.0.5'),
    });
    expect(ping.body.error).toMatch(/^Refused: /);
  });

  it('provider channels: a private name is refused at save, and one re-pointed later is recorded as refused at send', async () => {
    const { admin, tenantId } = await newTenant();
    const internal = hostName('mail-internal');
    await dnsRecords(internal, { A: ['10.20.30.40'] });
    const refused = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `https://${internal}/send`,
      credentials: { apiKey: 'k' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]).toMatchObject({
      path: 'endpointUrl',
      message: expect.stringContaining('10.20.30.40'),
    });

    const api = hostName('mail');
    await dnsRecords(api, { A: [publicAddress] });
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `https://${api}/send`,
      credentials: { apiKey: 'k' },
    });
    expect(channel.status).toBe(201);
    await dnsRecords(api, { A: ['169.254.169.254'] });

    // The admin is assigned a case: the staff email goes nowhere, and the log says why.
    const me = await admin.get('/v1/me');
    const event = {
      id: `evt_ssrf${Date.now().toString(36)}`,
      type: 'case.assigned',
      version: 1,
      tenantId,
      occurredAt: new Date().toISOString(),
      branchId: null,
      projectId: null,
      data: {
        caseId: 'case_ssrf',
        archiveNo: '20261201009',
        kind: 'repair',
        status: 'dispatched',
        branchId: 'br_x',
        projectId: 'prj_x',
        assigneeId: me.body.actorId,
      },
    };
    expect((await runQueue('guanjia-events', [{ id: 'm', body: event }])).explicitAcks).toEqual(['m']);
    const [mail] = await rows<{ status: string; reason: string }>(
      "select status, reason from notification_deliveries where tenant_id = ? and source_id = ? and kind = 'email'",
      tenantId,
      event.id,
    );
    expect(mail?.status).toBe('skipped');
    expect(mail?.reason).toMatch(/^endpoint_refused: .*169\.254\.169\.254/);
  });
});
