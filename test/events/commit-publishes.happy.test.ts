import { describe, expect, it } from 'vitest';
import { deliver, mime } from '../cases/email-support';
import { act, as, fx, hotlineRepair, intake, ownerLink } from '../cases/support';
import { call } from '../support/api';
import { bucket, eventually, outboxEvents, received, receiverUrl } from '../support/events';
import { fireAlarm, shiftCase } from '../support/sla';

/*
 * The unit of work publishes what a commit wrote, whichever edge committed it: an event of
 * public intake, an owner-link step, inbound email or the clock's own forfeit reaches an
 * integrator's webhook at once, with no outbox sweep (no cron tick runs in this file).
 */

/** A fresh receiver bucket subscribed to every case and 回访 event of the demo tenant. */
async function caseWebhook() {
  const admin = await as('tenant_admin');
  const path = bucket('uow');
  const sub = await admin.post('/v1/webhooks', {
    url: `${receiverUrl()}${path}`,
    eventTypes: ['case.*', 'followup.*'],
  });
  expect(sub.status).toBe(201);
  return path;
}

/** The webhook deliveries of one case at the receiver: event types by event id. */
async function deliveredFor(path: string, caseId: string) {
  return (await received(path))
    .map((r) => JSON.parse(r.body) as { id: string; type: string; data: { caseId?: string } })
    .filter((e) => e.data.caseId === caseId);
}

/** Waits (bounded) until every outbox event of the case is delivered; answers the delivered types. */
async function expectAllDelivered(path: string, caseId: string) {
  const written = (await outboxEvents(fx.tenantId, "json_extract(payload, '$.caseId') = ?", caseId)).filter(
    (w) => w.type.startsWith('case.') || w.type.startsWith('followup.'),
  );
  expect(written.length).toBeGreaterThan(0);
  const got = await eventually(
    () => deliveredFor(path, caseId),
    (events) => written.every((w) => events.some((e) => e.id === w.id)),
  );
  expect(got.map((e) => e.id).sort()).toEqual(expect.arrayContaining(written.map((w) => w.id)));
  return got.map((e) => e.type);
}

async function xixiKey() {
  const admin = await as('tenant_admin');
  const res = await admin.post(`/v1/projects/${fx.xixi}/channel-keys`);
  expect(res.status).toBe(201);
  return res.body as { key: string; intakePath: string; emailAddress: string };
}

describe('every commit publishes its events at once, whichever edge made it', () => {
  it('a case opened by public intake (WeChat) reaches the webhook without a sweep', async () => {
    const path = await caseWebhook();
    const { intakePath } = await xixiKey();
    const res = await call('POST', intakePath, {
      body: {
        kind: 'repair',
        channel: 'wechat',
        unitId: fx.xixiUnit(4),
        description: '公共入口：厨房下水道反味',
        category: 'plumbing.blocked_drain',
        contact: { name: '李娜', phone: '13800000004' },
      },
    });
    expect(res.status).toBe(201);
    expect(await expectAllDelivered(path, res.body.id)).toContain('case.created');
  });

  it("the owner's sign-off and rating through the owner link reach the webhook without a sweep", async () => {
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(2) }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await act(contractor, created.id, {
      type: 'record_contact',
      visitBookedFor: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await act(contractor, created.id, { type: 'arrive' });
    await act(contractor, created.id, { type: 'complete', note: '已更换' });
    const path = await caseWebhook();

    const signed = await ownerLink.signOff(created.ownerLink.token);
    expect(signed.status).toBe(200);
    const signedOff = await eventually(
      () => deliveredFor(path, created.id),
      (events) => events.some((e) => e.type === 'case.signed_off'),
    );
    expect(signedOff.map((e) => e.type)).toContain('case.signed_off');

    const rated = await ownerLink.followUp(created.ownerLink.token, { satisfaction: 5, comment: '很满意' });
    expect(rated.status).toBe(200);
    const afterRating = await eventually(
      () => deliveredFor(path, created.id),
      (events) => events.some((e) => e.type === 'followup.completed'),
    );
    expect(afterRating.map((e) => e.type)).toContain('followup.completed');
  });

  it('a case opened by inbound email reaches the webhook without a sweep', async () => {
    const path = await caseWebhook();
    const { emailAddress } = await xixiKey();
    const text = `邮件报修：阳台灯不亮 ${Date.now()}`;
    const rejected = await deliver(
      'owner1@example.com',
      emailAddress,
      mime({
        from: '王伟 <owner1@example.com>',
        to: emailAddress,
        subject: '报修：阳台灯',
        body: text,
        messageId: `<uow.${Date.now()}@example.com>`,
      }),
    );
    expect(rejected).toEqual([]);
    const admin = await as('tenant_admin');
    const [found] = (await admin.get(`/v1/cases?q=${encodeURIComponent(text)}&limit=5`)).body.data;
    expect(found?.channel).toBe('email');
    expect(await expectAllDelivered(path, found.id)).toContain('case.created');
  });

  it("the clock's forfeit of a contractor's job reaches the webhook without a sweep", async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5) }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const path = await caseWebhook();
    // Dispatched 31 minutes ago: the alarm breaches the contact deadline and forfeits the job.
    await shiftCase(fx.tenantId, created.id, -31);
    expect(await fireAlarm(fx.tenantId, created.id)).toBe(true);
    expect((await hotline.get(`/v1/cases/${created.id}`)).body.status).toBe('forfeited');
    const got = await eventually(
      () => deliveredFor(path, created.id),
      (events) => events.some((e) => e.type === 'case.forfeited'),
    );
    expect(got.map((e) => e.type)).toContain('case.forfeited');
  });
});
