import { localDate, type Reach, satisfaction, type sla, withinReach } from '@guanjia/core';
import { auditEntry } from '../../data/audit-log';
import { commit } from '../../data/commit';
import { departmentsWithHeads, staffWithRoles } from '../../data/interviews';
import { outboxEvent } from '../../data/outbox';
import { roleHolders } from '../../data/role-holders';
import type { TenantScope } from '../../data/scope';
import type { SurveyCampaignRow } from '../../data/survey-campaigns';
import * as campaigns from '../../data/survey-campaigns';
import { periodFigures } from '../../data/survey-figures';
import { templateOf } from '../../data/survey-templates';
import { reachedProjects, visibleCampaign } from './campaigns';
import { satisfactionSettings, tenantCalendar } from './settings';
import { pinnedTemplate } from './templates';

/*
 * A campaign's life on the tenant calendar: it opens on its first local day (the owners get
 * their links), closes after its last, and on closing its results are snapshotted with the
 * ranking, the bottom three (who must file a plan), the three most improved and the short boards.
 */

/** What a closed campaign keeps (`survey_campaigns.results`). */
export interface CampaignSnapshot {
  projects: satisfaction.ProjectResult[];
  figures: satisfaction.PeriodFigures[];
  figuresWindow: { from: string; to: string };
  shortBoards: satisfaction.ShortBoard[];
  ranking: { projects: satisfaction.RankedEntry[]; departments: satisfaction.RankedEntry[] };
  bottomThree: string[];
  bottomThreeDepartments: string[];
  mostImproved: satisfaction.Improvement[];
  previousCampaignId: string | null;
  /** Whom this round's results count against (分阶段挂钩), as the setting said at the close. */
  linkage: satisfaction.LinkageAudience;
}

/**
 * The cron's step: open the campaigns whose first day has come, remind the owners of open ones
 * who have not answered once the reminder date has come, close those whose last day is over.
 */
export async function runSurveyCampaigns(
  scope: TenantScope,
): Promise<{ opened: number; reminded: number; closed: number }> {
  const today = localDate(scope.now, scope.timeZone);
  let closed = 0;
  for (const c of await campaigns.campaignsToClose(scope, today)) {
    await closeCampaign(scope, c);
    closed += 1;
  }
  let opened = 0;
  for (const c of await campaigns.campaignsToOpen(scope, today)) {
    const invitations = Object.values(await campaigns.sampledByProject(scope, c.id)).reduce(
      (a, b) => a + b,
      0,
    );
    await campaigns.updateCampaign(
      scope,
      c,
      { status: 'open' },
      'satisfaction.campaigns.open',
      [],
      (after) => [
        outboxEvent(
          scope,
          'survey.campaign_opened',
          {
            campaignId: after.id,
            title: after.title,
            round: after.round,
            channels: after.channels,
            invitations,
            closesOn: after.closesOn,
          },
          { branchId: after.branchId },
        ),
      ],
    );
    opened += 1;
  }
  const reminded = await remindSurveyOwners(scope, today);
  return { opened, reminded, closed };
}

/**
 * The one reminder of each open campaign whose reminder date (`settings.satisfaction.reminder`,
 * working days before the close on the tenant calendar) has come: its unanswered owners are
 * marked reminded and `survey.campaign_reminded` sends each their own link again by the
 * campaign's channels, in one batch. An owner is reminded once per campaign: the mark is the
 * guard, so a later tick (or an owner added by nobody) changes nothing. Answers the campaigns reminded.
 */
async function remindSurveyOwners(scope: TenantScope, today: string): Promise<number> {
  const settings = await satisfactionSettings(scope);
  if (!settings.reminder.enabled) return 0;
  const calendar = await tenantCalendar(scope);
  let reminded = 0;
  for (const c of await campaigns.campaignsToRemind(scope, today)) {
    const on = satisfaction.campaignReminderDate(c, calendar, settings.reminder);
    if (!on || today < on || today > c.closesOn) continue;
    const reminders = await campaigns.unremindedCount(scope, c.id);
    if (!reminders) continue;
    await commit(scope, [
      campaigns.markReminded(scope, c.id),
      auditEntry(scope, 'satisfaction.campaigns.remind', { type: 'surveyCampaign', id: c.id }, null, {
        reminders,
        remindedOn: today,
      }),
      outboxEvent(
        scope,
        'survey.campaign_reminded',
        {
          campaignId: c.id,
          title: c.title,
          round: c.round,
          channels: c.channels,
          reminders,
          remindedAt: scope.now.toISOString(),
          closesOn: c.closesOn,
        },
        { branchId: c.branchId },
      ),
    ]);
    reminded += 1;
  }
  return reminded;
}

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) - months;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/** Computes a campaign's results now (open campaigns are read live, closed ones from the snapshot). */
export async function computeSnapshot(
  scope: TenantScope,
  c: SurveyCampaignRow,
  calendar: sla.Calendar,
): Promise<CampaignSnapshot> {
  const settings = await satisfactionSettings(scope);
  const template = templateOf(await pinnedTemplate(scope, c.templateKey, c.templateVersion));
  const responses = await campaigns.responsesOf(scope, c.id);
  const sampled = await campaigns.sampledByProject(scope, c.id);
  const projects = satisfaction.campaignResults({
    template,
    responses: responses.map((r) => ({ projectId: r.projectId, answers: r.answers as never })),
    sampledByProject: sampled,
  });
  const { closesAt } = satisfaction.campaignWindow(c, calendar);
  const fromDate = monthsBefore(c.closesOn, settings.figuresMonths);
  const from = satisfaction.campaignWindow({ opensOn: fromDate, closesOn: fromDate }, calendar).opensAt;
  const figures = await periodFigures(scope, Object.keys(sampled).sort(), { from, to: closesAt });
  const ranking = {
    projects: satisfaction.rank(satisfaction.scoredAt(projects, 'project')),
    departments: satisfaction.rank(satisfaction.scoredAt(projects, 'department')),
  };
  const previous = await campaigns.previousClosedCampaign(scope, c);
  const before = (previous?.results as CampaignSnapshot | null | undefined)?.projects ?? [];
  return {
    projects,
    figures,
    figuresWindow: { from: from.toISOString(), to: closesAt.toISOString() },
    shortBoards: satisfaction.shortBoards(projects, figures, settings.shortBoards),
    ranking,
    bottomThree: satisfaction.bottomThree(ranking.projects).map((e) => e.id),
    bottomThreeDepartments: satisfaction.bottomThree(ranking.departments).map((e) => e.id),
    mostImproved: satisfaction.mostImproved(
      satisfaction.scoredAt(projects, 'project'),
      satisfaction.scoredAt(before, 'project'),
    ),
    previousCampaignId: previous?.id ?? null,
    linkage: satisfaction.linkageOfRound(settings.linkage, c.round),
  };
}

/**
 * Closes a campaign: the snapshot, the status and `survey.campaign_closed` (to the project
 * managers of the bottom three, who must file a plan, and the CS centre) in one batch.
 */
export async function closeCampaign(scope: TenantScope, c: SurveyCampaignRow): Promise<SurveyCampaignRow> {
  const snapshot = await computeSnapshot(scope, c, await tenantCalendar(scope));
  const managers = await roleHolders(scope, {
    roles: ['project_manager'],
    places: [{ scopeType: 'project', scopeIds: snapshot.bottomThree }],
  });
  const centre = await roleHolders(scope, {
    roles: ['cr_manager', 'branch_cs_manager'],
    places: c.branchId
      ? [{ scopeType: 'group' }, { scopeType: 'branch', scopeIds: [c.branchId] }]
      : [{ scopeType: 'group' }],
  });
  const notify = [...new Set([...managers, ...centre].map((h) => h.userId))];
  const responses = snapshot.projects.reduce((a, p) => a + p.responses, 0);
  const sampled = snapshot.projects.reduce((a, p) => a + p.sampled, 0);
  return campaigns.updateCampaign(
    scope,
    c,
    { status: 'closed', closedAt: scope.now, results: snapshot as unknown as Record<string, unknown> },
    'satisfaction.campaigns.close',
    [],
    (after) => [
      outboxEvent(
        scope,
        'survey.campaign_closed',
        {
          campaignId: after.id,
          title: after.title,
          round: after.round,
          responses,
          sampled,
          bottomThree: snapshot.bottomThree,
          mostImproved: snapshot.mostImproved.map((m) => ({ projectId: m.id, improvement: m.improvement })),
          notifyStaffIds: notify,
        },
        { branchId: after.branchId },
      ),
    ],
  );
}

/**
 * A campaign's results as a reader sees them: per project, department and dimension with the
 * response rate, the period's figures and short boards, the ranking (`rank` is the whole
 * campaign's, `reachRank` the rank among the reader's projects; only those are listed) and the flags. Read live until it closes.
 */
export async function campaignResultsView(scope: TenantScope, reach: Reach, id: string) {
  const { campaign } = await visibleCampaign(scope, reach, id);
  const mine = new Set(await reachedProjects(scope, reach, campaign));
  const snapshot =
    campaign.status === 'closed' && campaign.results
      ? (campaign.results as unknown as CampaignSnapshot)
      : await computeSnapshot(scope, campaign, await tenantCalendar(scope));
  const keep = (projectId: string) => mine.has(projectId);
  const staffScores = await linkedStaffScores(scope, snapshot, mine);
  return {
    campaign,
    final: campaign.status === 'closed',
    staffScores,
    snapshot: {
      ...snapshot,
      projects: snapshot.projects.filter((p) => keep(p.projectId)),
      figures: snapshot.figures.filter((f) => keep(f.projectId)),
      shortBoards: snapshot.shortBoards.filter((b) => keep(b.projectId)),
      ranking: {
        projects: withinReach(snapshot.ranking.projects, (e) => keep(e.id)),
        departments: withinReach(snapshot.ranking.departments, (e) => keep(e.id.split(':')[0] ?? '')),
      },
      bottomThree: snapshot.bottomThree.filter(keep),
      bottomThreeDepartments: snapshot.bottomThreeDepartments.filter((d) => keep(d.split(':')[0] ?? '')),
      mostImproved: snapshot.mostImproved.filter((m) => keep(m.id)),
    },
  };
}

/**
 * The round's staff scorecard (分阶段挂钩): each active staff member answering for a project of
 * the campaign in the reader's reach, with the score they are appraised on and whether this
 * round counts against them. A closed campaign is read under the audience its snapshot recorded.
 */
async function linkedStaffScores(scope: TenantScope, snapshot: CampaignSnapshot, mine: Set<string>) {
  const [staff, departments, branchOf] = await Promise.all([
    staffWithRoles(scope),
    departmentsWithHeads(scope),
    campaigns.projectBranches(
      scope,
      snapshot.projects.map((p) => p.projectId),
    ),
  ]);
  const asked = snapshot.projects.map((p) => p.projectId);
  const kindOf = new Map(departments.map((d) => [d.id, d.kind]));
  const heads = new Set(departments.flatMap((d) => d.headIds));
  const people = staff
    .map((s) => {
      const projectIds = asked.filter((id) =>
        s.grants.some(
          (g) =>
            g.scopeType === 'group' ||
            (g.scopeType === 'branch' && g.scopeId === branchOf.get(id)) ||
            (g.scopeType === 'project' && g.scopeId === id),
        ),
      );
      return {
        staffId: s.id,
        name: s.name,
        level: satisfaction.staffLevelOf(
          s.grants.map((g) => g.role),
          heads.has(s.id),
        ),
        projectIds: projectIds.filter((id) => mine.has(id)),
        departmentKind: (s.departmentId && kindOf.get(s.departmentId)) || null,
        all: projectIds,
      };
    })
    .filter((p) => p.projectIds.length > 0 && p.all.length > 0);
  const scores = satisfaction.linkedScores({
    settings: { rounds: [snapshot.linkage] },
    round: 1,
    people: people.map((p) => ({ ...p, projectIds: p.all })),
    projects: snapshot.projects,
  });
  return scores.map((s, i) => ({
    ...s,
    name: people[i]?.name ?? '',
    projectIds: people[i]?.projectIds ?? [],
  }));
}
