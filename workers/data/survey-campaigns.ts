import { AppError, type Reach } from '@guanjia/core';
import {
  ownerUnits,
  projects,
  surveyCampaigns,
  surveyInvitations,
  surveyResponses,
} from '@guanjia/core/db/schema';
import { and, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { branchFilter, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned, type VersionedTable } from './records';
import type { TenantScope } from './scope';

/** Survey campaigns, the owners drawn into them (invitations) and their answers. */

export type SurveyCampaignRow = typeof surveyCampaigns.$inferSelect;
export type SurveyInvitationRow = typeof surveyInvitations.$inferSelect;
export type SurveyResponseRow = typeof surveyResponses.$inferSelect;

// Twelve columns a row: eight rows stay under D1's hundred bound parameters a statement.
const ROWS_PER_INSERT = 8;

/** The campaign, its invitations and its audit entry in one batch. */
export async function insertCampaign(
  scope: TenantScope,
  row: SurveyCampaignRow,
  invitations: SurveyInvitationRow[],
): Promise<void> {
  const inserts: unknown[] = [];
  for (let i = 0; i < invitations.length; i += ROWS_PER_INSERT) {
    inserts.push(scope.db.insert(surveyInvitations).values(invitations.slice(i, i + ROWS_PER_INSERT)));
  }
  await commit(scope, [
    scope.db.insert(surveyCampaigns).values(row),
    ...inserts,
    auditEntry(scope, 'satisfaction.campaigns.create', { type: 'surveyCampaign', id: row.id }, null, {
      ...row,
      invitations: invitations.length,
    }),
  ]);
}

export async function findCampaign(scope: TenantScope, id: string): Promise<SurveyCampaignRow> {
  const row = await scope.db.query.surveyCampaigns.findFirst({
    where: and(eq(surveyCampaigns.tenantId, scope.tenantId), eq(surveyCampaigns.id, id)),
  });
  if (!row) throw new AppError('not_found', `Survey campaign ${id} not found`);
  return row;
}

export function listCampaigns(
  scope: TenantScope,
  filters: { status?: SurveyCampaignRow['status']; visible?: SQL | undefined },
  page: PageRequest,
) {
  return keysetPage(
    scope,
    surveyCampaigns,
    [filters.status ? eq(surveyCampaigns.status, filters.status) : undefined, filters.visible],
    page,
    'newest_first',
  );
}

/** The projects a campaign asked (from its invitations). */
export async function campaignProjectIds(scope: TenantScope, campaignId: string): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ projectId: surveyInvitations.projectId })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, scope.tenantId), eq(surveyInvitations.campaignId, campaignId)))
    .orderBy(asc(surveyInvitations.projectId));
  return rows.map((r) => r.projectId);
}

/** Campaign ids that asked any of these projects (a project-reach caller sees those). */
export function campaignsAskingProjects(scope: TenantScope, projectFilter: SQL | undefined) {
  return scope.db
    .selectDistinct({ id: surveyInvitations.campaignId })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, scope.tenantId), projectFilter));
}

export function updateCampaign(
  scope: TenantScope,
  before: SurveyCampaignRow,
  changes: Partial<SurveyCampaignRow>,
  action: string,
  extra: unknown[] = [],
  afterwards?: (after: SurveyCampaignRow) => unknown[],
): Promise<SurveyCampaignRow> {
  return updateVersioned(scope, surveyCampaigns as unknown as VersionedTable, before, changes, {
    audit: { action, type: 'surveyCampaign' },
    conflict: 'The campaign changed meanwhile',
    expectedVersion: undefined,
    extra,
    ...(afterwards ? { afterwards } : {}),
  });
}

/** Scheduled campaigns whose first day has come (`today` is the tenant's local date). */
export function campaignsToOpen(scope: TenantScope, today: string) {
  return scope.db
    .select()
    .from(surveyCampaigns)
    .where(
      and(
        eq(surveyCampaigns.tenantId, scope.tenantId),
        eq(surveyCampaigns.status, 'scheduled'),
        lte(surveyCampaigns.opensOn, today),
      ),
    )
    .orderBy(asc(surveyCampaigns.id))
    .limit(50);
}

/** Open campaigns that still have invitations neither answered nor reminded. */
export function campaignsToRemind(scope: TenantScope, today: string) {
  return scope.db
    .select()
    .from(surveyCampaigns)
    .where(
      and(
        eq(surveyCampaigns.tenantId, scope.tenantId),
        eq(surveyCampaigns.status, 'open'),
        lte(surveyCampaigns.opensOn, today),
        inArray(
          surveyCampaigns.id,
          scope.db
            .selectDistinct({ id: surveyInvitations.campaignId })
            .from(surveyInvitations)
            .where(
              and(
                eq(surveyInvitations.tenantId, scope.tenantId),
                isNull(surveyInvitations.answeredAt),
                isNull(surveyInvitations.remindedAt),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(surveyCampaigns.id))
    .limit(50);
}

/** How many of a campaign's owners have neither answered nor been reminded. */
export async function unremindedCount(scope: TenantScope, campaignId: string): Promise<number> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.tenantId, scope.tenantId),
        eq(surveyInvitations.campaignId, campaignId),
        isNull(surveyInvitations.answeredAt),
        isNull(surveyInvitations.remindedAt),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Marks every unanswered, unreminded invitation of a campaign reminded at `scope.now` (the
 * statement to put in the reminder's batch): an owner is reminded once, never after answering.
 */
export function markReminded(scope: TenantScope, campaignId: string) {
  return scope.db
    .update(surveyInvitations)
    .set({ remindedAt: scope.now, updatedAt: scope.now })
    .where(
      and(
        eq(surveyInvitations.tenantId, scope.tenantId),
        eq(surveyInvitations.campaignId, campaignId),
        isNull(surveyInvitations.answeredAt),
        isNull(surveyInvitations.remindedAt),
      ),
    );
}

/** The invitations a reminder went to (marked at `remindedAt`) that are still unanswered. */
export function remindedInvitations(scope: TenantScope, campaignId: string, remindedAt: Date) {
  return scope.db
    .select()
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.tenantId, scope.tenantId),
        eq(surveyInvitations.campaignId, campaignId),
        eq(surveyInvitations.remindedAt, remindedAt),
        isNull(surveyInvitations.answeredAt),
      ),
    )
    .orderBy(asc(surveyInvitations.id))
    .limit(20_000);
}

/** Open (or scheduled) campaigns whose last day is over. */
export function campaignsToClose(scope: TenantScope, today: string) {
  return scope.db
    .select()
    .from(surveyCampaigns)
    .where(
      and(
        eq(surveyCampaigns.tenantId, scope.tenantId),
        inArray(surveyCampaigns.status, ['scheduled', 'open']),
        lt(surveyCampaigns.closesOn, today),
      ),
    )
    .orderBy(asc(surveyCampaigns.id))
    .limit(50);
}

/** The last closed campaign before this one on the same questionnaire (for "most improved"). */
export async function previousClosedCampaign(
  scope: TenantScope,
  campaign: SurveyCampaignRow,
): Promise<SurveyCampaignRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(surveyCampaigns)
    .where(
      and(
        eq(surveyCampaigns.tenantId, scope.tenantId),
        eq(surveyCampaigns.status, 'closed'),
        eq(surveyCampaigns.templateKey, campaign.templateKey),
        ne(surveyCampaigns.id, campaign.id),
        lt(surveyCampaigns.closesOn, campaign.closesOn),
      ),
    )
    .orderBy(desc(surveyCampaigns.closesOn))
    .limit(1);
  return row;
}

/** Owners of the projects, once each (an owner of two projects is asked for the first, by id). */
export async function ownerCandidates(
  scope: TenantScope,
  projectIds: readonly string[],
): Promise<{ id: string; projectId: string }[]> {
  const seen = new Map<string, string>();
  for (let i = 0; i < projectIds.length; i += 90) {
    const rows = await scope.db
      .selectDistinct({ ownerId: ownerUnits.ownerId, projectId: ownerUnits.projectId })
      .from(ownerUnits)
      .where(
        and(
          eq(ownerUnits.tenantId, scope.tenantId),
          inArray(ownerUnits.projectId, projectIds.slice(i, i + 90)),
        ),
      );
    for (const r of rows) {
      const had = seen.get(r.ownerId);
      if (!had || r.projectId < had) seen.set(r.ownerId, r.projectId);
    }
  }
  return [...seen].map(([id, projectId]) => ({ id, projectId }));
}

export async function invitationByTokenHash(
  scope: TenantScope,
  tokenHash: string,
): Promise<SurveyInvitationRow | undefined> {
  return scope.db.query.surveyInvitations.findFirst({
    where: and(eq(surveyInvitations.tenantId, scope.tenantId), eq(surveyInvitations.tokenHash, tokenHash)),
  });
}

export function invitationsOf(scope: TenantScope, campaignId: string, opts: { unanswered?: boolean } = {}) {
  return scope.db
    .select()
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.tenantId, scope.tenantId),
        eq(surveyInvitations.campaignId, campaignId),
        opts.unanswered ? isNull(surveyInvitations.answeredAt) : undefined,
      ),
    )
    .orderBy(asc(surveyInvitations.id))
    .limit(20_000);
}

/**
 * An owner's answers in one batch with the invitation marked answered. The response's unique
 * (campaign, owner) index makes a second answer a 409 even when two arrive at once.
 */
export async function recordResponse(
  scope: TenantScope,
  invitation: SurveyInvitationRow,
  response: SurveyResponseRow,
  extra: unknown[] = [],
): Promise<void> {
  await commit(scope, [
    scope.db.insert(surveyResponses).values(response),
    scope.db
      .update(surveyInvitations)
      .set({ answeredAt: scope.now, updatedAt: scope.now })
      .where(and(eq(surveyInvitations.tenantId, scope.tenantId), eq(surveyInvitations.id, invitation.id))),
    auditEntry(
      scope,
      'satisfaction.responses.create',
      { type: 'surveyResponse', id: response.id },
      null,
      // The audit trail names the owner only when they agreed to be identified.
      { ...response, ownerId: response.identifiable ? response.ownerId : null, answers: undefined },
    ),
    ...extra,
  ]);
}

export function responsesOf(scope: TenantScope, campaignId: string) {
  return scope.db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.tenantId, scope.tenantId), eq(surveyResponses.campaignId, campaignId)))
    .orderBy(asc(surveyResponses.id))
    .limit(20_000);
}

export function listResponses(
  scope: TenantScope,
  campaignId: string,
  projectIds: readonly string[] | null,
  page: PageRequest,
) {
  return keysetPage(
    scope,
    surveyResponses,
    [
      eq(surveyResponses.campaignId, campaignId),
      projectIds ? inArray(surveyResponses.projectId, [...projectIds.slice(0, 500), '']) : undefined,
    ],
    page,
  );
}

/** Owners asked per project of a campaign. */
export async function sampledByProject(
  scope: TenantScope,
  campaignId: string,
): Promise<Record<string, number>> {
  const rows = await scope.db
    .select({ projectId: surveyInvitations.projectId, n: count() })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, scope.tenantId), eq(surveyInvitations.campaignId, campaignId)))
    .groupBy(surveyInvitations.projectId);
  return Object.fromEntries(rows.map((r) => [r.projectId, r.n]));
}

/** The projects of the tenant, or of one branch, with their branch. */
export function projectsInScope(scope: TenantScope, branchId?: string) {
  return scope.db
    .select({ id: projects.id, branchId: projects.branchId, name: projects.name })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), branchId ? eq(projects.branchId, branchId) : undefined))
    .orderBy(asc(projects.id))
    .limit(2000);
}

/** The branch of each of these projects. */
export async function projectBranches(
  scope: TenantScope,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({ id: projects.id, branchId: projects.branchId })
      .from(projects)
      .where(and(eq(projects.tenantId, scope.tenantId), inArray(projects.id, ids.slice(i, i + 90))));
    for (const r of rows) out.set(r.id, r.branchId);
  }
  return out;
}

/** Campaigns a reader sees: the whole tenant's, those of a reached branch, or those asking a reached project. */
export function campaignVisibility(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  return or(
    branchFilter(scope, reach, surveyCampaigns.branchId),
    inArray(
      surveyCampaigns.id,
      campaignsAskingProjects(scope, projectFilter(scope, reach, surveyInvitations.projectId)),
    ),
  );
}
