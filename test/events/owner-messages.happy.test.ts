import { localDateTime } from '@guanjia/core/events/owner-messages';
import { describe, expect, it } from 'vitest';
import { act, as, fx, hotlineRepair, intake, ownerLink } from '../cases/support';
import type { Client } from '../support/api';
import { bucket, eventually, outboxEvents, received, receiverUrl, rows, runQueue } from '../support/events';

/** Runs the events queue consumer on these envelopes, as the queue would deliver them. */
const consume = (bodies: unknown[]) =>
  runQueue(
    'guanjia-events',
    bodies.map((body, i) => ({ id: `m${i}`, body })),
  );

/** Points the tenant's provider channel of `kind` at `url` (creating it, or moving it if it exists). */
async function configure(admin: Client, kind: string, url: string, sender: Record<string, string>) {
  const body = { endpointUrl: url, credentials: { apiKey: `${kind}-key` }, sender, enabled: true };
  const created = await admin.post('/v1/notification-channels', { kind, ...body });
  if (created.status === 201) return;
  const existing = (await admin.get('/v1/notification-channels')).body.data.find(
    (c: { kind: string }) => c.kind === kind,
  );
  expect((await admin.patch(`/v1/notification-channels/${existing.id}`, body)).status).toBe(200);
}

const ownerTemplates = [
  'case.received',
  'case.dispatched',
  'case.appointment',
  'case.completed',
  'followup.link',
];

describe('owner messages, end to end', () => {
  it('a repair from intake to completion tells the owner by SMS and email: archive number, contractor, visit time, owner link; unconfigured WeChat is recorded as skipped', async () => {
    const admin = await as('tenant_admin');
    const smsPath = bucket('sms');
    const mailPath = bucket('mail');
    await configure(admin, 'sms', `${receiverUrl()}${smsPath}`, { sign: '管家物业' });
    await configure(admin, 'email', `${receiverUrl()}${mailPath}`, { from: 'service@demo.guanjia.dev' });
    const stamp = Date.now().toString().slice(-8);
    const phone = `139${stamp}`;
    const email = `owner.${stamp}@example.test`;

    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const created = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(4), contact: { name: '周女士', phone, email } }),
    );
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const visit = new Date(Math.ceil((Date.now() + 26 * 3_600_000) / 60_000) * 60_000);
    await act(contractor, created.id, { type: 'record_contact', visitBookedFor: visit.toISOString() });
    await act(contractor, created.id, { type: 'arrive' });
    await act(contractor, created.id, { type: 'complete', note: '更换角阀' });

    // The case's events from the outbox, plus the follow-up reminder as the SLA clock emits it.
    const events = await outboxEvents(fx.tenantId, "json_extract(payload, '$.caseId') = ?", created.id);
    const completedEvent = events.find((e) => e.type === 'case.completed');
    const followup = {
      ...completedEvent,
      id: `evt_fu${stamp}`,
      type: 'followup.due',
      data: { ...completedEvent?.data, dueAt: new Date().toISOString() },
    };
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.created', 'case.dispatched', 'case.contacted', 'case.completed']),
    );
    await consume([...events, followup]);

    // SMS: one per owner message, to the contact's number, through the gateway's API shape.
    const sms = (
      await eventually(
        () => received(smsPath),
        (r) => r.filter((m) => JSON.parse(m.body).to === phone).length >= ownerTemplates.length,
      )
    )
      .map((m) => ({ headers: m.headers, ...JSON.parse(m.body) }))
      .filter((m) => m.to === phone);
    expect(sms.map((m) => m.template).sort()).toEqual([...ownerTemplates].sort());
    const byTemplate = Object.fromEntries(sms.map((m) => [m.template, m]));
    expect(byTemplate['case.received']).toMatchObject({
      sign: '管家物业',
      params: { archiveNo: created.archiveNo },
      text: expect.stringContaining(`档案编号 ${created.archiveNo}`),
      headers: expect.objectContaining({ authorization: 'Bearer sms-key' }),
    });
    const contractorName = (await admin.get(`/v1/contractors/${fx.contractor1}`)).body.name;
    expect(byTemplate['case.dispatched'].text).toContain(contractorName);
    const visitTime = localDateTime(visit, 'Asia/Shanghai');
    expect(byTemplate['case.appointment'].params).toMatchObject({
      archiveNo: created.archiveNo,
      visitTime,
      visitAt: visit.toISOString(),
    });
    expect(byTemplate['case.appointment'].text).toContain(`预约 ${visitTime} 上门`);
    for (const t of ['case.completed', 'followup.link']) {
      expect(byTemplate[t].text).toContain(created.archiveNo);
      expect(byTemplate[t].params.link).toMatch(/\/owner-link\/[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(byTemplate[t].text).toContain(byTemplate[t].params.link);
    }
    // The follow-up link works: it opens this case on the owner page, ready to be rated.
    const token = String(byTemplate['followup.link'].params.link).split('/owner-link/')[1] ?? '';
    const page = await ownerLink.view(token);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ archiveNo: created.archiveNo, status: 'completed' });
    expect(page.body.allowedActions).toContain('follow_up');

    // Email: the same messages to the contact's address.
    const mails = (
      await eventually(
        () => received(mailPath),
        (r) => r.filter((m) => JSON.parse(m.body).to.includes(email)).length >= ownerTemplates.length,
      )
    )
      .map((m) => JSON.parse(m.body))
      .filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(ownerTemplates.length);
    expect(mails.every((m) => m.from === 'service@demo.guanjia.dev')).toBe(true);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([`已受理 ${created.archiveNo}`, `预约上门 ${created.archiveNo}`]),
    );

    // WeChat is not configured: recorded as skipped with why, once per message.
    const ownerEventIds = [...events.filter((e) => e.type !== 'case.updated'), followup].map(
      (e) => e.id as string,
    );
    const log = await rows<{
      source_id: string;
      kind: string;
      status: string;
      reason: string | null;
      recipient_type: string;
    }>(
      `SELECT source_id, kind, status, reason, recipient_type FROM notification_deliveries WHERE tenant_id = ? AND source_id IN (${ownerEventIds.map(() => '?').join(',')})`,
      fx.tenantId,
      ...ownerEventIds,
    );
    const wechat = log.filter((l) => l.kind === 'wechat');
    expect(wechat).toHaveLength(ownerTemplates.length);
    expect(wechat.every((l) => l.status === 'skipped' && l.reason === 'channel_not_configured')).toBe(true);
    // The owner's messages (the contractor and the first-ask owner hear of the same events too).
    expect(
      log.filter((l) => l.kind === 'sms' && l.status === 'sent' && l.recipient_type === 'owner'),
    ).toHaveLength(ownerTemplates.length);
    const viaApi = (await admin.get(`/v1/notifications?sourceId=${followup.id}`)).body.data;
    expect(viaApi).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'wechat', status: 'skipped', reason: 'channel_not_configured' }),
        expect.objectContaining({ kind: 'sms', status: 'sent', template: 'followup.link' }),
      ]),
    );

    // The same events again (a redelivery) send nothing more.
    const again = await consume([...events, followup]);
    expect(again.retryMessages).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await received(smsPath)).filter((m) => JSON.parse(m.body).to === phone)).toHaveLength(
      ownerTemplates.length,
    );
  });
});

describe('owner messages under duplicate delivery', () => {
  it('the same event handled by consumers side by side reaches the owner once', async () => {
    const admin = await as('tenant_admin');
    const smsPath = bucket('sms');
    await configure(admin, 'sms', `${receiverUrl()}${smsPath}`, { sign: '管家物业' });
    const phone = `137${Date.now().toString().slice(-8)}`;
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(4), contact: { phone } }));
    const [row] = await rows<Record<string, unknown>>(
      `SELECT * FROM outbox_events WHERE tenant_id = ? AND type = 'case.created' AND json_extract(payload, '$.caseId') = ?`,
      fx.tenantId,
      created.id,
    );
    const event = {
      id: row?.id,
      type: 'case.created',
      version: 1,
      tenantId: fx.tenantId,
      occurredAt: new Date(Number(row?.occurred_at)).toISOString(),
      branchId: row?.branch_id,
      projectId: row?.project_id,
      data: JSON.parse(String(row?.payload)),
    };
    await Promise.all([consume([event]), consume([event]), consume([event])]);
    const got = await eventually(
      () => received(smsPath),
      (r) => r.some((m) => JSON.parse(m.body).to === phone),
    );
    await new Promise((r) => setTimeout(r, 1000)); // let a stray duplicate arrive before counting
    const mine = (await received(smsPath)).filter((m) => JSON.parse(m.body).to === phone);
    expect(got.length).toBeGreaterThan(0);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]?.body ?? '{}').params.archiveNo).toBe(created.archiveNo);
  });
});
