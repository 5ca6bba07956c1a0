import { describe, expect, it } from 'vitest';
import { hotlineRepair, intake, ownerLink } from '../cases/support';
import { bucket, eventually, received, receiverUrl } from '../support/events';
import { demo, demoAs } from '../support/staff';

describe('notices to owners', () => {
  it('a project publishes a notice: owners get an SMS through the configured gateway, and unconfigured WeChat and email are recorded as skipped', async () => {
    const admin = await demoAs('tenant_admin');
    const path = bucket('sms');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'sms',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { apiKey: 'sms-secret-key' },
      sender: { sign: '管家物业' },
    });
    expect(channel.status).toBe(201);
    expect(JSON.stringify(channel.body)).not.toContain('sms-secret-key');
    expect(JSON.stringify((await admin.get('/v1/notification-channels')).body)).not.toContain(
      'sms-secret-key',
    );

    const draft = await admin.post('/v1/notices', {
      projectId: demo.xixi,
      title: '停水通知',
      body: '周六 9:00-12:00 停水检修。',
    });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    const published = await admin.post(`/v1/notices/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect((await admin.post(`/v1/notices/${draft.body.id}/publish`)).status).toBe(409);

    const sms = await eventually(
      () => received(path),
      (r) => r.length > 0,
    );
    const first = JSON.parse(sms[0]?.body ?? '{}');
    expect(sms[0]?.headers.authorization).toBe('Bearer sms-secret-key');
    expect(first.sign).toBe('管家物业');
    expect(first.text).toContain('停水通知');

    const log = await eventually(
      () => admin.get('/v1/notifications?limit=200'),
      (r) => r.body.data.some((n: { kind: string; status: string }) => n.kind === 'wechat'),
    );
    const reasons = log.body.data
      .filter((n: { kind: string }) => n.kind !== 'sms')
      .map((n: { kind: string; reason: string }) => `${n.kind}:${n.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining(['wechat:channel_not_configured', 'email:channel_not_configured']),
    );
    const sent = log.body.data.filter(
      (n: { kind: string; status: string }) => n.kind === 'sms' && n.status === 'sent',
    );
    expect(sent.length).toBeGreaterThan(0);
    const all = await eventually(
      () => received(path),
      (r) => r.length >= sent.length,
    );
    expect(new Set(all.map((r) => JSON.parse(r.body).to)).size).toBe(all.length); // one SMS per owner
  });

  it('a front desk of Ningbo cannot publish a Hangzhou notice (404)', async () => {
    const admin = await demoAs('tenant_admin');
    const draft = await admin.post('/v1/notices', {
      projectId: demo.qianjiang,
      title: '电梯维保',
      body: '周日电梯维保。',
    });
    const ningbo = await demoAs('front_desk.nb');
    expect((await ningbo.post(`/v1/notices/${draft.body.id}/publish`)).status).toBe(404);
  });

  it("an owner's case link page shows the published notices of the project and its branch, not drafts or other branches'", async () => {
    const admin = await demoAs('tenant_admin');
    const publish = async (place: Record<string, string>, title: string, draft = false) => {
      const created = await admin.post('/v1/notices', {
        ...place,
        title,
        body: `${title}：详情见物业服务中心。`,
      });
      expect(created.status).toBe(201);
      if (!draft) expect((await admin.post(`/v1/notices/${created.body.id}/publish`)).status).toBe(200);
      return created.body.id as string;
    };
    const stamp = Date.now().toString(36);
    const project = await publish({ projectId: demo.xixi }, `西溪停电 ${stamp}`);
    const branchWide = await publish({ branchId: demo.hangzhou }, `杭州分公司防台风 ${stamp}`);
    const draft = await publish({ projectId: demo.xixi }, `未发布 ${stamp}`, true);
    const otherProject = await publish({ projectId: demo.qianjiang }, `钱江电梯 ${stamp}`);
    const otherBranch = await publish({ branchId: demo.ningbo }, `宁波 ${stamp}`);

    const hotline = await demoAs('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const view = await ownerLink.view(created.ownerLink.token);
    expect(view.status).toBe(200);
    const ids = view.body.notices.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining([project, branchWide]));
    for (const hidden of [draft, otherProject, otherBranch]) expect(ids).not.toContain(hidden);
    expect(ids.indexOf(branchWide)).toBeLessThan(ids.indexOf(project)); // newest first
    const shown = view.body.notices.find((n: { id: string }) => n.id === project);
    expect(shown).toMatchObject({ title: `西溪停电 ${stamp}`, body: expect.stringContaining('详情') });
    expect(Date.parse(shown.publishedAt)).not.toBeNaN();
  });
});
