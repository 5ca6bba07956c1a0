import { describe, expect, it } from 'vitest';
import { deliver, mailbox, mime, timelineOf } from '../cases/email-support';
import { act, as, frontDeskComplaint, fx, intake } from '../cases/support';
import type { Client } from '../support/api';
import { bucket, eventually, outboxEvents, received, receiverUrl, runQueue } from '../support/events';

/*
 * Owners hear back: the complaint's reply and each owner-facing progress note reach the owner
 * on their channel (here WeChat and email, over real HTTP to the local receiver), in their
 * language, with the owner link; an internal note never does.
 */

async function wechatChannel(admin: Client) {
  const path = bucket('wx');
  const body = {
    endpointUrl: `${receiverUrl()}${path}`,
    credentials: { accessToken: 'wx-token' },
    sender: { 'template.case.reply': 'TPL_REPLY', 'template.case.progress': 'TPL_PROGRESS' },
    enabled: true,
  };
  const created = await admin.post('/v1/notification-channels', { kind: 'wechat', ...body });
  if (created.status !== 201) {
    const existing = (await admin.get('/v1/notification-channels')).body.data.find(
      (c: { kind: string }) => c.kind === 'wechat',
    );
    expect((await admin.patch(`/v1/notification-channels/${existing.id}`, body)).status).toBe(200);
  }
  return path;
}

async function consume(caseId: string, types: string[]) {
  const events = (await outboxEvents(fx.tenantId, "json_extract(payload, '$.caseId') = ?", caseId)).filter(
    (e) => types.includes(e.type),
  );
  await runQueue(
    'guanjia-events',
    events.map((body, i) => ({ id: `o${i}`, body })),
  );
  return events;
}

describe('owners hear back', () => {
  it("the complaint's reply and an owner-facing note reach the owner's WeChat with the owner link; an internal note does not", async () => {
    const admin = await as('tenant_admin');
    const path = await wechatChannel(admin);
    const openId = `oOwner4_${Date.now().toString(36)}`;
    const owner = fx.xixiOwner(4);
    expect((await admin.patch(`/v1/owners/${owner}`, { wechatOpenId: openId })).status).toBe(200);
    const frontDesk = await as('front_desk');
    const created = await intake(
      frontDesk,
      frontDeskComplaint({ unitId: fx.xixiUnit(4), ownerId: owner, description: '地下车库积水无人处理' }),
    );
    await act(frontDesk, created.id, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '已安排工程部今天下午排水',
    });
    await act(frontDesk, created.id, { type: 'add_note', note: '内部：排水泵老化，需报修' });
    await act(frontDesk, created.id, { type: 'add_note', note: '排水已完成，请您查看', visibility: 'owner' });
    const events = await consume(created.id, ['case.replied', 'case.owner_noted', 'case.updated']);
    // The internal note raised no event of its own: nothing to send.
    expect(events.map((e) => e.type).filter((t) => t !== 'case.updated')).toEqual([
      'case.replied',
      'case.owner_noted',
    ]);

    const got = (
      await eventually(
        () => received(path),
        (r) => r.filter((m) => JSON.parse(m.body).touser === openId).length >= 3,
        5_000,
      )
    )
      .map((m) => JSON.parse(m.body))
      // The real queue told the owner of the case's receipt too (case.received).
      .filter((m) => m.touser === openId && m.template_id.startsWith('TPL_'));
    expect(got.map((m) => m.template_id).sort()).toEqual(['TPL_PROGRESS', 'TPL_REPLY']);
    const reply = got.find((m) => m.template_id === 'TPL_REPLY');
    expect(reply.data.message.value).toBe('已安排工程部今天下午排水');
    expect(reply.url).toMatch(/\/owner-link\/[^/]+$/);
    expect(reply.data.link.value).toBe(reply.url);
    const note = got.find((m) => m.template_id === 'TPL_PROGRESS');
    expect(note.data.message.value).toBe('排水已完成，请您查看');
    expect(JSON.stringify(got)).not.toContain('排水泵老化');
  });

  it('an owner whose language is English hears the reply in English', async () => {
    const admin = await as('tenant_admin');
    const path = await wechatChannel(admin);
    const openId = `oOwner1_${Date.now().toString(36)}`;
    const owner = fx.xixiOwner(1);
    const patched = await admin.patch(`/v1/owners/${owner}`, { wechatOpenId: openId, language: 'en' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.language).toBe('en');
    const frontDesk = await as('front_desk');
    const created = await intake(frontDesk, frontDeskComplaint({ unitId: fx.xixiUnit(1), ownerId: owner }));
    await act(frontDesk, created.id, {
      type: 'reply_owner',
      replyKind: 'result',
      message: 'The parking space is yours from Monday.',
    });
    await consume(created.id, ['case.replied']);
    const [message] = (
      await eventually(
        () => received(path),
        (r) => r.some((m) => JSON.parse(m.body).touser === openId),
        5_000,
      )
    )
      .map((m) => JSON.parse(m.body))
      .filter((m) => m.touser === openId);
    expect(message.template_id).toBe('TPL_REPLY');
    expect(message.data.message.value).toBe('The parking space is yours from Monday.');
  });

  it("an emailed case: the staff reply goes back by email in the owner's thread (In-Reply-To, References) and the owner's next email lands on the same case", async () => {
    const admin = await as('tenant_admin');
    const mail = await mailbox(admin);
    const key = await admin.post(`/v1/projects/${fx.xixi}/channel-keys`);
    expect(key.status).toBe(201);
    const address = key.body.emailAddress as string;
    const ownerMessageId = `<first.${Date.now()}@example.com>`;
    await deliver(
      'owner11@example.com',
      address,
      mime({
        from: 'owner11@example.com',
        to: address,
        subject: '投诉：电梯经常停运',
        body: '三号电梯这周停了三次，一直没人来修',
        messageId: ownerMessageId,
      }),
    );
    const found = (await admin.get(`/v1/cases?q=${encodeURIComponent('三号电梯这周停了三次')}&limit=10`)).body
      .data as { id: string; channel: string }[];
    expect(found).toHaveLength(1);
    const caseId = found[0]?.id as string;
    expect(found[0]?.channel).toBe('email');

    await act(admin, caseId, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '已联系电梯维保单位，明早到场检修',
      channel: 'email',
    });
    await consume(caseId, ['case.replied']);
    const sent = (
      await eventually(
        () => received(mail),
        (r) =>
          r.some((m) => {
            const b = JSON.parse(m.body);
            return b.to.includes('owner11@example.com') && b.text.includes('明早到场检修');
          }),
        5_000,
      )
    )
      .map((m) => ({ ...JSON.parse(m.body), auth: m.headers.authorization }))
      .filter((m) => m.to.includes('owner11@example.com') && m.text.includes('明早到场检修'));
    expect(sent).toHaveLength(1);
    const reply = sent[0];
    expect(reply.from).toBe('service@demo.guanjia.dev');
    expect(reply.auth).toBe('Bearer email-key');
    expect(reply.headers['In-Reply-To']).toBe(ownerMessageId);
    expect(reply.headers.References.split(' ')).toContain(ownerMessageId);
    expect(reply.headers['Message-ID']).toMatch(/^<gj\.[0-9a-f]{32}@intake\.guanjia\.dev>$/);
    expect(reply.reply_to).toMatch(/@intake\.guanjia\.dev$/);

    // The owner answers Guanjia's reply: it threads onto the same case, no new case.
    await deliver(
      'owner11@example.com',
      address,
      mime({
        from: 'owner11@example.com',
        to: address,
        subject: 'Re: 投诉：电梯经常停运',
        body: '好的，明早我在家等',
        messageId: `<second.${Date.now()}@example.com>`,
        inReplyTo: reply.headers['Message-ID'],
        references: `${ownerMessageId} ${reply.headers['Message-ID']}`,
      }),
    );
    const again = (await admin.get(`/v1/cases?q=${encodeURIComponent('明早我在家等')}&limit=10`)).body.data;
    expect(again.filter((c: { id: string }) => c.id !== caseId)).toEqual([]);
    const timeline = await timelineOf(caseId);
    expect(timeline.filter((t) => t.action === 'owner_email').map((t) => t.note)).toEqual([
      '好的，明早我在家等',
    ]);
  });
});
