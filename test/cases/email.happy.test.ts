import { describe, expect, it } from 'vitest';
import { casesByDescription, channelKey, deliver, guanjiaEmailTo, mailbox, mime, png } from './email-support';
import { as, fx } from './support';

describe('inbound email', () => {
  it('opens a case for a known owner, with the unit of their home and the photo in R2', async () => {
    const { emailAddress } = await channelKey();
    const id = `<m1.${Date.now()}@example.com>`;
    const rejected = await deliver(
      'owner1@example.com',
      emailAddress,
      mime({
        from: '王伟 <owner1@example.com>',
        to: emailAddress,
        subject: '报修：厨房水龙头滴水',
        body: '厨房水龙头一直滴水，请安排师傅。',
        messageId: id,
        attachment: { name: 'tap.png', type: 'image/png', base64: png },
      }),
    );
    expect(rejected).toEqual([]);
    const [found] = await casesByDescription('厨房水龙头一直滴水');
    expect(found).toMatchObject({
      kind: 'repair',
      channel: 'email',
      status: 'received',
      projectId: fx.xixi,
      ownerId: fx.xixiOwner(1),
      unitId: fx.xixiUnit(1),
      firstAskOwnerId: null,
    });
    const admin = await as('tenant_admin');
    const files = (await admin.get(`/v1/cases/${found.id}/attachments`)).body.data;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fileName: 'tap.png', contentType: 'image/png' });
    const download = await admin.get(`/v1/cases/${found.id}/attachments/${files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');

    // Redelivery of the same message changes nothing.
    await deliver(
      'owner1@example.com',
      emailAddress,
      mime({
        from: 'owner1@example.com',
        to: emailAddress,
        subject: '报修：厨房水龙头滴水',
        body: '厨房水龙头一直滴水，请安排师傅。',
        messageId: id,
      }),
    );
    expect(await casesByDescription('厨房水龙头一直滴水')).toHaveLength(1);
  });

  it('still opens a case for an unknown sender, with the sender as contact, skipping a disallowed attachment', async () => {
    const { emailAddress } = await channelKey();
    await deliver(
      'stranger@mail.test',
      emailAddress,
      mime({
        from: 'Li Lei <stranger@mail.test>',
        to: emailAddress,
        subject: '咨询停车位',
        body: '请问小区还有月租停车位吗？',
        messageId: `<m2.${Date.now()}@mail.test>`,
        attachment: { name: 'run.exe', type: 'application/x-msdownload', base64: btoa('MZ') },
      }),
    );
    const [found] = await casesByDescription('月租停车位');
    expect(found).toMatchObject({
      kind: 'inquiry',
      channel: 'email',
      ownerId: null,
      unitId: null,
      contact: { name: 'Li Lei', email: 'stranger@mail.test', phone: null },
    });
    const admin = await as('tenant_admin');
    expect((await admin.get(`/v1/cases/${found.id}/attachments`)).body.data).toEqual([]);
    const timeline = (await admin.get(`/v1/cases/${found.id}/timeline`)).body.data;
    expect(timeline.map((t: { action: string }) => t.action)).toEqual(['receive', 'attachments_skipped']);
  });

  it("appends the owner's reply to Guanjia's email (by In-Reply-To, or by the case's reply address) instead of opening a new one", async () => {
    const admin = await as('tenant_admin');
    const path = await mailbox(admin);
    const { emailAddress } = await channelKey();
    const first = `<m3.${Date.now()}@example.com>`;
    await deliver(
      'owner2@example.com',
      emailAddress,
      mime({
        from: 'owner2@example.com',
        to: emailAddress,
        subject: '投诉：楼上装修噪音',
        body: '楼上每天早上七点开始装修电钻声',
        messageId: first,
      }),
    );
    const [complaint] = await casesByDescription('楼上每天早上七点');
    expect(complaint.kind).toBe('complaint');
    // Guanjia's acknowledgement to the owner carries the case's reply address and its own Message-ID.
    const sent = await guanjiaEmailTo(path, complaint.id, 'owner2@example.com');
    expect(sent.reply_to).toMatch(/^gjm_[0-9a-z]{26}_[a-z2-7]{26}@intake\.guanjia\.dev$/);
    expect(sent.reply_to).not.toContain(complaint.archiveNo);
    const guanjiaId = sent.headers['Message-ID'] as string;
    expect(guanjiaId).toMatch(/^<gj\.[0-9a-f]{32}@intake\.guanjia\.dev>$/);
    const before = admin.get('/v1/cases?channel=email&limit=200');

    await deliver(
      'owner2@example.com',
      emailAddress,
      mime({
        from: 'owner2@example.com',
        to: emailAddress,
        subject: 'Re: 投诉：楼上装修噪音',
        body: '今天早上又开始了',
        messageId: `<m4.${Date.now()}@example.com>`,
        inReplyTo: guanjiaId,
      }),
    );
    const caseAddress = sent.reply_to;
    await deliver(
      'owner2@example.com',
      caseAddress,
      mime({
        from: 'Owner2@Example.COM',
        to: caseAddress,
        subject: '补充',
        body: '附上录音稍后发送',
        messageId: `<m5.${Date.now()}@example.com>`,
      }),
    );
    const after = await admin.get('/v1/cases?channel=email&limit=200');
    expect(after.body.data.length).toBe((await before).body.data.length);
    const timeline = (await admin.get(`/v1/cases/${complaint.id}/timeline`)).body.data;
    const replies = timeline.filter((t: { action: string }) => t.action === 'owner_email');
    expect(replies.map((t: { note: string }) => t.note)).toEqual(['今天早上又开始了', '附上录音稍后发送']);
    expect(replies[0].visibility).toBe('owner');

    // Every later email about the case carries the same reply address, with a new Message-ID.
    const again = await guanjiaEmailTo(path, complaint.id, 'owner2@example.com');
    expect(again.reply_to).toBe(sent.reply_to);
  });

  it('rejects mail to an address that is no live channel key', async () => {
    const old = await channelKey();
    await channelKey(); // rotation revokes the old key
    const raw = mime({
      from: 'a@b.test',
      to: old.emailAddress,
      subject: 'x',
      body: 'y',
      messageId: '<z@b.test>',
    });
    expect(await deliver('a@b.test', old.emailAddress, raw)).toEqual(['Unknown address']);
    expect(await deliver('a@b.test', 'nobody@intake.guanjia.dev', raw)).toEqual(['Unknown address']);
  });
});
