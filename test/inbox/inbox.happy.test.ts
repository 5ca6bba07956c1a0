import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { bucket, eventually, received, receiverUrl } from '../support/events';
import { shardOf } from '../support/shards';
import { newTenant } from '../support/tenants';

async function assign(tenantId: string, assigneeId: string, archiveNo: string) {
  const ctx = createExecutionContext();
  const batch = createMessageBatch('guanjia-events', [
    {
      id: archiveNo,
      timestamp: new Date(),
      attempts: 1,
      body: {
        id: `evt_inb${archiveNo}`,
        type: 'case.assigned',
        version: 1,
        tenantId,
        occurredAt: new Date().toISOString(),
        branchId: null,
        projectId: null,
        data: {
          caseId: 'case_y',
          archiveNo,
          kind: 'repair',
          status: 'dispatched',
          branchId: 'b',
          projectId: 'p',
          assigneeId,
        },
      },
    },
  ]);
  await worker.queue(batch, env, ctx);
  await getQueueResult(batch, ctx);
}

const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('staff inbox', () => {
  it('reads in the staff member’s language: title and body Chinese by default, both English for en', async () => {
    const { admin, tenantId } = await newTenant();
    const me = (await admin.get('/v1/me')).body;
    await assign(tenantId, me.actorId, '20261122010');
    const zh = (await admin.get('/v1/inbox')).body.data[0];
    expect(cjk.test(zh.title) && cjk.test(zh.body), `${zh.title} / ${zh.body}`).toBe(true);
    const db = await shardOf(tenantId);
    await db.prepare('UPDATE staff_users SET locale = ? WHERE id = ?').bind('en', me.actorId).run();
    await assign(tenantId, me.actorId, '20261122011');
    const en = (await admin.get('/v1/inbox')).body.data.find((m: { title: string }) =>
      m.title.includes('20261122011'),
    );
    expect(en.title).toBe('New case 20261122011');
    expect(cjk.test(en.title) || cjk.test(en.body), `${en.title} / ${en.body}`).toBe(false);
  });

  it('the assignment’s email says what the inbox row says, in the reader’s language', async () => {
    const { admin, tenantId } = await newTenant();
    const me = (await admin.get('/v1/me')).body;
    const mailbox = bucket('staff-mail');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `${receiverUrl()}${mailbox}`,
      credentials: { apiKey: 'email-key' },
      sender: { from: 'service@example.cn' },
      enabled: true,
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    const db = await shardOf(tenantId);
    await db.prepare('UPDATE staff_users SET locale = ? WHERE id = ?').bind('en', me.actorId).run();
    await assign(tenantId, me.actorId, '20261122012');
    const [mail, ...more] = (
      await eventually(
        () => received(mailbox),
        (r) => r.length > 0,
        5_000,
      )
    ).map((m) => JSON.parse(m.body));
    expect(more).toEqual([]);
    const row = (await admin.get('/v1/inbox')).body.data[0];
    expect(mail).toMatchObject({ subject: row.title, text: row.body });
    expect(mail.subject).toBe('New case 20261122012');
  });

  it('a staff member sees an assignment in the inbox, marks it read, and the receipt keeps the first read time', async () => {
    const { admin, tenantId } = await newTenant();
    const me = (await admin.get('/v1/me')).body;
    await assign(tenantId, me.actorId, '20261122007');
    const inbox = await admin.get('/v1/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.unreadCount).toBe(1);
    const message = inbox.body.data[0];
    expect(message.title).toContain('20261122007');
    const read = await admin.post(`/v1/inbox/${message.id}/read`);
    expect(read.body.readAt).not.toBeNull();
    const again = await admin.post(`/v1/inbox/${message.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await admin.get('/v1/inbox')).body.unreadCount).toBe(0);
  });

  it('an assignment without a configured email channel is recorded as skipped, with why', async () => {
    const { admin, tenantId } = await newTenant();
    const me = (await admin.get('/v1/me')).body;
    await assign(tenantId, me.actorId, '20261122008');
    const log = await admin.get('/v1/notifications?sourceId=evt_inb20261122008');
    expect(log.body.data).toEqual([
      expect.objectContaining({
        kind: 'email',
        status: 'skipped',
        reason: 'channel_not_configured',
        recipientType: 'staff',
      }),
    ]);
  });
});
