import { type Reach, satisfaction } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as campaigns from '../../data/survey-campaigns';
import { reachedProjects, visibleCampaign } from './campaigns';

/**
 * The answers of a campaign as staff see them: of the reader's projects only, and without the
 * owner unless the owner agreed to be identified (默认匿名).
 */
export async function listResponses(scope: TenantScope, reach: Reach, campaignId: string, page: PageRequest) {
  const { campaign } = await visibleCampaign(scope, reach, campaignId);
  const mine = reach.kind === 'tenant' ? null : await reachedProjects(scope, reach, campaign);
  const rows = await campaigns.listResponses(scope, campaign.id, mine, page);
  return rows.map((r) => ({
    ...satisfaction.staffViewOfResponse({
      id: r.id,
      ownerId: r.ownerId,
      projectId: r.projectId,
      identifiable: r.identifiable,
      answers: r.answers as Record<string, satisfaction.Answer>,
      comment: r.comment ?? undefined,
    }),
    answeredAt: r.answeredAt,
  }));
}
