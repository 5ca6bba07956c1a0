import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { surveyLinkSecret, surveyToken } from '../../workers/lib/survey-links';
import type { Client } from '../support/api';
import { rows } from '../support/events';
import { demo } from '../support/staff';

/** A campaign body over the demo's Hangzhou projects, opening 7 Dec 2026 and closing 13 Dec. */
export const campaignBody = (over: Record<string, unknown> = {}) => ({
  title: '2026年度业主满意度调查',
  round: 2,
  period: '2026',
  templateKey: 'owner-satisfaction',
  templateVersion: 1,
  scope: { level: 'projects', projectIds: [demo.xixi, demo.qianjiang, demo.binjiang] },
  sampling: { mode: 'random', perProject: 4, seed: 'seed-2026' },
  channels: ['sms'],
  opensOn: '2026-12-07',
  closesOn: '2026-12-13',
  ...over,
});

export async function createCampaign(by: Client, over: Record<string, unknown> = {}) {
  const res = await by.post('/v1/satisfaction/campaigns', campaignBody(over));
  if (res.status !== 201) throw new Error(`campaign not created: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; projectIds: string[]; version: number };
}

export async function invitations(campaignId: string, tenantId = demo.tenantId) {
  return rows<{ id: string; owner_id: string; project_id: string; answered_at: number | null }>(
    'SELECT id, owner_id, project_id, answered_at FROM survey_invitations WHERE tenant_id = ? AND campaign_id = ? ORDER BY id',
    tenantId,
    campaignId,
  );
}

export const linkOf = (invitationId: string, tenantId = demo.tenantId) =>
  surveyToken(surveyLinkSecret(env), tenantId, invitationId);

/** The eleven required ratings of the default questionnaire, all `rating`. */
export function ratings(rating: number): Record<string, string> {
  const ids = [
    'repairs_response',
    'repairs_quality',
    'complaints_response',
    'complaints_result',
    'security_patrol',
    'cleaning_common',
    'greenery_care',
    'front_desk_service',
    'facilities_upkeep',
    'communication_care',
    'overall',
  ];
  return Object.fromEntries(ids.map((id) => [id, String(rating)]));
}

/** The owner's survey page answered as a browser posts its form. */
export async function answer(token: string, form: Record<string, string>) {
  const response = await exports.default.fetch(`http://api.test/survey-link/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

export async function openPage(token: string) {
  const response = await exports.default.fetch(`http://api.test/survey-link/${token}`);
  return { status: response.status, text: await response.text() };
}

/**
 * A closed campaign over Xixi, Qianjiang, Binjiang and Donghu rated 2, 3, 5 and 4 by all their
 * owners (so Xixi, Qianjiang and Donghu are the bottom three), opened 3 Dec and closed after 4
 * Dec 2026; leaves the clock at 5 Dec 2026, 10:00 in Shanghai.
 */
export async function closedCampaign(by: () => Promise<Client>) {
  const { setNow } = await import('../star/star-support');
  const { cronTick } = await import('../support/cron');
  setNow('2026-12-02T02:00:00Z');
  const campaign = await createCampaign(await by(), {
    scope: { level: 'projects', projectIds: [demo.xixi, demo.qianjiang, demo.binjiang, demo.donghu] },
    sampling: { mode: 'all' },
    opensOn: '2026-12-03',
    closesOn: '2026-12-04',
  });
  setNow('2026-12-03T02:00:00Z');
  await cronTick(new Date('2026-12-03T02:00:00Z'));
  const rating: Record<string, number> = {
    [demo.xixi]: 2,
    [demo.qianjiang]: 3,
    [demo.binjiang]: 5,
    [demo.donghu]: 4,
  };
  for (const inv of await invitations(campaign.id)) {
    const res = await answer(await linkOf(inv.id), ratings(rating[inv.project_id] ?? 3));
    if (res.status !== 200) throw new Error(`answer refused: ${res.status}`);
  }
  setNow('2026-12-05T02:00:00Z');
  await cronTick(new Date('2026-12-05T02:00:00Z'));
  return campaign;
}
