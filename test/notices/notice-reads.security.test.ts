import { describe, expect, it } from 'vitest';
import { frontDeskComplaint, intake } from '../cases/support';
import { call } from '../support/api';
import { demoAs } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe('notice reads and who may see them', () => {
  it("another tenant's notice is 404 through a demo owner's link, and absent from the demo staff's list", async () => {
    const other = await newTenant('Other Group');
    const estate = await newEstate(other.admin);
    const notice = await other.admin.post('/v1/notices', {
      projectId: estate.projectId,
      title: '别家的公告',
      body: '与你无关。',
    });
    expect(notice.status).toBe(201);
    expect((await other.admin.post(`/v1/notices/${notice.body.id}/publish`)).status).toBe(200);

    const desk = await demoAs('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    const res = await call(
      'GET',
      `/public/v1/owner-link/${created.ownerLink.token}/notices/${notice.body.id}`,
    );
    expect(res.status).toBe(404);
    const admin = await demoAs('tenant_admin');
    const list = await admin.get('/v1/notices?limit=100');
    expect(list.body.data.map((n: { id: string }) => n.id)).not.toContain(notice.body.id);
    const own = await other.admin.get('/v1/notices');
    expect(own.body.data[0]).toMatchObject({ id: notice.body.id, readCount: 0, audienceSize: 0 });
  });

  it('a mystery shopper (no owners.read) may not list notices and their read counts (403)', async () => {
    const shopper = await demoAs('mystery_shopper');
    expect((await shopper.get('/v1/notices')).status).toBe(403);
  });
});
