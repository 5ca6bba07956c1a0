import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// Vocabularies are core's; the columns take their enums from them.
import { summaryStatuses } from '../../complaint-summary/summary';
import { planStatuses } from '../../satisfaction/plan';
import { instant, tenantOwned, versioned } from './columns';

/*
 * Satisfaction management (客户满意度管理), the monthly complaint summary and the contractor
 * scoring rules. Tenant settings that are one value per tenant (staged linkage, short-board
 * thresholds, summary and re-check deadlines, one chance per repair) live in `tenants.settings`.
 */

/** One version of a questionnaire (core's `QuestionnaireTemplate`); versions are never edited. */
export const surveyTemplates = sqliteTable(
  'survey_templates',
  {
    ...tenantOwned(),
    key: text('key').notNull(),
    templateVersion: integer('template_version').notNull(),
    title: text('title', { mode: 'json' }).$type<{ zh: string; en: string }>().notNull(),
    questions: text('questions', { mode: 'json' }).$type<unknown[]>().notNull(),
  },
  (t) => [uniqueIndex('survey_templates_tenant_key_version_uq').on(t.tenantId, t.key, t.templateVersion)],
);

export const campaignStatuses = ['scheduled', 'open', 'closed', 'cancelled'] as const;

/** A survey campaign (core's `Campaign`): period, scope, sampling and its seed, window. */
export const surveyCampaigns = sqliteTable(
  'survey_campaigns',
  {
    ...tenantOwned(),
    ...versioned(),
    title: text('title').notNull(),
    round: integer('round').notNull(),
    period: text('period').notNull(),
    templateKey: text('template_key').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** core's `CampaignScope`; `branch_id` repeats a branch scope for reach filters. */
    scope: text('scope', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    branchId: text('branch_id'),
    sampling: text('sampling', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    channels: text('channels', { mode: 'json' }).$type<string[]>().notNull(),
    opensOn: text('opens_on').notNull(),
    closesOn: text('closes_on').notNull(),
    status: text('status', { enum: campaignStatuses }).notNull().default('scheduled'),
    closedAt: instant('closed_at'),
    /** Results, ranking, short boards and most improved, snapshotted when the campaign closes. */
    results: text('results', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  },
  (t) => [
    index('survey_campaigns_tenant_id_idx').on(t.tenantId, t.id),
    index('survey_campaigns_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
  ],
);

/**
 * An owner drawn into a campaign: the owner link's token is addressed here, and a row with
 * `answered_at` is how "once per owner per campaign" holds (the response's unique index too).
 */
export const surveyInvitations = sqliteTable(
  'survey_invitations',
  {
    ...tenantOwned(),
    campaignId: text('campaign_id').notNull(),
    ownerId: text('owner_id').notNull(),
    projectId: text('project_id').notNull(),
    channel: text('channel').notNull(),
    /** SHA-256 of the owner link's token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    sentAt: instant('sent_at'),
    answeredAt: instant('answered_at'),
    /** When the one reminder to answer went out (before the close, only while unanswered). */
    remindedAt: instant('reminded_at'),
  },
  (t) => [
    uniqueIndex('survey_invitations_tenant_campaign_owner_uq').on(t.tenantId, t.campaignId, t.ownerId),
    uniqueIndex('survey_invitations_tenant_token_uq').on(t.tenantId, t.tokenHash),
    index('survey_invitations_tenant_campaign_project_idx').on(t.tenantId, t.campaignId, t.projectId),
  ],
);

/** An owner's answers. `owner_id` is shown to staff only when `identifiable` (默认匿名). */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    ...tenantOwned(),
    campaignId: text('campaign_id').notNull(),
    ownerId: text('owner_id').notNull(),
    projectId: text('project_id').notNull(),
    identifiable: integer('identifiable', { mode: 'boolean' }).notNull().default(false),
    answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    comment: text('comment'),
    answeredAt: instant('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_responses_tenant_campaign_owner_uq').on(t.tenantId, t.campaignId, t.ownerId),
    index('survey_responses_tenant_campaign_project_idx').on(t.tenantId, t.campaignId, t.projectId),
  ],
);

/** 提高计划 of a bottom-three project or department (core's `PlanDraft` and plan moves). */
export const improvementPlans = sqliteTable(
  'improvement_plans',
  {
    ...tenantOwned(),
    ...versioned(),
    campaignId: text('campaign_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    /**
     * The department for a department's plan, '' for the project's own: not null, because
     * SQLite treats NULLs as distinct and the unique index would let a project file two plans.
     */
    department: text('department').notNull().default(''),
    ownerId: text('owner_id').notNull(),
    measures: text('measures', { mode: 'json' }).$type<unknown[]>().notNull(),
    status: text('status', { enum: planStatuses }).notNull().default('draft'),
    submittedAt: instant('submitted_at'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    returnReason: text('return_reason'),
    presentedTo: text('presented_to'),
    presentedOn: text('presented_on'),
    closedAt: instant('closed_at'),
  },
  (t) => [
    uniqueIndex('improvement_plans_tenant_subject_uq').on(
      t.tenantId,
      t.campaignId,
      t.projectId,
      t.department,
    ),
    index('improvement_plans_tenant_branch_idx').on(t.tenantId, t.branchId, t.status, t.id),
  ],
);

/** A quarterly re-check (复核) of a plan: progress per measure. */
export const planRechecks = sqliteTable(
  'plan_rechecks',
  {
    ...tenantOwned(),
    planId: text('plan_id').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    dueOn: text('due_on').notNull(),
    checkedBy: text('checked_by'),
    checkedAt: instant('checked_at'),
    progress: text('progress', { mode: 'json' }).$type<unknown[] | null>(),
    /** When the warning, the breach and the escalation went out (once each). */
    warnedAt: instant('warned_at'),
    breachedAt: instant('breached_at'),
    escalatedAt: instant('escalated_at'),
  },
  (t) => [
    uniqueIndex('plan_rechecks_tenant_plan_quarter_uq').on(t.tenantId, t.planId, t.year, t.quarter),
    index('plan_rechecks_tenant_due_idx').on(t.tenantId, t.checkedAt, t.dueOn),
  ],
);

/** 月度投诉汇总 of one project and month (core's `draftSummary` figures plus what people add). */
export const complaintSummaries = sqliteTable(
  'complaint_summaries',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    month: text('month').notNull(),
    status: text('status', { enum: summaryStatuses }).notNull().default('draft'),
    figures: text('figures', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    dueOn: text('due_on').notNull(),
    causeAnalysis: text('cause_analysis'),
    measures: text('measures'),
    submittedBy: text('submitted_by'),
    submittedAt: instant('submitted_at'),
    /** Read receipt: when the branch CS manager first opened the submission. */
    readBy: text('read_by'),
    readAt: instant('read_at'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    reviewComment: text('review_comment'),
    majorProblem: integer('major_problem', { mode: 'boolean' }).notNull().default(false),
    warnedAt: instant('warned_at'),
    escalatedAt: instant('escalated_at'),
  },
  (t) => [
    uniqueIndex('complaint_summaries_tenant_project_month_uq').on(t.tenantId, t.projectId, t.month),
    index('complaint_summaries_tenant_branch_month_idx').on(t.tenantId, t.branchId, t.month),
  ],
);

/** Reward/penalty rules (core's `ScoringRules`) of the tenant (`scope_key` 'tenant') or a branch. */
export const contractorScoringRules = sqliteTable(
  'contractor_scoring_rules',
  {
    ...tenantOwned(),
    ...versioned(),
    scopeKey: text('scope_key').notNull(),
    rules: text('rules', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('contractor_scoring_rules_tenant_scope_uq').on(t.tenantId, t.scopeKey)],
);

/** 访谈汇报: one owner interview by one staff member. */
export const ownerInterviews = sqliteTable(
  'owner_interviews',
  {
    ...tenantOwned(),
    staffId: text('staff_id').notNull(),
    departmentId: text('department_id'),
    /** The unit's place, so the register answers each caller's reach. */
    branchId: text('branch_id'),
    projectId: text('project_id'),
    ownerId: text('owner_id').notNull(),
    unitId: text('unit_id').notNull(),
    interviewedOn: text('interviewed_on').notNull(),
    livingExperience: text('living_experience').notNull(),
    productOpinion: text('product_opinion').notNull(),
  },
  (t) => [
    index('owner_interviews_tenant_staff_date_idx').on(t.tenantId, t.staffId, t.interviewedOn),
    index('owner_interviews_tenant_department_date_idx').on(t.tenantId, t.departmentId, t.interviewedOn),
    index('owner_interviews_tenant_project_date_idx').on(t.tenantId, t.projectId, t.interviewedOn),
  ],
);

/** 轮岗: a newly promoted supervisor's two weeks in the CS centre, and the report after. */
export const supervisorRotations = sqliteTable(
  'supervisor_rotations',
  {
    ...tenantOwned(),
    ...versioned(),
    staffId: text('staff_id').notNull(),
    branchId: text('branch_id'),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    followedCaseIds: text('followed_case_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    report: text('report'),
    reportedAt: instant('reported_at'),
    warnedAt: instant('warned_at'),
    breachedAt: instant('breached_at'),
    escalatedAt: instant('escalated_at'),
  },
  (t) => [
    index('supervisor_rotations_tenant_staff_idx').on(t.tenantId, t.staffId, t.startsOn),
    index('supervisor_rotations_tenant_open_idx').on(t.tenantId, t.reportedAt, t.endsOn),
  ],
);
