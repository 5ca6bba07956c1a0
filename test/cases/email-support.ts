import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import worker from '../../workers/index';
import type { Client } from '../support/api';
import { bucket, eventually, outboxEvents, received, receiverUrl, runQueue } from '../support/events';
import { as, fx } from './support';

/** A message as Email Routing hands it to the Worker's `email` handler. */
function inbound(from: string, to: string, raw: string) {
  const rejections: string[] = [];
  const bytes = new TextEncoder().encode(raw);
  const message = {
    from,
    to,
    headers: new Headers(),
    raw: new Response(bytes).body as ReadableStream<Uint8Array>,
    rawSize: bytes.byteLength,
    canBeForwarded: true,
    setReject: (reason: string) => rejections.push(reason),
    forward: async () => ({ messageId: 'x' }),
    reply: async () => ({ messageId: 'x' }),
  } as unknown as ForwardableEmailMessage;
  return { message, rejections };
}

/** Hands one message to the Worker's real `email` handler; answers the rejections it made. */
export const deliver = async (from: string, to: string, raw: string) => {
  const { message, rejections } = inbound(from, to, raw);
  await worker.email?.(message, env as never);
  return rejections;
};

export function mime(o: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  /** Further header lines, e.g. `Authentication-Results: …`. */
  headers?: string[];
  attachment?: { name: string; type: string; base64: string };
}) {
  const head = [
    ...(o.headers ?? []),
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: =?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(o.subject)))}?=`,
    `Message-ID: ${o.messageId}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.references ?? o.inReplyTo}`] : []),
    ...(!o.inReplyTo && o.references ? [`References: ${o.references}`] : []),
    'MIME-Version: 1.0',
  ];
  const text = btoa(String.fromCharCode(...new TextEncoder().encode(o.body)));
  if (!o.attachment) {
    return [
      ...head,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      text,
      '',
    ].join('\r\n');
  }
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    text,
    '--b1',
    `Content-Type: ${o.attachment.type}; name="${o.attachment.name}"`,
    `Content-Disposition: attachment; filename="${o.attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    o.attachment.base64,
    '--b1--',
    '',
  ].join('\r\n');
}

export const png = btoa('\x89PNG\r\n\x1a\n fake image bytes');

export async function channelKey(who?: Client, projectId: string = fx.xixi) {
  const admin = who ?? (await as('tenant_admin'));
  const res = await admin.post(`/v1/projects/${projectId}/channel-keys`);
  expect(res.status).toBe(201);
  return res.body as { key: string; emailAddress: string };
}

export const casesByDescription = async (text: string) => {
  const admin = await as('tenant_admin');
  return (await admin.get(`/v1/cases?q=${encodeURIComponent(text)}&limit=50`)).body.data as any[];
};

/** Points the tenant's email channel at a fresh receiver bucket; answers the bucket. */
export async function mailbox(admin: Client): Promise<string> {
  const path = bucket('mail');
  const body = {
    endpointUrl: `${receiverUrl()}${path}`,
    credentials: { apiKey: 'email-key' },
    sender: { from: 'service@demo.guanjia.dev' },
    enabled: true,
  };
  const created = await admin.post('/v1/notification-channels', { kind: 'email', ...body });
  if (created.status !== 201) {
    const existing = (await admin.get('/v1/notification-channels')).body.data.find(
      (c: { kind: string }) => c.kind === 'email',
    );
    expect((await admin.patch(`/v1/notification-channels/${existing.id}`, body)).status).toBe(200);
  }
  return path;
}

/**
 * Runs the case's events through the real queue consumer, so Guanjia emails the owner, and
 * answers the first such email as the provider received it (reply_to, headers, to).
 */
export async function guanjiaEmailTo(path: string, caseId: string, address: string, tenantId = fx.tenantId) {
  const events = await outboxEvents(tenantId, "json_extract(payload, '$.caseId') = ?", caseId);
  // Only this case's emails: the real queue may still be delivering an earlier case's to the address.
  const archiveNo = String(events[0]?.data.archiveNo ?? '');
  const about = (m: { to: string[]; subject?: string }) =>
    m.to.includes(address) && (!archiveNo || String(m.subject ?? '').includes(archiveNo));
  await runQueue(
    'guanjia-events',
    events.map((body, i) => ({ id: `m${i}`, body })),
  );
  const mails = (
    await eventually(
      () => received(path),
      (r) => r.some((m) => about(JSON.parse(m.body))),
    )
  )
    .map((m) => JSON.parse(m.body))
    .filter(about);
  const mail = mails[0];
  expect(mail).toBeDefined();
  return mail as { replyTo: string; reply_to: string; headers: Record<string, string>; subject: string };
}

/** A case's timeline as the tenant admin reads it. */
export async function timelineOf(caseId: string, who?: Client) {
  const admin = who ?? (await as('tenant_admin'));
  return (await admin.get(`/v1/cases/${caseId}/timeline`)).body.data as {
    action: string;
    note: string | null;
    visibility: string;
    data: Record<string, any> | null;
  }[];
}
