import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { answer, campaignBody, createCampaign, invitations, linkOf, ratings } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

const campaignCount = async () =>
  (
    await rows<{ n: number }>('SELECT count(*) AS n FROM survey_campaigns WHERE tenant_id = ?', demo.tenantId)
  )[0]?.n;
const invitationCount = async () =>
  (
    await rows<{ n: number }>(
      'SELECT count(*) AS n FROM survey_invitations WHERE tenant_id = ?',
      demo.tenantId,
    )
  )[0]?.n;

describe('a campaign that cannot be scheduled names the field and writes nothing', () => {
  it.each([
    ['closesOn', { closesOn: '2026-12-01' }],
    ['templateVersion', { templateVersion: 0 }],
    ['templateKey', { templateVersion: 9 }],
    ['scope.projectIds.1', { scope: { level: 'projects', projectIds: [demo.xixi, 'prj_nope'] } }],
    ['sampling.perProject', { sampling: { mode: 'random', perProject: 0, seed: 's' } }],
    ['channels.0', { channels: ['fax'] }],
  ])('%s', async (field, over) => {
    const admin = await demoAt('tenant_admin');
    const [before, invited] = [await campaignCount(), await invitationCount()];
    const res = await admin.post('/v1/satisfaction/campaigns', campaignBody(over));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await campaignCount()).toBe(before);
    expect(await invitationCount()).toBe(invited);
  });

  it('an unknown field is refused', async () => {
    const admin = await demoAt('tenant_admin');
    const res = await admin.post('/v1/satisfaction/campaigns', { ...campaignBody(), anonymous: false });
    expect(res.status).toBe(400);
  });

  it('a questionnaire with a duplicate question is refused, no version stored', async () => {
    const admin = await demoAt('tenant_admin');
    const q = { id: 'overall', dimension: 'overall', type: 'scale', label: { zh: '总体', en: 'Overall' } };
    const res = await admin.post('/v1/satisfaction/templates', {
      key: 'dup-test',
      title: { zh: '重复', en: 'Dup' },
      questions: [q, q],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('questions.1.id');
    expect(await rows("SELECT id FROM survey_templates WHERE key = 'dup-test'")).toHaveLength(0);
  });
});

describe('an owner answer that is not taken', () => {
  it('missing ratings are a 400 page and nothing is recorded; a cancelled campaign takes none', async () => {
    setNow('2026-12-02T02:00:00Z');
    let admin = await demoAt('tenant_admin');
    const campaign = await createCampaign(admin, { opensOn: '2026-12-03', closesOn: '2026-12-20' });
    const [inv] = await invitations(campaign.id);
    if (!inv) throw new Error('no invitation');
    setNow('2026-12-03T02:00:00Z');
    await cronTick(new Date('2026-12-03T02:00:00Z'));
    const partial = ratings(4);
    delete partial.overall;
    const res = await answer(await linkOf(inv.id), partial);
    expect(res.status).toBe(400);
    expect(res.text).toContain('请完成所有必答题');
    expect(await rows('SELECT id FROM survey_responses WHERE campaign_id = ?', campaign.id)).toHaveLength(0);
    expect((await invitations(campaign.id))[0]?.answered_at).toBeNull();

    admin = await demoAt('tenant_admin');
    const cancelled = await admin.post(`/v1/satisfaction/campaigns/${campaign.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await answer(await linkOf(inv.id), ratings(4))).status).toBe(409);
    // Cancelling twice is not a step.
    expect((await admin.post(`/v1/satisfaction/campaigns/${campaign.id}/cancel`)).status).toBe(409);
  });

  it('a forged link opens nothing', async () => {
    const res = await answer(`${demo.tenantId}.svi_x.forged`, ratings(5));
    expect(res.status).toBe(404);
    expect((await answer('garbage', ratings(5))).status).toBe(404);
  });
});
