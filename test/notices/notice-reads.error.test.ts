import { describe, expect, it } from 'vitest';
import { frontDeskComplaint, fx, intake } from '../cases/support';
import { call } from '../support/api';
import { countEverywhere } from '../support/shards';
import { demoAs } from '../support/staff';

const reads = () => countEverywhere('SELECT count(*) AS n FROM notice_reads');

describe('opening a notice that is not there', () => {
  it('a notice id longer than any id is 400 naming noticeId, and nothing is counted', async () => {
    const desk = await demoAs('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    const before = await reads();
    const res = await call(
      'GET',
      `/public/v1/owner-link/${created.ownerLink.token}/notices/${'n'.repeat(65)}`,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.issues)).toContain('noticeId');
    expect(await reads()).toBe(before);
  });

  it("a draft, or another branch's notice, is 404 to the owner and counts no read", async () => {
    const admin = await demoAs('tenant_admin');
    const draft = await admin.post('/v1/notices', { projectId: fx.xixi, title: '草稿', body: '未发布。' });
    const ningbo = await admin.post('/v1/notices', {
      branchId: fx.ningbo,
      title: '宁波停电',
      body: '周日停电。',
    });
    expect((await admin.post(`/v1/notices/${ningbo.body.id}/publish`)).status).toBe(200);
    const desk = await demoAs('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    const before = await reads();
    for (const id of [draft.body.id, ningbo.body.id]) {
      const res = await call('GET', `/public/v1/owner-link/${created.ownerLink.token}/notices/${id}`);
      expect(res.status).toBe(404);
    }
    expect(await reads()).toBe(before);
  });

  it('a forged link is 401', async () => {
    const res = await call('GET', '/public/v1/owner-link/not-a-token/notices/ntc_x');
    expect(res.status).toBe(401);
  });
});
