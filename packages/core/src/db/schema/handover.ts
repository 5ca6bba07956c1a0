import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ChecklistTemplate } from '../../handover/checklist';
import { checklistGroups } from '../../handover/checklist';
import { type InspectionFinding, inspectionIssueNatures } from '../../handover/inspection';
import type { Responsibility } from '../../handover/plan';
import { instant, tenantOwned, versioned } from './columns';

/** The tenant's readiness checklist templates (the seed's list is the default). */
export const handoverChecklistTemplates = sqliteTable(
  'handover_checklist_templates',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    items: text('items', { mode: 'json' }).$type<ChecklistTemplate>().notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('handover_checklist_templates_tenant_name_uq').on(t.tenantId, t.name)],
);

/** 交付计划: one project batch, its date, households and responsibility shares; handover-day counts. */
export const handoverPlans = sqliteTable(
  'handover_plans',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    batch: text('batch').notNull(),
    /** Local dates (YYYY-MM-DD). */
    handoverOn: text('handover_on').notNull(),
    opensOn: text('opens_on').notNull(),
    households: integer('households').notNull(),
    buildingIds: text('building_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    responsibilities: text('responsibilities', { mode: 'json' }).$type<Responsibility[]>().notNull(),
    templateId: text('template_id'),
    acceptedHouseholds: integer('accepted_households').notNull().default(0),
    handoverIssues: integer('handover_issues').notNull().default(0),
    groupIncidents: integer('group_incidents').notNull().default(0),
  },
  (t) => [
    uniqueIndex('handover_plans_tenant_project_batch_uq').on(t.tenantId, t.projectId, t.batch),
    index('handover_plans_tenant_handover_idx').on(t.tenantId, t.handoverOn),
    index('handover_plans_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
  ],
);

/** A plan's checklist item, copied from its template. */
export const handoverChecklistItems = sqliteTable(
  'handover_checklist_items',
  {
    ...tenantOwned(),
    ...versioned(),
    planId: text('plan_id').notNull(),
    key: text('key').notNull(),
    group: text('group', { enum: checklistGroups }).notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    position: integer('position').notNull(),
    plannedOn: text('planned_on'),
    actualOn: text('actual_on'),
    ownerId: text('owner_id'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [uniqueIndex('handover_checklist_items_tenant_plan_key_uq').on(t.tenantId, t.planId, t.key)],
);

/** The risk pass's alerts; the key (`planId:itemKey:state`) alerts once per state an item enters. */
export const handoverAlerts = sqliteTable(
  'handover_alerts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    planId: text('plan_id').notNull(),
    itemKey: text('item_key').notNull(),
    state: text('state').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    uniqueIndex('handover_alerts_tenant_key_uq').on(t.tenantId, t.key),
    index('handover_alerts_tenant_plan_idx').on(t.tenantId, t.planId),
  ],
);

/** 分户查验: one unit's inspection of a plan, its findings per item and the result (once per unit). */
export const unitInspections = sqliteTable(
  'unit_inspections',
  {
    ...tenantOwned(),
    ...versioned(),
    planId: text('plan_id').notNull(),
    projectId: text('project_id').notNull(),
    buildingId: text('building_id').notNull(),
    unitId: text('unit_id').notNull(),
    result: text('result', { enum: ['passed', 'failed'] }).notNull(),
    findings: text('findings', { mode: 'json' }).$type<InspectionFinding[]>().notNull(),
    /** 1 for the first inspection, then one more per re-inspection (复查). */
    round: integer('round').notNull().default(1),
    inspectorId: text('inspector_id'),
    inspectedAt: instant('inspected_at').notNull(),
  },
  (t) => [uniqueIndex('unit_inspections_tenant_plan_unit_uq').on(t.tenantId, t.planId, t.unitId)],
);

/** 内部预查验: an issue found in one unit, and whether it became a repair case or a defect. */
export const inspectionIssues = sqliteTable(
  'inspection_issues',
  {
    ...tenantOwned(),
    ...versioned(),
    planId: text('plan_id').notNull(),
    projectId: text('project_id').notNull(),
    buildingId: text('building_id').notNull(),
    unitId: text('unit_id').notNull(),
    /** The checked item that failed (a re-inspection passing it resolves the issue). */
    item: text('item').notNull().default(''),
    category: text('category').notNull(),
    description: text('description').notNull(),
    nature: text('nature', { enum: inspectionIssueNatures }).notNull().default('workmanship'),
    violatesStandard: integer('violates_standard', { mode: 'boolean' }).notNull().default(false),
    photoKeys: text('photo_keys', { mode: 'json' }).$type<string[]>().notNull().default([]),
    route: text('route', { enum: ['repair_case', 'defect'] }),
    caseId: text('case_id'),
    defectId: text('defect_id'),
    inspectorId: text('inspector_id'),
    foundAt: instant('found_at').notNull(),
    resolvedAt: instant('resolved_at'),
    resolvedBy: text('resolved_by'),
    /** How it was resolved (整改说明), or that a re-inspection passed the item. */
    resolution: text('resolution'),
  },
  (t) => [
    index('inspection_issues_tenant_plan_building_idx').on(t.tenantId, t.planId, t.buildingId),
    index('inspection_issues_tenant_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** 未完成工程: registered after handover, reported to the developer, tracked to completion. */
export const unfinishedWorks = sqliteTable(
  'unfinished_works',
  {
    ...tenantOwned(),
    ...versioned(),
    planId: text('plan_id').notNull(),
    projectId: text('project_id').notNull(),
    description: text('description').notNull(),
    location: text('location').notNull().default(''),
    responsibleDepartmentId: text('responsible_department_id'),
    dueOn: text('due_on').notNull(),
    completedOn: text('completed_on'),
    reportedAt: instant('reported_at'),
  },
  (t) => [
    index('unfinished_works_tenant_plan_idx').on(t.tenantId, t.planId, t.id),
    index('unfinished_works_tenant_project_due_idx').on(t.tenantId, t.projectId, t.dueOn),
  ],
);
