import { describe, expect, it } from 'vitest';
import type { Client } from '../support/api';
import {
  bucket,
  eventually,
  outboxEvents,
  type Received,
  received,
  receiverUrl,
  rows,
  runQueue,
} from '../support/events';
import { newEstate, newTenant } from '../support/tenants';

const openId = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';

/** The tenant's outbox events matching `where`, as the queue carries them. */
const consume = (bodies: unknown[]) =>
  runQueue(
    'guanjia-events',
    bodies.map((body, i) => ({ id: `w${i}`, body })),
  );

async function ownerWith(admin: Client, unitId: string, phone: string, wechatOpenId?: string) {
  const res = await admin.post('/v1/owners', {
    name: '业主',
    phone,
    ...(wechatOpenId ? { wechatOpenId } : {}),
    units: [{ unitId, relation: 'owner' }],
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const wechatFor = (got: Received[], touser: string) =>
  got
    .map((m) => ({ path: m.path, ...JSON.parse(m.body) }))
    .filter((m: { touser?: string }) => m.touser === touser);

describe('owner messages over WeChat (微信公众号模板消息)', () => {
  it('an owner with an OpenID gets the template message through the tenant channel; one without is recorded as skipped (no_wechat_openid)', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const otherUnit = await admin.post('/v1/units', { buildingId: estate.buildingId, number: '1-102' });
    const path = bucket('wechat');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'wechat',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { accessToken: 'wx-access-token' },
      sender: { 'template.case.received': 'TPL_CASE_RECEIVED', 'template.notice': 'TPL_NOTICE' },
      enabled: true,
    });
    expect(channel.status).toBe(201);

    const withId = await ownerWith(admin, estate.unitId, '13912340001', openId);
    const without = await ownerWith(admin, otherUnit.body.id, '13912340002');
    const report = (unitId: string, ownerId: string) =>
      admin.post('/v1/cases', {
        kind: 'repair',
        channel: 'hotline',
        projectId: estate.projectId,
        unitId,
        ownerId,
        description: '卫生间水管漏水',
        category: 'plumbing',
        urgency: 'normal',
      });
    const caseA = await report(estate.unitId, withId);
    const caseB = await report(otherUnit.body.id, without);
    expect([caseA.status, caseB.status]).toEqual([201, 201]);

    const created = await outboxEvents(
      tenantId,
      `type = 'case.created' AND json_extract(payload, '$.caseId') IN (?, ?)`,
      caseA.body.id,
      caseB.body.id,
    );
    expect(created).toHaveLength(2);
    await consume(created);

    // Over real HTTP, in the 公众号 API's shape: access_token in the query, touser = the OpenID.
    const got = await eventually(
      () => received(path),
      (r) => wechatFor(r, openId).length >= 1,
    );
    const [message, ...more] = wechatFor(got, openId);
    expect(more).toEqual([]);
    expect(message.path).toBe(`${path}?access_token=wx-access-token`);
    expect(message).toMatchObject({
      touser: openId,
      template_id: 'TPL_CASE_RECEIVED',
      data: { archiveNo: { value: caseA.body.archiveNo } },
    });
    // Only the owner with an OpenID was sent to.
    expect(got.map((m) => JSON.parse(m.body).touser)).toEqual([openId]);

    const log = await rows<{
      source_id: string;
      recipient_id: string;
      status: string;
      reason: string | null;
      address: string | null;
    }>(
      `SELECT source_id, recipient_id, status, reason, address FROM notification_deliveries
       WHERE tenant_id = ? AND kind = 'wechat' AND source_id IN (?, ?)`,
      tenantId,
      ...created.map((e) => e.id),
    );
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient_id: withId, status: 'sent', address: 'o6_b***' }),
        expect.objectContaining({ recipient_id: without, status: 'skipped', reason: 'no_wechat_openid' }),
      ]),
    );
    expect(log).toHaveLength(2);

    // A notice to the project reaches its owners the same way (the queue's owner recipients).
    const notice = await admin.post('/v1/notices', {
      projectId: estate.projectId,
      title: '停水通知',
      body: '明日 9:00–12:00 停水检修。',
    });
    expect(notice.status).toBe(201);
    expect((await admin.post(`/v1/notices/${notice.body.id}/publish`, {})).status).toBe(200);
    const published = await outboxEvents(
      tenantId,
      `type = 'notice.published' AND json_extract(payload, '$.noticeId') = ?`,
      notice.body.id,
    );
    expect(published).toHaveLength(1);
    await consume(published);
    const afterNotice = await eventually(
      () => received(path),
      (r) => wechatFor(r, openId).some((m: { template_id: string }) => m.template_id === 'TPL_NOTICE'),
    );
    expect(
      wechatFor(afterNotice, openId).find((m: { template_id: string }) => m.template_id === 'TPL_NOTICE'),
    ).toMatchObject({
      data: { title: { value: '停水通知' } },
    });
    const noticeLog = await rows<{ recipient_id: string; status: string; reason: string | null }>(
      `SELECT recipient_id, status, reason FROM notification_deliveries
       WHERE tenant_id = ? AND kind = 'wechat' AND source_id = ?`,
      tenantId,
      published[0]?.id,
    );
    expect(noticeLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient_id: withId, status: 'sent' }),
        expect.objectContaining({ recipient_id: without, status: 'skipped', reason: 'no_wechat_openid' }),
      ]),
    );
  });
});
