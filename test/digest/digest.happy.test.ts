import { addDays, localParts, zonedInstant } from '@guanjia/core/digest/index';
import { describe, expect, it } from 'vitest';
import { cronTick } from '../support/cron';
import { bucket, eventually, received, receiverUrl, rows } from '../support/events';
import { insertCase } from '../support/sla';
import { demo, demoAs } from '../support/staff';

describe('daily complaint digest', () => {
  it("at 08:30 Shanghai each Hangzhou staff member gets yesterday's complaints; an hour later their supervisor hears who has not read it", async () => {
    const admin = await demoAs('tenant_admin');
    const today = localParts(new Date(), 'Asia/Shanghai').date;
    const yesterday = addDays(today, -1);
    const complaint = await insertCase(
      demo.tenantId,
      { branchId: demo.hangzhou, projectId: demo.xixi },
      { kind: 'complaint', category: 'noise', receivedAt: zonedInstant(yesterday, '14:00', 'Asia/Shanghai') },
    );
    await insertCase(
      demo.tenantId,
      { branchId: demo.hangzhou, projectId: demo.xixi },
      { kind: 'complaint', receivedAt: zonedInstant(today, '00:10', 'Asia/Shanghai') },
    );

    await cronTick(zonedInstant(today, '08:29', 'Asia/Shanghai'));
    expect(await rows('select id from digests where tenant_id = ?', demo.tenantId)).toHaveLength(0);

    const publishAt = zonedInstant(today, '08:30', 'Asia/Shanghai');
    await cronTick(publishAt);
    await cronTick(new Date(publishAt.getTime() + 60_000)); // a second tick publishes nothing more
    const digests = await rows<{
      id: string;
      branch_id: string;
      complaint_count: number;
      report_date: string;
    }>('select * from digests where tenant_id = ? order by branch_id', demo.tenantId);
    expect(digests.map((d) => d.branch_id).sort()).toEqual([demo.hangzhou, demo.ningbo].sort());
    const hz = digests.find((d) => d.branch_id === demo.hangzhou);
    expect(hz?.complaint_count).toBe(1);
    expect(hz?.report_date).toBe(yesterday);

    const supervisor = await demoAs('cs_supervisor');
    const mine = await supervisor.get('/v1/inbox');
    const digestMessage = mine.body.data.find((m: { kind: string }) => m.kind === 'digest');
    expect(digestMessage.body).toContain(complaint.archiveNo);
    await supervisor.post(`/v1/inbox/${digestMessage.id}/read`);

    await cronTick(new Date(publishAt.getTime() + 59 * 60_000));
    expect(
      (
        await rows<{ read_checked_at: number | null }>(
          'select read_checked_at from digests where id = ?',
          hz?.id,
        )
      )[0]?.read_checked_at,
    ).toBeNull();
    await cronTick(new Date(publishAt.getTime() + 61 * 60_000));
    const [checked] = await rows<{ unread_user_ids: string }>(
      'select unread_user_ids from digests where id = ?',
      hz?.id,
    );
    const unread = JSON.parse(checked?.unread_user_ids ?? '[]') as string[];
    expect(unread.length).toBeGreaterThan(0);
    expect(unread).not.toContain(demo.staff(4));

    const manager = await demoAs('branch_cs_manager');
    const told = (await manager.get('/v1/inbox')).body.data.find(
      (m: { kind: string }) => m.kind === 'digest.unread',
    );
    expect(told.data.unreadUserIds.length).toBeGreaterThan(0);

    const rate = await admin.get(`/v1/digests/${hz?.id}/read-rate`);
    expect(rate.status).toBe(200);
    expect(rate.body.overall.read).toBe(1);
    expect(rate.body.projects.find((p: { projectId: string }) => p.projectId === demo.xixi).read).toBe(1);
  });

  it("Ningbo's general manager gets 404 for the Hangzhou digest's read rate", async () => {
    const digests = await rows<{ id: string }>(
      'select id from digests where tenant_id = ? and branch_id = ?',
      demo.tenantId,
      demo.hangzhou,
    );
    if (!digests[0]) return;
    const ningbo = await demoAs('branch_gm.nb');
    const res = await ningbo.get(`/v1/digests/${digests[0].id}/read-rate`);
    expect(res.status).toBe(404);
  });

  it('where the tenant has an email channel, each staff member of the branch also gets the digest by email', async () => {
    const admin = await demoAs('tenant_admin');
    const path = bucket('mail');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { apiKey: 'mail-key' },
      sender: { from: 'digest@demo.guanjia.dev' },
    });
    expect(channel.status).toBe(201);
    await insertCase(
      demo.tenantId,
      { branchId: demo.hangzhou, projectId: demo.xixi },
      {
        kind: 'complaint',
        category: 'parking',
        receivedAt: zonedInstant('2031-03-09', '10:00', 'Asia/Shanghai'),
      },
    );
    await cronTick(zonedInstant('2031-03-10', '08:30', 'Asia/Shanghai'));
    const [hz] = await rows<{ id: string }>(
      "select id from digests where tenant_id = ? and branch_id = ? and report_date = '2031-03-09'",
      demo.tenantId,
      demo.hangzhou,
    );
    expect(hz).toBeDefined();
    const inboxed = await rows<{ user_id: string }>(
      "select user_id from inbox_messages where tenant_id = ? and digest_id = ? and kind = 'digest'",
      demo.tenantId,
      hz?.id,
    );
    expect(inboxed.length).toBeGreaterThan(1);
    const mails = await eventually(
      () => received(path),
      (r) =>
        r.filter((m) => JSON.parse(m.body).subject.includes('杭州分公司 2031-03-09')).length >=
        inboxed.length,
    );
    const hangzhou = mails
      .map((m) => JSON.parse(m.body))
      .filter((m) => m.subject.includes('杭州分公司 2031-03-09'));
    expect(hangzhou.length).toBe(inboxed.length);
    expect(hangzhou[0]).toMatchObject({
      from: 'digest@demo.guanjia.dev',
      subject: expect.stringContaining('1 件'),
    });
    expect(hangzhou[0].text).toContain('parking');
    const to = hangzhou.flatMap((m) => m.to as string[]);
    expect(new Set(to).size).toBe(to.length); // one email per person
    expect(to).not.toContain('front_desk.nb@demo.guanjia.dev');
    expect(mails[0]?.headers.authorization).toBe('Bearer mail-key');
    const log = await eventually(
      () => admin.get('/v1/notifications?limit=200'),
      (r) =>
        r.body.data.filter(
          (n: { template: string; status: string }) => n.template === 'digest' && n.status === 'sent',
        ).length > 0,
    );
    expect(
      log.body.data.some(
        (n: { template: string; kind: string }) => n.template === 'digest' && n.kind === 'email',
      ),
    ).toBe(true);
  });
});
