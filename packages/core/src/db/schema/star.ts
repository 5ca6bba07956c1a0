import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { nominationStatuses, stepDecisions } from '../../star/approval';
import { cycleStatuses } from '../../star/cycle';
import { instant, tenantOwned, versioned } from './columns';

/**
 * 服务之星: the quarterly award of one branch. A cycle is opened by the first nomination of the
 * quarter, by the scheduled handler, or by branch HR; announcing it records the winners.
 */
export const starCycleStatuses = cycleStatuses;
export type StarCycleStatus = (typeof starCycleStatuses)[number];

export const starCycles = sqliteTable(
  'star_cycles',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    status: text('status', { enum: starCycleStatuses }).notNull().default('open'),
    /** The staff member who opened it; null when the platform opened it (first nomination, cron). */
    openedBy: text('opened_by'),
    openedAt: instant('opened_at').notNull(),
    announcedBy: text('announced_by'),
    announcedAt: instant('announced_at'),
  },
  (t) => [
    uniqueIndex('star_cycles_tenant_branch_quarter_uq').on(t.tenantId, t.branchId, t.year, t.quarter),
    index('star_cycles_tenant_id_idx').on(t.tenantId, t.id),
  ],
);

/**
 * Core's nomination statuses (`star.nominationStatuses`, moves in core's lifecycle.ts). Rows
 * written before migration 0010 said `in_review` (now `deciding`) and `winner` (now `announced`).
 */
export const starNominationStatuses = nominationStatuses;
export type StarNominationStatus = (typeof starNominationStatuses)[number];

/** One deed on the form: what the nominee did, and when (local date). */
export interface StarDeed {
  date?: string;
  description: string;
}

/** 服务之星推荐表: drafted by project staff, submitted by the project manager. */
export const starNominations = sqliteTable(
  'star_nominations',
  {
    ...tenantOwned(),
    ...versioned(),
    cycleId: text('cycle_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    nomineeId: text('nominee_id').notNull(),
    /** The nominee's role (post) as written on the form. */
    nomineeRole: text('nominee_role').notNull(),
    reasons: text('reasons').notNull(),
    deeds: text('deeds', { mode: 'json' }).$type<StarDeed[]>().notNull().default([]),
    /** What the platform found in its records for the quarter, snapshotted at submission. */
    evidence: text('evidence', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    status: text('status', { enum: starNominationStatuses }).notNull().default('draft'),
    /** Index of the next approval step to decide (0-based), as core's `nextStep` says. */
    currentStep: integer('current_step').notNull().default(0),
    /**
     * The approval chain in force at first submission (core's `ApprovalChain`, snapshotted).
     * Rows from before 0009 hold the old `{ step, roles[] }` shape; the edge reads both.
     */
    chain: text('chain', { mode: 'json' }).$type<unknown[] | null>(),
    nominatedBy: text('nominated_by'),
    submittedBy: text('submitted_by'),
    submittedAt: instant('submitted_at'),
    /** The submission month (YYYY-MM, tenant time) whose deadline applied. */
    submissionMonth: text('submission_month'),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('star_nominations_tenant_cycle_idx').on(t.tenantId, t.cycleId, t.id),
    index('star_nominations_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
    index('star_nominations_tenant_nominee_idx').on(t.tenantId, t.nomineeId),
  ],
);

/** Core's step decisions: approve, reject, or return (sent back to the project for changes). */
export const starDecisionValues = stepDecisions;
export type StarDecisionValue = (typeof starDecisionValues)[number];

/** One step of the approval chain: decision, comment, who and when. */
export const starDecisions = sqliteTable(
  'star_decisions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    nominationId: text('nomination_id').notNull(),
    /** Review round: 0 at first submission, +1 after each `return` and resubmission. */
    round: integer('round').notNull().default(0),
    stepIndex: integer('step_index').notNull(),
    step: text('step').notNull(),
    decision: text('decision', { enum: starDecisionValues }).notNull(),
    comment: text('comment'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: instant('decided_at').notNull(),
  },
  (t) => [
    uniqueIndex('star_decisions_tenant_nomination_round_step_uq').on(
      t.tenantId,
      t.nominationId,
      t.round,
      t.stepIndex,
    ),
  ],
);

/** A winner of an announced cycle and the reward recorded for it. */
export const starWinners = sqliteTable(
  'star_winners',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    cycleId: text('cycle_id').notNull(),
    nominationId: text('nomination_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    nomineeId: text('nominee_id').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    rewardFen: integer('reward_fen'),
    rewardDescription: text('reward_description'),
    announcedBy: text('announced_by'),
    announcedAt: instant('announced_at').notNull(),
  },
  (t) => [
    uniqueIndex('star_winners_tenant_nomination_uq').on(t.tenantId, t.nominationId),
    index('star_winners_tenant_branch_quarter_idx').on(t.tenantId, t.branchId, t.year, t.quarter),
  ],
);
