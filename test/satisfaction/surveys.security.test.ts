import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime } from '../star/star-support';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import {
  answer,
  campaignBody,
  createCampaign,
  invitations,
  linkOf,
  openPage,
  ratings,
} from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

describe('who sees and runs surveys', () => {
  it("another tenant's campaign is a 404, and its owner link does not open from another tenant", async () => {
    const campaign = await createCampaign(await demoAt('tenant_admin'));
    const other = await newTenant('Other Group');
    for (const path of ['', '/results', '/responses']) {
      expect((await other.admin.get(`/v1/satisfaction/campaigns/${campaign.id}${path}`)).status).toBe(404);
    }
    const [inv] = await invitations(campaign.id);
    if (!inv) throw new Error('no invitation');
    // The same invitation under another tenant's id is no link at all.
    expect((await openPage(await linkOf(inv.id, other.tenantId))).status).toBe(404);
    expect((await answer(await linkOf(inv.id, other.tenantId), ratings(5))).status).toBe(404);
  });

  it("a Hangzhou campaign is out of the Ningbo GM's reach: 404, and not listed", async () => {
    const campaign = await createCampaign(await demoAt('branch_cs_manager'), {
      scope: { level: 'branch', branchId: demo.hangzhou },
    });
    const ningbo = await demoAt('branch_gm.nb');
    expect((await ningbo.get(`/v1/satisfaction/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await ningbo.get(`/v1/satisfaction/campaigns/${campaign.id}/results`)).status).toBe(404);
    const list = await ningbo.get('/v1/satisfaction/campaigns?limit=200');
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(campaign.id);
    // The Hangzhou GM reads it; Xixi's project manager sees only Xixi in the results.
    expect((await (await demoAt('branch_gm')).get(`/v1/satisfaction/campaigns/${campaign.id}`)).status).toBe(
      200,
    );
    const pm = await (await demoAt('project_manager')).get(
      `/v1/satisfaction/campaigns/${campaign.id}/results`,
    );
    expect(pm.status).toBe(200);
    expect(pm.body.projects.map((p: { projectId: string }) => p.projectId)).toEqual([demo.xixi]);
  });

  it('the branch CS manager cannot survey another branch: the project is not found', async () => {
    const res = await (await demoAt('branch_cs_manager')).post(
      '/v1/satisfaction/campaigns',
      campaignBody({ scope: { level: 'projects', projectIds: [demo.xixi, demo.donghu] } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('scope.projectIds.1');
    const tenantWide = await (await demoAt('branch_cs_manager')).post(
      '/v1/satisfaction/campaigns',
      campaignBody({ scope: { level: 'tenant' } }),
    );
    expect(tenantWide.status).toBe(400);
    expect(tenantWide.body.issues[0].path).toBe('scope.level');
  });

  it('roles without the permission get 403', async () => {
    expect(
      (await (await demoAt('front_desk')).post('/v1/satisfaction/campaigns', campaignBody())).status,
    ).toBe(403);
    expect(
      (await (await demoAt('branch_gm')).post('/v1/satisfaction/campaigns', campaignBody())).status,
    ).toBe(403);
    expect((await (await demoAt('front_desk')).get('/v1/satisfaction/campaigns')).status).toBe(403);
    expect((await (await demoAt('engineer')).get('/v1/satisfaction/templates')).status).toBe(403);
    const saved = await (await demoAt('project_manager')).post('/v1/satisfaction/templates', {
      key: 'pm-made',
      title: { zh: '项目', en: 'Project' },
      questions: [
        { id: 'overall', dimension: 'overall', type: 'scale', label: { zh: '总体', en: 'Overall' } },
      ],
    });
    expect(saved.status).toBe(403);
  });
});
