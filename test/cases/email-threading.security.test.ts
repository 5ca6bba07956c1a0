import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';
import {
  casesByDescription,
  channelKey,
  deliver,
  guanjiaEmailTo,
  mailbox,
  mime,
  timelineOf,
} from './email-support';
import { act, as } from './support';

/**
 * Nobody writes into an owner's case by email but the owner: a message appends only when it
 * names the case (its reply address, or a Message-ID Guanjia sent about it), comes from the
 * case's owner or contact address, has not failed DMARC, and the case is open.
 */

let seq = 0;
const unique = (label: string) => {
  seq += 1;
  return `${label}${Date.now().toString(36)}${seq}`;
};
const msgId = () => `<${unique('m')}@example.com>`;

/** An owner emails the intake, and Guanjia answers: the owner's case, its reply address and Guanjia's Message-ID. */
async function ownerCase(subject: string, ownerAddress = 'owner3@example.com') {
  const admin = await as('tenant_admin');
  const path = await mailbox(admin);
  const { emailAddress, key } = await channelKey();
  const body = unique('业主来信');
  expect(
    await deliver(
      ownerAddress,
      emailAddress,
      mime({ from: ownerAddress, to: emailAddress, subject, body, messageId: msgId() }),
    ),
  ).toEqual([]);
  const [found] = await casesByDescription(body);
  const sent = await guanjiaEmailTo(path, found.id, ownerAddress);
  return {
    admin,
    key,
    emailAddress,
    found,
    replyTo: sent.reply_to,
    guanjiaId: sent.headers['Message-ID'] as string,
  };
}

const ownerEmails = async (caseId: string) =>
  (await timelineOf(caseId)).filter((t) => t.action === 'owner_email');

/** Sends one message and answers the rejections and the case it opened (if any). */
async function send(o: {
  from: string;
  to: string;
  inReplyTo?: string;
  references?: string;
  headers?: string[];
  subject?: string;
}) {
  const body = unique('来信正文');
  const rejected = await deliver(
    o.from,
    o.to,
    mime({
      from: o.from,
      to: o.to,
      subject: o.subject ?? '咨询',
      body,
      messageId: msgId(),
      inReplyTo: o.inReplyTo,
      references: o.references,
      headers: o.headers,
    }),
  );
  const [opened] = await casesByDescription(body);
  return { rejected, opened, body };
}

describe('email threading refuses every writer but the owner', () => {
  it('a guessed archive number in the address appends nothing: it is a new case of the sender', async () => {
    const target = await ownerCase('咨询：物业费');
    for (const from of ['attacker@evil.test', 'owner3@example.com']) {
      const to = `${target.key}+${target.found.archiveNo}@intake.guanjia.dev`;
      const { rejected, opened } = await send({ from, to });
      expect(rejected).toEqual([]);
      expect(opened).toBeDefined();
      expect(opened.id).not.toBe(target.found.id);
    }
    expect(await ownerEmails(target.found.id)).toEqual([]);
  });

  it('forged References (a Message-ID Guanjia never sent, or the owner’s own) append nothing', async () => {
    const target = await ownerCase('咨询：停车');
    const forged = [
      `<gj.${'0'.repeat(32)}@intake.guanjia.dev>`,
      `<${target.found.archiveNo}@intake.guanjia.dev>`,
    ];
    for (const ref of forged) {
      const { opened } = await send({
        from: 'owner3@example.com',
        to: target.emailAddress,
        inReplyTo: ref,
      });
      expect(opened.id).not.toBe(target.found.id);
    }
    expect(await ownerEmails(target.found.id)).toEqual([]);
  });

  it("the owner's own first Message-ID in References does not thread (only ids Guanjia sent do)", async () => {
    const admin = await as('tenant_admin');
    await mailbox(admin);
    const { emailAddress } = await channelKey();
    const first = msgId();
    const body = unique('首封');
    await deliver(
      'owner3@example.com',
      emailAddress,
      mime({ from: 'owner3@example.com', to: emailAddress, subject: '咨询', body, messageId: first }),
    );
    const [original] = await casesByDescription(body);
    const { opened } = await send({ from: 'attacker@evil.test', to: emailAddress, references: first });
    expect(opened.id).not.toBe(original.id);
    expect(await ownerEmails(original.id)).toEqual([]);
  });

  it("the right reply address or Guanjia's Message-ID from the wrong sender opens a flagged case of the sender's own", async () => {
    const target = await ownerCase('咨询：门禁卡');
    const byToken = await send({ from: 'Mallory <mallory@evil.test>', to: target.replyTo });
    const byThread = await send({
      from: 'owner3@example.com.evil.test',
      to: target.emailAddress,
      inReplyTo: target.guanjiaId,
    });
    for (const { rejected, opened } of [byToken, byThread]) {
      expect(rejected).toEqual([]);
      expect(opened.id).not.toBe(target.found.id);
      expect(opened.ownerId).toBeNull(); // never the owner of the case it named
      expect(opened.projectId).toBe(target.found.projectId);
      const flagged = (await timelineOf(opened.id)).find((t) => t.action === 'email_received');
      expect(flagged).toMatchObject({
        visibility: 'internal',
        data: { flag: 'sender_mismatch', namedCaseId: target.found.id },
      });
    }
    expect(await ownerEmails(target.found.id)).toEqual([]);
  });

  it('a DMARC fail appends nothing, even from the owner’s address to the right reply address; the results are recorded', async () => {
    const target = await ownerCase('咨询：快递');
    const { opened } = await send({
      from: 'owner3@example.com',
      to: target.replyTo,
      headers: [
        'Authentication-Results: mx.cloudflare.net; spf=softfail smtp.mailfrom=example.com; dkim=none; dmarc=fail (p=reject) header.from=example.com',
      ],
    });
    expect(opened.id).not.toBe(target.found.id);
    expect((await timelineOf(opened.id)).find((t) => t.action === 'email_received')).toMatchObject({
      data: {
        flag: 'dmarc_fail',
        namedCaseId: target.found.id,
        authentication: { authServId: 'mx.cloudflare.net', spf: 'softfail', dkim: 'none', dmarc: 'fail' },
      },
    });
    // A fail claimed only in an ARC header counts too.
    const arc = await send({
      from: 'owner3@example.com',
      to: target.replyTo,
      headers: [
        'ARC-Authentication-Results: i=1; mx.google.com; dkim=pass; spf=pass; dmarc=fail header.from=example.com',
      ],
    });
    expect(arc.opened.id).not.toBe(target.found.id);
    expect(await ownerEmails(target.found.id)).toEqual([]);

    // A pass from the owner appends, with the results on the entry.
    await send({
      from: 'owner3@example.com',
      to: target.replyTo,
      headers: [
        'Authentication-Results: mx.cloudflare.net; spf=pass; dkim=pass header.d=example.com; dmarc=pass',
      ],
    });
    const [entry] = await ownerEmails(target.found.id);
    expect(entry?.data).toMatchObject({
      authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass', dmarcFailed: false },
    });
  });

  it('the owner writing to a closed case opens a new case linked to it, on both timelines', async () => {
    const target = await ownerCase('咨询：装修申请');
    const hotline = await as('hotline_agent');
    await act(hotline, target.found.id, { type: 'answer', note: '请到前台办理' });
    expect((await act(hotline, target.found.id, { type: 'close' })).status).toBe('closed');
    const { rejected, opened, body } = await send({ from: 'owner3@example.com', to: target.replyTo });
    expect(rejected).toEqual([]);
    const old = await timelineOf(target.found.id);
    const link = old.find((t) => t.action === 'email_opened_new_case');
    expect(link, 'the closed case names the case the message opened').toBeDefined();
    expect(opened, `the opened case is found by its text ${body}`).toBeDefined();
    expect(opened.id).toBe(link?.data?.relatedCaseId);
    expect(opened.id).not.toBe(target.found.id);
    expect(opened.ownerId).toBe(target.found.ownerId);
    expect((await timelineOf(opened.id)).find((t) => t.action === 'email_received')?.data).toMatchObject({
      relatedCaseId: target.found.id,
    });
    expect(old.filter((t) => t.action === 'owner_email')).toEqual([]);
  });

  it('a reply address that names no case is refused as an unknown address', async () => {
    const target = await ownerCase('咨询：水费');
    const guessed = target.replyTo.replace(/_[a-z2-7]{26}@/, `_${'a'.repeat(26)}@`);
    const { rejected } = await send({ from: 'owner3@example.com', to: guessed });
    expect(rejected).toEqual(['Unknown address']);
  });
});

describe('a tenant that rejects unknown senders on a known case', () => {
  it('refuses the wrong sender and the DMARC fail, and still appends the owner', async () => {
    const t = await newTenant('Email Reject Group');
    const estate = await newEstate(t.admin);
    const read = await t.admin.get('/v1/settings/cases');
    const saved = await call('PUT', '/v1/settings/cases', {
      token: t.admin.token,
      body: { ...read.body, emailUnknownSenderOnKnownCase: 'reject' },
      headers: { 'If-Match': read.headers.get('ETag') as string },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.emailUnknownSenderOnKnownCase).toBe('reject');
    const path = await mailbox(t.admin);
    const { emailAddress } = await channelKey(t.admin, estate.projectId);
    const body = unique('新租户来信');
    await deliver(
      'resident@example.test',
      emailAddress,
      mime({ from: 'resident@example.test', to: emailAddress, subject: '咨询', body, messageId: msgId() }),
    );
    const created = (await t.admin.get(`/v1/cases?q=${encodeURIComponent(body)}`)).body.data[0];
    const sent = await guanjiaEmailTo(path, created.id, 'resident@example.test', t.tenantId);
    const count = async () => (await t.admin.get('/v1/cases?limit=100')).body.data.length;
    const before = await count();

    const wrong = await deliver(
      'mallory@evil.test',
      sent.reply_to,
      mime({ from: 'mallory@evil.test', to: sent.reply_to, subject: 'x', body: 'y', messageId: msgId() }),
    );
    expect(wrong).toEqual(['Not accepted for this case']);
    const dmarc = await deliver(
      'resident@example.test',
      emailAddress,
      mime({
        from: 'resident@example.test',
        to: emailAddress,
        subject: 'x',
        body: 'y',
        messageId: msgId(),
        inReplyTo: sent.headers['Message-ID'],
        headers: ['Authentication-Results: mx.example; dmarc=fail'],
      }),
    );
    expect(dmarc).toEqual(['Not accepted for this case']);
    expect(await count()).toBe(before);

    await deliver(
      'resident@example.test',
      sent.reply_to,
      mime({
        from: 'resident@example.test',
        to: sent.reply_to,
        subject: 'Re',
        body: '业主补充',
        messageId: msgId(),
      }),
    );
    const notes = (await timelineOf(created.id, t.admin)).filter((e) => e.action === 'owner_email');
    expect(notes.map((e) => e.note)).toEqual(['业主补充']);
  });

  it('refuses an unknown policy value with the field named', async () => {
    const admin = await as('tenant_admin');
    const read = await admin.get('/v1/settings/cases');
    const res = await call('PUT', '/v1/settings/cases', {
      token: admin.token,
      body: { ...read.body, emailUnknownSenderOnKnownCase: 'append' },
      headers: { 'If-Match': read.headers.get('ETag') as string },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('emailUnknownSenderOnKnownCase');
  });
});
