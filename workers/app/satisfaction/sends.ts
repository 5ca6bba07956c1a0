import type { ChannelKind } from '@guanjia/core/db/schema';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import type { TenantScope } from '../../data/scope';
import * as campaigns from '../../data/survey-campaigns';
import type { Env } from '../../env';
import { surveyLinkPath, surveyLinkSecret, surveyToken } from '../../lib/survey-links';
import { publicBaseUrl } from '../../notify/owner-messages';
import type { ChannelSend } from '../../notify/send';
import { ownerRecipients } from '../events/recipients';

/**
 * The messages a campaign's opening causes: each invited owner gets their own link by the
 * campaign's channels (one send per owner: the link is theirs; the notification rows are unique
 * by event and recipient, so a retried event sends nobody twice). Its reminder sends the same
 * link again to the owners it marked who still have not answered.
 */
export async function surveyLinkSends(
  env: Env,
  scope: TenantScope,
  event: EventEnvelope,
): Promise<ChannelSend[]> {
  if (event.type !== 'survey.campaign_opened' && event.type !== 'survey.campaign_reminded') return [];
  const campaignId = String(event.data.campaignId ?? '');
  const campaign = await campaigns.findCampaign(scope, campaignId).catch(() => null);
  if (campaign?.status !== 'open') return [];
  const reminder = event.type === 'survey.campaign_reminded';
  const remindedAt = new Date(String(event.data.remindedAt ?? ''));
  if (reminder && Number.isNaN(remindedAt.getTime())) return [];
  const invitations = reminder
    ? await campaigns.remindedInvitations(scope, campaign.id, remindedAt)
    : await campaigns.invitationsOf(scope, campaign.id, { unanswered: true });
  const recipients = new Map(
    (
      await ownerRecipients(
        scope,
        invitations.map((i) => i.ownerId),
      )
    ).map((r) => [r.id, r]),
  );
  const secret = surveyLinkSecret(env);
  const base = publicBaseUrl(env);
  const sends: ChannelSend[] = [];
  for (const invitation of invitations) {
    const recipient = recipients.get(invitation.ownerId);
    if (!recipient) continue;
    const link = `${base}${surveyLinkPath(await surveyToken(secret, scope.tenantId, invitation.id))}`;
    sends.push({
      kinds: campaign.channels as ChannelKind[],
      recipients: [recipient],
      message: {
        template: reminder ? 'survey.reminder' : 'survey.invitation',
        subject: campaign.title,
        text: reminder
          ? `${campaign.title}：调查将于 ${campaign.closesOn} 截止，您还未填写，请点击填写 ${link}`
          : `${campaign.title}：请在 ${campaign.closesOn} 前填写满意度调查问卷 ${link}`,
        params: { title: campaign.title, closesOn: campaign.closesOn, link },
        link,
      },
    });
  }
  return sends;
}
