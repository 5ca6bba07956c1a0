import { env } from 'cloudflare:test';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { surveyLinkSends } from '../../workers/app/satisfaction';
import { demoAt, demoReady, realTime, setNow } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { shardOf } from '../support/shards';
import { systemScopeAt } from '../support/sla';
import { demo } from '../support/staff';
import { answer, createCampaign, invitations, linkOf, ratings } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

const reminderEvents = (campaignId: string) =>
  rows<{ id: string; payload: string; occurred_at: number }>(
    "SELECT id, payload, occurred_at FROM outbox_events WHERE tenant_id = ? AND type = 'survey.campaign_reminded' AND json_extract(payload, '$.campaignId') = ?",
    demo.tenantId,
    campaignId,
  );

async function tick(iso: string) {
  setNow(iso);
  await cronTick(new Date(iso));
}

async function setReminder(reminder: Record<string, unknown> | null) {
  const db = await shardOf(demo.tenantId);
  await db
    .prepare(
      reminder
        ? "UPDATE tenants SET settings = json_set(json_set(settings, '$.satisfaction', json(coalesce(json_extract(settings, '$.satisfaction'), '{}'))), '$.satisfaction.reminder', json(?)) WHERE id = ?"
        : "UPDATE tenants SET settings = json_remove(settings, '$.satisfaction.reminder') WHERE id = ?",
    )
    .bind(...(reminder ? [JSON.stringify(reminder), demo.tenantId] : [demo.tenantId]))
    .run();
}

describe('a survey reminder to owners who have not answered', () => {
  afterEach(() => setReminder(null));

  it('goes out once, 3 working days before the close, to the unanswered owners only, with their own link', async () => {
    setNow('2026-12-02T02:00:00Z');
    const admin = await demoAt('tenant_admin');
    // Opens Monday 7 Dec, closes Sunday 13 Dec: reminded Wednesday 9 Dec (Fri 11, Thu 10, Wed 9).
    const campaign = await createCampaign(admin, { title: '提醒测试' });
    await tick('2026-12-07T01:00:00Z');
    const invited = await invitations(campaign.id);
    expect(invited).toHaveLength(12);
    const [first, second] = invited;
    if (!first || !second) throw new Error('no invitations');
    expect((await answer(await linkOf(first.id), ratings(4))).status).toBe(200);

    // Tuesday 8 Dec: too early.
    await tick('2026-12-08T01:00:00Z');
    expect(await reminderEvents(campaign.id)).toHaveLength(0);

    // Wednesday 9 Dec, 09:00 in Shanghai: one reminder, to the 11 who have not answered.
    await tick('2026-12-09T01:00:00Z');
    const [event, ...more] = await reminderEvents(campaign.id);
    expect(more).toHaveLength(0);
    const payload = JSON.parse(event?.payload ?? '{}');
    expect(payload).toMatchObject({ reminders: 11, closesOn: '2026-12-13', channels: ['sms'] });
    const marked = await rows<{ id: string; reminded_at: number | null }>(
      'SELECT id, reminded_at FROM survey_invitations WHERE tenant_id = ? AND campaign_id = ? ORDER BY id',
      demo.tenantId,
      campaign.id,
    );
    expect(marked.find((m) => m.id === first.id)?.reminded_at).toBeNull();
    expect(marked.filter((m) => m.reminded_at !== null)).toHaveLength(11);

    // An owner who answers before the message goes out is not sent it; the others get their own link.
    expect((await answer(await linkOf(second.id), ratings(5))).status).toBe(200);
    const envelope = {
      id: event?.id ?? '',
      type: 'survey.campaign_reminded',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date(event?.occurred_at ?? 0).toISOString(),
      branchId: null,
      projectId: null,
      data: payload,
    } as EventEnvelope;
    const sends = await surveyLinkSends(env, await systemScopeAt(demo.tenantId, new Date()), envelope);
    expect(sends).toHaveLength(10);
    const third = invited[2];
    if (!third) throw new Error('no third invitation');
    const token = await linkOf(third.id);
    const toThird = sends.find((s) => s.message.link?.includes(token));
    expect(toThird?.message).toMatchObject({ template: 'survey.reminder' });
    expect(toThird?.message.text).toContain('2026-12-13 截止');
    expect(sends.every((s) => s.recipients.length === 1)).toBe(true);

    // Later ticks remind nobody again.
    await tick('2026-12-10T01:00:00Z');
    await tick('2026-12-11T01:00:00Z');
    expect(await reminderEvents(campaign.id)).toHaveLength(1);
    await admin.post(`/v1/satisfaction/campaigns/${campaign.id}/cancel`);
  });

  it('follows the tenant setting: not at all, or one working day before', async () => {
    setNow('2026-12-02T02:00:00Z');
    const admin = await demoAt('tenant_admin');
    const off = await createCampaign(admin, { title: '不提醒' });
    const late = await createCampaign(admin, { title: '前一天提醒' });
    await setReminder({ enabled: false, workingDaysBefore: 3 });
    await tick('2026-12-07T01:00:00Z');
    await tick('2026-12-09T01:00:00Z');
    await tick('2026-12-10T01:00:00Z');
    expect(await reminderEvents(off.id)).toHaveLength(0);
    expect(await reminderEvents(late.id)).toHaveLength(0);
    await admin.post(`/v1/satisfaction/campaigns/${off.id}/cancel`);

    await setReminder({ enabled: true, workingDaysBefore: 1 });
    await tick('2026-12-10T02:00:00Z');
    expect(await reminderEvents(late.id)).toHaveLength(0);
    // Friday 11 Dec is the working day before the Sunday close.
    await tick('2026-12-11T01:00:00Z');
    expect(await reminderEvents(late.id)).toHaveLength(1);
    await admin.post(`/v1/satisfaction/campaigns/${late.id}/cancel`);
  });
});
