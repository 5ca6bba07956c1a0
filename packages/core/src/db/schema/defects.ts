import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// The vocabularies are core's (one list each); the columns take their enums from them.
import { defectRisks, defectSources, defectStatuses } from '../../defects/model';
import { preventiveMeasureKinds } from '../../defects/scorecard';
import { instant, tenantOwned, versioned } from './columns';

/** 产品缺陷: one defect of the register, with its decision's deadlines and the facts the scorecard reads. */
export const productDefects = sqliteTable(
  'product_defects',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    source: text('source', { enum: defectSources }).notNull(),
    buildingIds: text('building_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    unitTypes: text('unit_types', { mode: 'json' }).$type<string[]>().notNull().default([]),
    householdsAffected: integer('households_affected').notNull().default(0),
    risk: text('risk', { enum: defectRisks }).notNull(),
    estimatedLossFen: integer('estimated_loss_fen').notNull().default(0),
    foundAt: instant('found_at').notNull(),
    status: text('status', { enum: defectStatuses }).notNull(),
    violatesStandard: integer('violates_standard', { mode: 'boolean' }).notNull().default(false),
    repeatOfDefectId: text('repeat_of_defect_id'),
    /** A suggestion's key (project:category:window start) and window: the proposal is made once. */
    suggestionKey: text('suggestion_key'),
    windowStart: instant('window_start'),
    windowEnd: instant('window_end'),
    dismissedReason: text('dismissed_reason'),
    /** From the meeting's decision. */
    responsibleDepartmentId: text('responsible_department_id'),
    feedbackDeadline: instant('feedback_deadline'),
    feedbackAt: instant('feedback_at'),
    feedback: text('feedback'),
    completionDeadline: instant('completion_deadline'),
    completedAt: instant('completed_at'),
    /** 宣讲学习: when the defect was studied (the prevention indicator). */
    studiedAt: instant('studied_at'),
    createdBy: text('created_by'),
  },
  (t) => [
    index('product_defects_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('product_defects_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('product_defects_tenant_project_category_idx').on(t.tenantId, t.projectId, t.category, t.status),
    index('product_defects_tenant_department_found_idx').on(t.tenantId, t.responsibleDepartmentId, t.foundAt),
    index('product_defects_tenant_found_idx').on(t.tenantId, t.foundAt),
    uniqueIndex('product_defects_tenant_suggestion_uq')
      .on(t.tenantId, t.suggestionKey)
      .where(sql`suggestion_key is not null`),
  ],
);

/** The cases a defect was found from (a case may feed several defects). */
export const defectCases = sqliteTable(
  'defect_cases',
  {
    tenantId: text('tenant_id').notNull(),
    defectId: text('defect_id').notNull(),
    caseId: text('case_id').notNull(),
    linkedAt: instant('linked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.defectId, t.caseId] }),
    index('defect_cases_tenant_case_idx').on(t.tenantId, t.caseId),
  ],
);

/** 缺陷会议: when, who, the minutes; its decisions are rows of `defect_decisions`. */
export const defectMeetings = sqliteTable(
  'defect_meetings',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    heldAt: instant('held_at').notNull(),
    chairId: text('chair_id').notNull(),
    attendeeIds: text('attendee_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    minutes: text('minutes').notNull().default(''),
  },
  (t) => [
    index('defect_meetings_tenant_project_held_idx').on(t.tenantId, t.projectId, t.heldAt),
    index('defect_meetings_tenant_held_idx').on(t.tenantId, t.heldAt),
  ],
);

/** 会议决策: one per defect. */
export const defectDecisions = sqliteTable(
  'defect_decisions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    meetingId: text('meeting_id').notNull(),
    defectId: text('defect_id').notNull(),
    preventionMeasure: text('prevention_measure').notNull(),
    responsibleDepartmentId: text('responsible_department_id').notNull(),
    /** Local dates (YYYY-MM-DD); the deadlines as instants are on the defect. */
    feedbackDueOn: text('feedback_due_on').notNull(),
    rectificationDueOn: text('rectification_due_on').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('defect_decisions_tenant_defect_uq').on(t.tenantId, t.defectId),
    index('defect_decisions_tenant_meeting_idx').on(t.tenantId, t.meetingId),
  ],
);

export const defectDeadlineKinds = ['feedback', 'completion'] as const;
export const defectAlertKinds = ['warning', 'breach', 'escalation'] as const;

/** What the defect deadline pass did; the key (`defectId:deadline:kind`) makes a repeated pass record nothing twice. */
export const defectAlerts = sqliteTable(
  'defect_alerts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    defectId: text('defect_id').notNull(),
    deadline: text('deadline', { enum: defectDeadlineKinds }).notNull(),
    kind: text('kind', { enum: defectAlertKinds }).notNull(),
    due: instant('due').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    uniqueIndex('defect_alerts_tenant_key_uq').on(t.tenantId, t.key),
    index('defect_alerts_tenant_defect_idx').on(t.tenantId, t.defectId),
  ],
);

/** 预控措施: a preventive measure taken by a project or a department (the prevention indicator). */
export const preventiveMeasures = sqliteTable(
  'preventive_measures',
  {
    ...tenantOwned(),
    projectId: text('project_id'),
    departmentId: text('department_id'),
    kind: text('kind', { enum: preventiveMeasureKinds }).notNull(),
    description: text('description').notNull(),
    takenAt: instant('taken_at').notNull(),
    createdBy: text('created_by'),
  },
  (t) => [
    index('preventive_measures_tenant_project_taken_idx').on(t.tenantId, t.projectId, t.takenAt),
    index('preventive_measures_tenant_department_taken_idx').on(t.tenantId, t.departmentId, t.takenAt),
  ],
);
