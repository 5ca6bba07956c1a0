import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// The vocabularies are core's (one list each); the columns take their enums from them.
import { auditPlanStatuses, auditStatuses, correctiveActionStatuses } from '../../audits/statuses';
import { auditChannels } from '../../audits/template';
import { instant, tenantOwned, versioned } from './columns';

/**
 * A checklist: sections of weighted items (yes/no, scale, timing, phrase checks) and the pass
 * threshold. `version` is both the ETag and the template revision audits record.
 */
export const auditTemplates = sqliteTable(
  'audit_templates',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    channel: text('channel', { enum: auditChannels }).notNull(),
    /** Sections and items, as core's template schema defines them. */
    sections: text('sections', { mode: 'json' }).$type<unknown[]>().notNull(),
    /** Pass mark (0-100); below it an audit creates corrective actions. Null: the tenant setting. */
    threshold: real('threshold'),
    /** Set on the default templates the platform seeds (hotline, front_desk, ...). */
    defaultKey: text('default_key'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('audit_templates_tenant_channel_idx').on(t.tenantId, t.channel, t.id),
    uniqueIndex('audit_templates_tenant_default_uq').on(t.tenantId, t.defaultKey),
  ],
);

/** An audit to perform: which project and channel, by when, by which auditor. */
export const auditPlans = sqliteTable(
  'audit_plans',
  {
    ...tenantOwned(),
    ...versioned(),
    templateId: text('template_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    channel: text('channel', { enum: auditChannels }).notNull(),
    /** Local date (YYYY-MM-DD) by which the visit is due. */
    dueOn: text('due_on').notNull(),
    auditorId: text('auditor_id').notNull(),
    status: text('status', { enum: auditPlanStatuses }).notNull().default('planned'),
    createdBy: text('created_by'),
  },
  (t) => [
    index('audit_plans_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('audit_plans_tenant_auditor_idx').on(t.tenantId, t.auditorId, t.id),
  ],
);

/** One performed (or to-be-performed) audit of a plan, with its answers and score. */
export const audits = sqliteTable(
  'audits',
  {
    ...tenantOwned(),
    ...versioned(),
    planId: text('plan_id').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** The template as it was when the audit was planned: later edits do not move the score. */
    template: text('template', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    channel: text('channel', { enum: auditChannels }).notNull(),
    auditorId: text('auditor_id').notNull(),
    status: text('status', { enum: auditStatuses }).notNull().default('draft'),
    visitedAt: instant('visited_at'),
    answers: text('answers', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
    /** 0-100, set on submit by core's scoring. */
    score: real('score'),
    passed: integer('passed', { mode: 'boolean' }),
    threshold: real('threshold'),
    /** Core's full result: per section, critical failures, items below par. */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    submittedAt: instant('submitted_at'),
    publishedAt: instant('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [
    index('audits_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('audits_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
    index('audits_tenant_auditor_idx').on(t.tenantId, t.auditorId, t.id),
    index('audits_tenant_status_visited_idx').on(t.tenantId, t.status, t.visitedAt),
  ],
);

/** A photo, recording or screenshot of an audit, stored in R2 (`FILES`). */
export const auditEvidence = sqliteTable(
  'audit_evidence',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    auditId: text('audit_id').notNull(),
    itemId: text('item_id'),
    objectKey: text('object_key').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('audit_evidence_tenant_audit_idx').on(t.tenantId, t.auditId, t.id)],
);

/** 整改: a finding of an audit below threshold, with an owner and a deadline; a supervisor verifies it. */
export const correctiveActions = sqliteTable(
  'corrective_actions',
  {
    ...tenantOwned(),
    ...versioned(),
    auditId: text('audit_id').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    itemId: text('item_id'),
    description: text('description').notNull(),
    ownerId: text('owner_id').notNull(),
    deadline: instant('deadline').notNull(),
    status: text('status', { enum: correctiveActionStatuses }).notNull().default('open'),
    resolution: text('resolution'),
    doneAt: instant('done_at'),
    verifiedBy: text('verified_by'),
    verifiedAt: instant('verified_at'),
    /** Why the supervisor last sent it back (verification refused); cleared when it is verified. */
    returnReason: text('return_reason'),
  },
  (t) => [
    index('corrective_actions_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('corrective_actions_tenant_status_deadline_idx').on(t.tenantId, t.status, t.deadline),
    index('corrective_actions_tenant_audit_idx').on(t.tenantId, t.auditId),
  ],
);

export const correctiveAlertKinds = ['warning', 'breach'] as const;
export type CorrectiveAlertKind = (typeof correctiveAlertKinds)[number];

/**
 * What the corrective-action deadline pass did: the warning before a deadline and the breach at
 * it. The key (`${correctiveActionId}:warning`, `…:breach`) is unique per tenant; the pass
 * inserts it in the same batch as its outbox event, so a repeated pass records nothing twice.
 */
export const correctiveAlerts = sqliteTable(
  'corrective_alerts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind', { enum: correctiveAlertKinds }).notNull(),
    correctiveActionId: text('corrective_action_id').notNull(),
    deadline: instant('deadline').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    uniqueIndex('corrective_alerts_tenant_key_uq').on(t.tenantId, t.key),
    index('corrective_alerts_tenant_action_idx').on(t.tenantId, t.correctiveActionId),
  ],
);
