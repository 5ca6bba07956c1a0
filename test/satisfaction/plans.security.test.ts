import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, staffId } from '../star/star-support';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { closedCampaign } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

describe('who files, reviews and sees plans', () => {
  it('each role its own step; other branches and tenants see nothing', async () => {
    const campaign = await closedCampaign(() => demoAt('tenant_admin'));
    const pm = await demoAt('project_manager');
    // Xixi's manager cannot file for Qianjiang (out of reach: not found).
    const other = await pm.post('/v1/satisfaction/plans', {
      campaignId: campaign.id,
      subject: { kind: 'project', projectId: demo.qianjiang },
      ownerId: staffId(9),
      measures: [{ id: 'm1', indicator: 'overall', action: 'x', ownerId: staffId(9), dueOn: '2027-01-31' }],
    });
    expect(other.status).toBe(400);
    expect(other.body.issues[0].path).toBe('subject.projectId');
    const filed = await pm.post('/v1/satisfaction/plans', {
      campaignId: campaign.id,
      subject: { kind: 'project', projectId: demo.xixi },
      ownerId: staffId(9),
      measures: [
        { id: 'm1', indicator: 'overall', action: '加强回访', ownerId: staffId(9), dueOn: '2027-01-31' },
      ],
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id;

    // The GM reads but does not submit; the project manager does not approve.
    expect(
      (await (await demoAt('branch_gm')).post(`/v1/satisfaction/plans/${id}/steps`, { type: 'submit' }))
        .status,
    ).toBe(403);
    await pm.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'submit' });
    expect((await pm.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'approve' })).status).toBe(403);
    expect((await (await demoAt('branch_gm')).get(`/v1/satisfaction/plans/${id}`)).status).toBe(200);

    // Ningbo's GM and another tenant: 404, and not listed.
    const ningbo = await demoAt('branch_gm.nb');
    expect((await ningbo.get(`/v1/satisfaction/plans/${id}`)).status).toBe(404);
    expect((await ningbo.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'approve' })).status).toBe(404);
    const list = await ningbo.get('/v1/satisfaction/plans?limit=200');
    expect(list.body.data.map((p: { id: string }) => p.id)).not.toContain(id);
    const stranger = await newTenant('Stranger Group');
    expect((await stranger.admin.get(`/v1/satisfaction/plans/${id}`)).status).toBe(404);

    // No satisfaction permission at all.
    expect((await (await demoAt('front_desk')).get('/v1/satisfaction/plans')).status).toBe(403);
    expect((await (await demoAt('front_desk')).get(`/v1/satisfaction/plans/${id}`)).status).toBe(403);
  });
});
