import { AppError, complaintSummary, localDate, newId, satisfaction } from '@guanjia/core';
import { wallToInstant } from '@guanjia/core/time-zone';
import type { ComplaintSummaryRow } from '../../data/complaint-summaries';
import * as summaries from '../../data/complaint-summaries';
import { staffNames, tenantSettings } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import { roleHolders } from '../../data/role-holders';
import type { TenantScope } from '../../data/scope';
import { projectsInScope } from '../../data/survey-campaigns';
import type { PlanReach } from '../satisfaction/plans';
import { tenantCalendar } from '../satisfaction/settings';

export type { ComplaintSummaryRow } from '../../data/complaint-summaries';

/*
 * The monthly complaint summary (月度投诉汇总), seed 004: on the first working day of each month
 * (tenant calendar) each project's summary of last month's complaints is drafted from the data;
 * the project's CS lead adds the cause analysis and measures and submits it to the branch CS
 * manager by the due working day (warned before, escalated after); the branch CS manager reviews
 * it (the first read is the read receipt) and flags major problems to the branch GM.
 */

async function summarySettings(scope: TenantScope): Promise<complaintSummary.SummarySettings> {
  const stored = (await tenantSettings(scope)).complaintSummary;
  const parsed = complaintSummary.SummarySettingsSchema.safeParse(
    stored && typeof stored === 'object' ? stored : {},
  );
  return parsed.success ? parsed.data : complaintSummary.defaultSummarySettings;
}

/** [first local midnight of the month, first local midnight of the next). */
function monthWindow(month: string, timeZone: string) {
  return {
    from: new Date(wallToInstant(`${month}-01`, 0, timeZone)),
    to: new Date(wallToInstant(`${satisfaction.shiftMonth(month, 1)}-01`, 0, timeZone)),
  };
}

/** The project's CS leads (客服主管), else its project manager. */
async function csLeads(scope: TenantScope, projectId: string): Promise<string[]> {
  const leads = await roleHolders(scope, {
    roles: ['cs_supervisor'],
    places: [{ scopeType: 'project', scopeIds: [projectId] }],
  });
  if (leads.length) return leads.map((h) => h.userId);
  const pms = await roleHolders(scope, {
    roles: ['project_manager'],
    places: [{ scopeType: 'project', scopeIds: [projectId] }],
  });
  return pms.map((h) => h.userId);
}

async function holdersAtBranch(
  scope: TenantScope,
  role: 'branch_cs_manager' | 'branch_gm',
  branchId: string,
) {
  return (
    await roleHolders(scope, { roles: [role], places: [{ scopeType: 'branch', scopeIds: [branchId] }] })
  ).map((h) => h.userId);
}

const payloadOf = (
  row: ComplaintSummaryRow,
  notifyStaffIds: string[],
  extra: Record<string, unknown> = {},
) => ({
  summaryId: row.id,
  branchId: row.branchId,
  projectId: row.projectId,
  month: row.month,
  dueOn: row.dueOn,
  status: row.status,
  total: Number((row.figures as { figures?: { total?: number } }).figures?.total ?? 0),
  notifyStaffIds: [...new Set(notifyStaffIds)],
  ...extra,
});

/**
 * The cron's step: from the first working day of a month, last month's summary of every project
 * that has none yet is drafted (figures, the month before and the change), due by the tenant's
 * due working day. Answers the drafts made.
 */
export async function draftMonthlySummaries(scope: TenantScope): Promise<ComplaintSummaryRow[]> {
  const today = localDate(scope.now, scope.timeZone);
  const month = satisfaction.shiftMonth(today.slice(0, 7), -1);
  const calendar = await tenantCalendar(scope);
  const schedule = complaintSummary.summarySchedule(month, calendar, await summarySettings(scope));
  if (today < schedule.draftOn) return [];
  const done = await summaries.drafted(scope, month);
  const projects = (await projectsInScope(scope)).filter((p) => !done.has(p.id));
  if (projects.length === 0) return [];
  const ids = projects.map((p) => p.id);
  const current = await summaries.complaintFacts(scope, ids, monthWindow(month, scope.timeZone));
  const previous = await summaries.complaintFacts(
    scope,
    ids,
    monthWindow(satisfaction.shiftMonth(month, -1), scope.timeZone),
  );
  const made: ComplaintSummaryRow[] = [];
  for (const p of projects) {
    const draft = complaintSummary.draftSummary(
      current.filter((f) => f.projectId === p.id),
      previous.filter((f) => f.projectId === p.id),
    );
    const row: ComplaintSummaryRow = {
      id: newId('complaintSummary'),
      tenantId: scope.tenantId,
      branchId: p.branchId,
      projectId: p.id,
      month,
      status: 'draft',
      figures: draft as unknown as Record<string, unknown>,
      dueOn: schedule.dueOn,
      causeAnalysis: null,
      measures: null,
      submittedBy: null,
      submittedAt: null,
      readBy: null,
      readAt: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      majorProblem: false,
      warnedAt: null,
      escalatedAt: null,
      createdAt: scope.now,
      updatedAt: scope.now,
      version: 1,
    };
    const event = outboxEvent(
      scope,
      'complaint_summary.drafted',
      payloadOf(row, await csLeads(scope, p.id)),
      {
        branchId: p.branchId,
        projectId: p.id,
      },
    );
    if (await summaries.insertDraft(scope, row, event)) made.push(row);
  }
  return made;
}

export const listSummaries = (
  scope: TenantScope,
  reach: PlanReach,
  query: summaries.SummaryQuery,
  page: PageRequest,
) => summaries.listSummaries(scope, reach.read, query, page);

/** A summary; the branch CS manager's first read of a submitted one is its read receipt. */
export async function getSummary(
  scope: TenantScope,
  reach: PlanReach,
  id: string,
): Promise<ComplaintSummaryRow> {
  const row = await summaries.getSummary(scope, reach.read, id);
  const reviewer = inReach(reach.manage, { branchId: row.branchId });
  if (row.status === 'submitted' && !row.readAt && reviewer && scope.actor.type === 'staff') {
    return summaries.markRead(scope, row);
  }
  return row;
}

/** The project's CS lead submits the summary with the cause analysis and measures. */
export async function submitSummary(
  scope: TenantScope,
  reach: PlanReach,
  input: { id: string; causeAnalysis: string; measures: string; expectedVersion: number | undefined },
): Promise<ComplaintSummaryRow> {
  const before = await summaries.getSummary(scope, reach.read, input.id);
  if (!inReach(reach.plan, { branchId: before.branchId, projectId: before.projectId })) {
    throw new AppError('forbidden', "Only the project's CS lead submits its summary (satisfaction.plan)");
  }
  if (before.status !== 'draft') throw new AppError('illegal_transition', `The summary is ${before.status}`);
  const notify = await holdersAtBranch(scope, 'branch_cs_manager', before.branchId);
  return summaries.updateSummary(
    scope,
    before,
    {
      status: 'submitted',
      causeAnalysis: input.causeAnalysis,
      measures: input.measures,
      submittedBy: scope.actor.id,
      submittedAt: scope.now,
    },
    'complaint_summaries.submit',
    input.expectedVersion,
    (after) => [
      outboxEvent(scope, 'complaint_summary.submitted', payloadOf(after, notify, { actor: actorOf(scope) }), {
        branchId: after.branchId,
        projectId: after.projectId,
      }),
    ],
  );
}

const actorOf = (scope: TenantScope) => ({ type: scope.actor.type, id: scope.actor.id });

/** The branch CS manager reviews; a major problem is flagged to the branch GM. */
export async function reviewSummary(
  scope: TenantScope,
  reach: PlanReach,
  input: {
    id: string;
    comment?: string | undefined;
    majorProblem: boolean;
    expectedVersion: number | undefined;
  },
): Promise<ComplaintSummaryRow> {
  const before = await summaries.getSummary(scope, reach.read, input.id);
  if (!inReach(reach.manage, { branchId: before.branchId })) {
    throw new AppError('forbidden', 'Only the branch CS manager reviews summaries (satisfaction.manage)');
  }
  if (before.status !== 'submitted')
    throw new AppError('illegal_transition', `The summary is ${before.status}`);
  const notify = [
    ...(before.submittedBy ? [before.submittedBy] : []),
    ...(input.majorProblem ? await holdersAtBranch(scope, 'branch_gm', before.branchId) : []),
  ];
  return summaries.updateSummary(
    scope,
    before,
    {
      status: 'reviewed',
      reviewedBy: scope.actor.id,
      reviewedAt: scope.now,
      reviewComment: input.comment ?? null,
      majorProblem: input.majorProblem,
      readBy: before.readBy ?? scope.actor.id,
      readAt: before.readAt ?? scope.now,
    },
    'complaint_summaries.review',
    input.expectedVersion,
    (after) => [
      outboxEvent(
        scope,
        'complaint_summary.reviewed',
        payloadOf(after, notify, { majorProblem: input.majorProblem, actor: actorOf(scope) }),
        { branchId: after.branchId, projectId: after.projectId },
      ),
    ],
  );
}

/** Where a summary's deadline stands now (pending, warning, overdue, escalated, done). */
export async function deadlineOf(scope: TenantScope, row: ComplaintSummaryRow) {
  const schedule = complaintSummary.summarySchedule(
    row.month,
    await tenantCalendar(scope),
    await summarySettings(scope),
  );
  return satisfaction.deadlineState(schedule.deadline, scope.now, row.submittedAt);
}

/**
 * The cron's step: a draft not submitted is warned to its CS lead before the due day, and
 * escalated to the branch CS manager after the escalation days; once each.
 */
export async function raiseSummaryDeadlines(scope: TenantScope): Promise<number> {
  const calendar = await tenantCalendar(scope);
  const settings = await summarySettings(scope);
  let raised = 0;
  for (const row of await summaries.openDrafts(scope)) {
    const { deadline } = complaintSummary.summarySchedule(row.month, calendar, settings);
    const state = satisfaction.deadlineState(deadline, scope.now, null);
    const place = { branchId: row.branchId, projectId: row.projectId };
    if ((state === 'warning' || state === 'overdue' || state === 'escalated') && !row.warnedAt) {
      const event = outboxEvent(
        scope,
        'complaint_summary.due_soon',
        payloadOf(row, await csLeads(scope, row.projectId)),
        place,
      );
      await summaries.markSummaryNotice(scope, row, 'warnedAt', event);
      raised += 1;
    }
    if (state === 'escalated' && !row.escalatedAt) {
      const notify = [
        ...(await holdersAtBranch(scope, 'branch_cs_manager', row.branchId)),
        ...(await csLeads(scope, row.projectId)),
      ];
      await summaries.markSummaryNotice(
        scope,
        row,
        'escalatedAt',
        outboxEvent(scope, 'complaint_summary.escalated', payloadOf(row, notify), place),
      );
      raised += 1;
    }
  }
  return raised;
}

/**
 * The names of the people a summary names (submitted, read, reviewed by): the reader sees who,
 * without staff.read on the directory.
 */
export async function summaryPeople(
  scope: TenantScope,
  rows: readonly Pick<ComplaintSummaryRow, 'submittedBy' | 'readBy' | 'reviewedBy'>[],
): Promise<Map<string, string>> {
  return staffNames(
    scope,
    rows.flatMap((r) => [r.submittedBy, r.readBy, r.reviewedBy]).filter((id): id is string => Boolean(id)),
  );
}
