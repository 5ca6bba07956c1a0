import { describe, expect, it } from 'vitest';
import { frontDeskComplaint, fx, intake } from '../cases/support';
import { call } from '../support/api';
import { demoAs } from '../support/staff';

const openNotice = (token: string, noticeId: string) =>
  call('GET', `/public/v1/owner-link/${token}/notices/${noticeId}`);

async function publishedNotice(title: string, place: Record<string, string> = { projectId: fx.xixi }) {
  const admin = await demoAs('tenant_admin');
  const draft = await admin.post('/v1/notices', { ...place, title, body: `${title}：详情见物业服务中心。` });
  expect(draft.status).toBe(201);
  expect(draft.body).toMatchObject({ readCount: 0 });
  const published = await admin.post(`/v1/notices/${draft.body.id}/publish`);
  expect(published.status).toBe(200);
  return published.body as { id: string; readCount: number; audienceSize: number };
}

async function readsOf(noticeId: string) {
  const admin = await demoAs('tenant_admin');
  const list = await admin.get(`/v1/notices?projectId=${fx.xixi}&limit=100`);
  expect(list.status).toBe(200);
  return list.body.data.find((n: { id: string }) => n.id === noticeId) as {
    readCount: number;
    audienceSize: number;
  };
}

describe('notice read counts', () => {
  it('two owners open a notice through their links: it counts two reads, however often each opens it', async () => {
    const stamp = Date.now().toString(36);
    const notice = await publishedNotice(`西溪停水 ${stamp}`);
    expect(notice.audienceSize).toBeGreaterThan(1); // the owners of 西溪花园
    const desk = await demoAs('front_desk');
    const first = await intake(
      desk,
      frontDeskComplaint({ unitId: fx.xixiUnit(2), ownerId: fx.xixiOwner(2) }),
    );
    const second = await intake(
      desk,
      frontDeskComplaint({ unitId: fx.xixiUnit(3), ownerId: fx.xixiOwner(3) }),
    );

    const opened = await openNotice(first.ownerLink.token, notice.id);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: notice.id, title: `西溪停水 ${stamp}` });
    expect((await openNotice(first.ownerLink.token, notice.id)).status).toBe(200);
    expect((await readsOf(notice.id)).readCount).toBe(1);

    // The owner's page: the case page links the notice, its own page counts the read.
    const page = await call('GET', `/owner-link/${second.ownerLink.token}`);
    expect(page.body).toContain(`/owner-link/${second.ownerLink.token}/notices/${notice.id}`);
    const noticePage = await call('GET', `/owner-link/${second.ownerLink.token}/notices/${notice.id}`);
    expect(noticePage.status).toBe(200);
    expect(noticePage.body).toContain('详情见物业服务中心');
    expect(noticePage.body).toContain('返回我的工单');

    const reads = await readsOf(notice.id);
    expect(reads.readCount).toBe(2);
    expect(reads.audienceSize).toBe(notice.audienceSize);
  });

  it("a branch-wide notice's audience is the owners of every project of the branch", async () => {
    const admin = await demoAs('tenant_admin');
    const project = await publishedNotice(`西溪 ${Date.now().toString(36)}`);
    const draft = await admin.post('/v1/notices', {
      branchId: fx.hangzhou,
      title: `杭州防台风 ${Date.now().toString(36)}`,
      body: '请关好门窗。',
    });
    expect(draft.body.audienceSize).toBeGreaterThan(project.audienceSize);
  });
});
