import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { type EscalationRung, escalationRungs as ladderRungs } from '../../sla/escalation';
import { milestoneEndReasons, milestoneStatuses, slaActionKinds } from '../../vocabulary';
import { instant, tenantOwned, versioned } from './columns';

export { milestoneEndReasons, milestoneStatuses, slaActionKinds };

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * Where a tenant-wide setting is overridden: `tenant`, `branch:<id>` or `project:<id>`.
 * A plain column (rather than two nullable ones) so one UNIQUE index keeps one row per place.
 */
export type SlaScopeKey = 'tenant' | `branch:${string}` | `project:${string}`;

/**
 * A tenant's SLA policy: which cases it matches (kind, urgency, category, channel, project)
 * and the milestones each matched case runs against. Higher priority wins a tie of matches.
 */
export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    priority: integer('priority').notNull().default(0),
    /** Match criteria; an absent list matches everything. */
    match: text('match', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** The milestones, as core's policy schema defines them. */
    milestones: text('milestones', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
  },
  (t) => [index('sla_policies_tenant_priority_idx').on(t.tenantId, t.enabled, t.priority)],
);

/**
 * 工作日历: working hours per weekday, public holidays and make-up working days (调休).
 * One per tenant, optionally overridden per branch or project (the nearest one applies).
 */
export const businessCalendars = sqliteTable(
  'business_calendars',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    scopeKey: text('scope_key').$type<SlaScopeKey>().notNull(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** Open every minute of every day (a 7×24 front desk); null on an override inherits. */
    roundTheClock: integer('round_the_clock', { mode: 'boolean' }),
    /** Whose weekday hours a bare 调休 make-up date works (`mon` by default); null inherits. */
    makeUpHoursOf: text('make_up_hours_of').$type<Weekday>(),
    /** Working hours per weekday, as core's calendar schema defines them. */
    hours: text('hours', { mode: 'json' }).$type<unknown>().notNull(),
    /** Local dates (YYYY-MM-DD) that are closed although their weekday is working. */
    holidays: text('holidays', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
    /** 调休: local dates that are working days although their weekday is closed. */
    makeUpDays: text('make_up_days', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('business_calendars_tenant_scope_uq').on(t.tenantId, t.scopeKey)],
);

/**
 * Rungs of the escalation ladder, bottom to top: core's one list (`sla/escalation.ts`), so every
 * rung core escalates to, `head_office_centre` included, can be staffed. A text column (no CHECK).
 */
export const escalationLevels = ladderRungs;
export type EscalationLevel = EscalationRung;

/** Who sits on one rung of the escalation ladder, per tenant, branch or project. */
export const escalationRungs = sqliteTable(
  'escalation_rungs',
  {
    ...tenantOwned(),
    ...versioned(),
    level: text('level', { enum: escalationLevels }).notNull(),
    scopeKey: text('scope_key').$type<SlaScopeKey>().notNull(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    staffIds: text('staff_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('escalation_rungs_tenant_scope_level_uq').on(t.tenantId, t.scopeKey, t.level)],
);

export type MilestoneEndReason = (typeof milestoneEndReasons)[number];
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/**
 * One milestone of one case in one cycle (a reopen starts a new cycle): the clock's
 * projection of core's evaluation, kept for the case SLA view and the breach lists.
 */
export const caseMilestones = sqliteTable(
  'case_milestones',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    milestone: text('milestone').notNull(),
    cycle: integer('cycle').notNull().default(0),
    policyId: text('policy_id'),
    status: text('status', { enum: milestoneStatuses }).notNull().default('pending'),
    startedAt: instant('started_at'),
    warnAt: instant('warn_at'),
    dueAt: instant('due_at'),
    warnedAt: instant('warned_at'),
    breachedAt: instant('breached_at'),
    metAt: instant('met_at'),
    /** When it ended unmet (cancelled, or breached and then no longer meetable), and why. */
    endedAt: instant('ended_at'),
    endReason: text('end_reason', { enum: milestoneEndReasons }),
    /** The policy's name and version when the row last ran: kept after the policy is edited or deleted. */
    policyName: text('policy_name'),
    policyVersion: integer('policy_version'),
    pausedMs: integer('paused_ms').notNull().default(0),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('case_milestones_tenant_case_uq').on(t.tenantId, t.caseId, t.milestone, t.cycle)],
);

export type SlaActionKind = (typeof slaActionKinds)[number];

/**
 * What the clock did: a warning, a breach or an escalation. The key names the deed
 * (`${caseId}:${milestone}:breach:${cycle}`), unique per tenant, so a repeated or late
 * alarm inserts nothing twice (INSERT ... ON CONFLICT DO NOTHING).
 */
export const slaActions = sqliteTable(
  'sla_actions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind', { enum: slaActionKinds }).notNull(),
    caseId: text('case_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    milestone: text('milestone').notNull(),
    cycle: integer('cycle').notNull().default(0),
    /** When the milestone was (or is) due. */
    dueAt: instant('due_at'),
    /** When the clock recorded it. */
    at: instant('at').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('sla_actions_tenant_key_uq').on(t.tenantId, t.key),
    index('sla_actions_tenant_kind_idx').on(t.tenantId, t.kind, t.id),
    index('sla_actions_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('sla_actions_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
    index('sla_actions_tenant_case_idx').on(t.tenantId, t.caseId, t.id),
  ],
);
