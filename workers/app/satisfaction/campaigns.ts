import { AppError, fieldError, newId, type Reach, satisfaction } from '@guanjia/core';
import { findBranch } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { SurveyCampaignRow, SurveyInvitationRow } from '../../data/survey-campaigns';
import * as campaigns from '../../data/survey-campaigns';
import { surveyToken, surveyTokenHash } from '../../lib/survey-links';
import { tenantCalendar } from './settings';
import { pinnedTemplate } from './templates';

export type { SurveyCampaignRow } from '../../data/survey-campaigns';

/** A campaign with what a reader sees of it: the projects it asked within their reach and its phase. */
export interface CampaignView {
  campaign: SurveyCampaignRow;
  projectIds: string[];
  phase: satisfaction.CampaignPhase | 'cancelled';
}

/** The projects a campaign's scope names, each in the creator's reach (else a 400 naming the field). */
async function projectsOfScope(scope: TenantScope, reach: Reach, s: satisfaction.CampaignScope) {
  if (s.level === 'tenant') {
    if (reach.kind !== 'tenant') throw fieldError('scope.level', 'A tenant-wide campaign needs group reach');
    return { branchId: null, projects: await campaigns.projectsInScope(scope) };
  }
  if (s.level === 'branch') {
    const branch = await findBranch(scope, s.branchId);
    if (!branch || !inReach(reach, { branchId: branch.id })) {
      throw fieldError('scope.branchId', `Branch ${s.branchId} not found`);
    }
    return { branchId: branch.id, projects: await campaigns.projectsInScope(scope, branch.id) };
  }
  const ids = [...new Set(s.projectIds)];
  const branches = await campaigns.projectBranches(scope, ids);
  ids.forEach((id, i) => {
    const branchId = branches.get(id);
    if (!branchId || !inReach(reach, { branchId, projectId: id })) {
      throw fieldError(`scope.projectIds.${i}`, `Project ${id} not found`);
    }
  });
  const one = new Set(branches.values());
  return {
    branchId: one.size === 1 ? ([...one][0] as string) : null,
    projects: ids.map((id) => ({ id, branchId: branches.get(id) as string })),
  };
}

/**
 * The CS centre schedules a campaign: the owners of its projects are drawn (all, or N per
 * project from the recorded seed, so an auditor redraws the same sample) into invitations, each
 * with the hash of its owner link; campaign and invitations are one batch.
 */
export async function createCampaign(
  scope: TenantScope,
  reach: Reach,
  input: satisfaction.Campaign & { linkSecret: string },
): Promise<CampaignView> {
  const { linkSecret, ...body } = input;
  const parsed = satisfaction.CampaignSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(issue?.path.map(String).join('.') ?? '', issue?.message ?? 'invalid');
  }
  const c = parsed.data;
  await pinnedTemplate(scope, c.templateKey, c.templateVersion);
  const { branchId, projects } = await projectsOfScope(scope, reach, c.scope);
  if (projects.length === 0) throw fieldError('scope', 'The scope has no project');
  const drawn = satisfaction.drawOwners(
    await campaigns.ownerCandidates(
      scope,
      projects.map((p) => p.id),
    ),
    c.sampling,
  );
  const id = newId('surveyCampaign');
  const invitations: SurveyInvitationRow[] = [];
  for (const owner of drawn) {
    const invitationId = newId('surveyInvitation');
    invitations.push({
      id: invitationId,
      tenantId: scope.tenantId,
      campaignId: id,
      ownerId: owner.id,
      projectId: owner.projectId,
      channel: c.channels.join(','),
      tokenHash: await surveyTokenHash(await surveyToken(linkSecret, scope.tenantId, invitationId)),
      sentAt: null,
      answeredAt: null,
      remindedAt: null,
      createdAt: scope.now,
      updatedAt: scope.now,
    });
  }
  const row: SurveyCampaignRow = {
    id,
    tenantId: scope.tenantId,
    title: c.title,
    round: c.round,
    period: c.period,
    templateKey: c.templateKey,
    templateVersion: c.templateVersion,
    scope: c.scope,
    branchId,
    sampling: c.sampling,
    channels: c.channels,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    status: 'scheduled',
    closedAt: null,
    results: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await campaigns.insertCampaign(scope, row, invitations);
  return view(scope, row, [...new Set(invitations.map((i) => i.projectId))].sort());
}

async function view(
  scope: TenantScope,
  campaign: SurveyCampaignRow,
  projectIds: string[],
): Promise<CampaignView> {
  const phase =
    campaign.status === 'cancelled'
      ? 'cancelled'
      : campaign.status === 'closed'
        ? 'closed'
        : satisfaction.campaignPhase(campaign, await tenantCalendar(scope), scope.now);
  return { campaign, projectIds, phase };
}

/** The projects of a campaign that lie in a reach, and whether the campaign is visible at all. */
export async function reachedProjects(scope: TenantScope, reach: Reach, campaign: SurveyCampaignRow) {
  const all = await campaigns.campaignProjectIds(scope, campaign.id);
  if (reach.kind === 'tenant') return all;
  const branches = await campaigns.projectBranches(scope, all);
  return all.filter((p) => inReach(reach, { branchId: branches.get(p) ?? null, projectId: p }));
}

/** A campaign the reader reaches (through its branch or one of its projects); else 404. */
export async function visibleCampaign(scope: TenantScope, reach: Reach, id: string) {
  const campaign = await campaigns.findCampaign(scope, id);
  const projectIds = await reachedProjects(scope, reach, campaign);
  const viaBranch = campaign.branchId !== null && inReach(reach, { branchId: campaign.branchId });
  if (reach.kind !== 'tenant' && !viaBranch && projectIds.length === 0) {
    throw new AppError('not_found', `Survey campaign ${id} not found`);
  }
  return { campaign, projectIds };
}

export async function getCampaign(scope: TenantScope, reach: Reach, id: string): Promise<CampaignView> {
  const { campaign, projectIds } = await visibleCampaign(scope, reach, id);
  return view(scope, campaign, projectIds);
}

export async function listCampaigns(
  scope: TenantScope,
  reach: Reach,
  query: { status?: SurveyCampaignRow['status'] },
  page: PageRequest,
): Promise<CampaignView[]> {
  const rows = await campaigns.listCampaigns(
    scope,
    { ...query, visible: campaigns.campaignVisibility(scope, reach) },
    page,
  );
  const calendar = await tenantCalendar(scope);
  return rows.map((campaign) => ({
    campaign,
    projectIds: [],
    phase:
      campaign.status === 'cancelled' || campaign.status === 'closed'
        ? campaign.status
        : satisfaction.campaignPhase(campaign, calendar, scope.now),
  }));
}

/** Cancels a campaign that has not closed; its owners' links stop answering. */
export async function cancelCampaign(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; expectedVersion: number | undefined },
): Promise<CampaignView> {
  const { campaign, projectIds } = await visibleCampaign(scope, reach, input.id);
  if (campaign.branchId === null && reach.kind !== 'tenant') {
    throw new AppError('forbidden', 'Only the group CS centre changes a tenant-wide campaign');
  }
  if (campaign.status === 'closed' || campaign.status === 'cancelled') {
    throw new AppError('illegal_transition', `The campaign is ${campaign.status}`);
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== campaign.version) {
    throw new AppError('precondition_failed', `Current version is ${campaign.version}`);
  }
  const after = await campaigns.updateCampaign(
    scope,
    campaign,
    { status: 'cancelled' },
    'satisfaction.campaigns.cancel',
  );
  return view(scope, after, projectIds);
}
