import { DateTimeString, handover } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { idempotent } from '../../middleware/idempotency';

/** Handover readiness (交付): plans, their checklist and the handover-day targets. */

const tags = ['handover'];
const id = z.string().min(1).max(64);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

const Responsibility = z
  .object({
    departmentId: id,
    role: z
      .enum(['project', 'supporting'])
      .openapi({ description: 'project: the project department, which leads' }),
    sharePercent: z.number().gt(0).max(100),
  })
  .openapi('HandoverResponsibility');

export const PlanInput = z
  .object({
    projectId: id,
    batch: z.string().trim().min(1).max(120).openapi({ example: '二期 1-5栋' }),
    handoverOn: localDate,
    households: z.number().int().min(1).max(100000),
    buildingIds: z.array(id).max(200).default([]),
    responsibilities: z.array(Responsibility).min(1).max(30).openapi({
      description:
        'One project lead with at least settings.handover.minProjectSharePercent (50); shares sum to 100',
    }),
  })
  .openapi('HandoverPlanInput');

const Item = z
  .object({
    key: z.string(),
    group: z.enum(handover.checklistGroups),
    labelZh: z.string(),
    labelEn: z.string(),
    plannedOn: z.string().nullable(),
    actualOn: z.string().nullable(),
    ownerId: z.string().nullable(),
    notes: z.string(),
    state: z.enum(['done', 'overdue', 'too_close', 'unplanned', 'on_track']),
    atRisk: z.boolean(),
    escalateTo: z.array(z.string()),
    version: z.number().int(),
  })
  .openapi('HandoverChecklistItem');

export const Plan = z
  .object({
    id: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    batch: z.string(),
    handoverOn: z.string(),
    opensOn: z.string().openapi({
      description: 'The plan opens this many months before (settings.handover.opensMonthsBefore, 3)',
    }),
    phase: z.enum(['not_open', 'open', 'handed_over']),
    households: z.number().int(),
    buildingIds: z.array(z.string()),
    responsibilities: z.array(Responsibility),
    acceptedHouseholds: z.number().int(),
    handoverIssues: z.number().int(),
    groupIncidents: z.number().int(),
    items: z.array(Item).optional(),
    targets: z
      .array(
        z.object({
          key: z.enum(handover.handoverTargetKeys),
          labelZh: z.string(),
          labelEn: z.string(),
          comparison: z.enum(['at_least', 'at_most']),
          target: z.number(),
          actual: z.number().nullable(),
          met: z.boolean().nullable(),
        }),
      )
      .optional(),
    createdAt: DateTimeString,
    version: z.number().int(),
  })
  .openapi('HandoverPlan');

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/handover-plans',
  operationId: 'listHandoverPlans',
  summary: 'List handover plans in your reach, newest first',
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ projectId: id.optional() }) },
  responses: { 200: jsonContent(pageSchema(Plan, 'HandoverPlanPage'), 'A page of plans'), ...commonErrors },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/handover-plans/{id}',
  operationId: 'getHandoverPlan',
  summary: 'A handover plan with its readiness checklist (risk per item) and targets against actuals',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Plan, 'The plan'), ...commonErrors },
});

export const createPlanRoute = createRoute({
  method: 'post',
  path: '/handover-plans',
  operationId: 'createHandoverPlan',
  summary: "Plan a project batch's handover; its checklist comes from the tenant's template",
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(PlanInput) },
  responses: { 201: jsonContent(Plan, 'The plan'), ...writeErrors },
});

export const updateItemRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/items/{key}',
  operationId: 'updateHandoverChecklistItem',
  summary: "Set a checklist item's planned and actual dates, owner and notes",
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({ key: z.string().min(1).max(80) }),
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z
        .object({
          plannedOn: localDate.nullable().optional(),
          actualOn: localDate.nullable().optional(),
          ownerId: id.nullable().optional(),
          notes: z.string().max(2000).optional(),
        })
        .openapi('HandoverChecklistItemInput'),
    ),
  },
  responses: { 200: jsonContent(Plan, 'The plan'), ...writeErrors },
});

export const handoverDayRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/handover-day',
  operationId: 'recordHandoverDay',
  summary: 'Handover-day counts: households accepted, issues raised, group incidents',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z
        .object({
          acceptedHouseholds: z.number().int().min(0).optional(),
          handoverIssues: z.number().int().min(0).optional(),
          groupIncidents: z.number().int().min(0).optional(),
        })
        .openapi('HandoverDayInput'),
    ),
  },
  responses: { 200: jsonContent(Plan, 'The plan'), ...writeErrors },
});

export const UnfinishedWork = z
  .object({
    id: z.string(),
    planId: z.string(),
    projectId: z.string(),
    description: z.string(),
    location: z.string(),
    responsibleDepartmentId: z.string().nullable(),
    dueOn: z.string(),
    completedOn: z.string().nullable(),
    state: z.enum(['open', 'overdue', 'done', 'done_late']),
    version: z.number().int(),
  })
  .openapi('UnfinishedWork');

export const UnfinishedWorkInput = z
  .object({
    description: z.string().trim().min(1).max(2000),
    location: z.string().trim().max(200).default(''),
    responsibleDepartmentId: id.nullable().default(null),
    dueOn: localDate,
  })
  .openapi('UnfinishedWorkInput');

export const registerUnfinishedRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/unfinished-works',
  operationId: 'registerUnfinishedWork',
  summary: 'Register a work left unfinished at handover (未完成工程), reported to the developer',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: IdParamSchema, headers: IdempotencyHeaderSchema, body: jsonBody(UnfinishedWorkInput) },
  responses: { 201: jsonContent(UnfinishedWork, 'The work'), ...writeErrors },
});

export const listUnfinishedRoute = createRoute({
  method: 'get',
  path: '/handover-plans/{id}/unfinished-works',
  operationId: 'listUnfinishedWorks',
  summary: "A plan's unfinished works and how many are open, overdue, done, done late",
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(
      z
        .object({
          data: z.array(UnfinishedWork),
          summary: z.object({
            open: z.number().int(),
            overdue: z.number().int(),
            done: z.number().int(),
            done_late: z.number().int(),
          }),
        })
        .openapi('UnfinishedWorkList'),
      'The works',
    ),
    ...commonErrors,
  },
});

export const completeUnfinishedRoute = createRoute({
  method: 'post',
  path: '/unfinished-works/{id}/complete',
  operationId: 'completeUnfinishedWork',
  summary: 'An unfinished work is done',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(z.object({ completedOn: localDate.optional() }).openapi('UnfinishedWorkCompleteInput')),
  },
  responses: { 200: jsonContent(UnfinishedWork, 'The work'), ...writeErrors },
});

const Finding = z
  .object({
    item: z.string().trim().min(1).max(120).openapi({ example: '卫生间闭水' }),
    passed: z.boolean(),
    category: z.string().trim().min(1).max(120).optional().openapi({
      description: "A code of the tenant's case category tree; required when the item failed",
    }),
    description: z.string().trim().max(2000).default('').openapi({
      description: 'What was found; required when the item failed',
    }),
    nature: z.enum(handover.inspectionIssueNatures).default('workmanship'),
    violatesStandard: z.boolean().default(false),
    photoKeys: z.array(z.string().min(1).max(300)).max(20).default([]),
  })
  .openapi('InspectionFinding');

export const UnitInspectionInput = z
  .object({
    unitId: id,
    findings: z.array(Finding).min(1).max(200),
  })
  .superRefine((b, ctx) => {
    b.findings.forEach((f, i) => {
      if (f.passed) return;
      if (!f.description) {
        ctx.addIssue({
          code: 'custom',
          path: ['findings', i, 'description'],
          message: 'A failed item says what was found',
        });
      }
      if (!f.category) {
        ctx.addIssue({
          code: 'custom',
          path: ['findings', i, 'category'],
          message: 'A failed item names its category',
        });
      }
    });
  })
  .openapi('UnitInspectionInput');

const InspectionIssue = z
  .object({
    id: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    category: z.string(),
    description: z.string(),
    nature: z.enum(handover.inspectionIssueNatures),
    violatesStandard: z.boolean(),
    route: z.enum(['repair_case', 'defect']).nullable(),
    defectId: z.string().nullable(),
    caseId: z.string().nullable(),
    foundAt: DateTimeString,
    resolvedAt: DateTimeString.nullable(),
  })
  .openapi('InspectionIssue');

export const UnitInspection = z
  .object({
    id: z.string(),
    planId: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    result: z.enum(['passed', 'failed']),
    findings: z.array(Finding),
    inspectorId: z.string().nullable(),
    inspectedAt: DateTimeString,
    issues: z.array(InspectionIssue),
    version: z.number().int(),
  })
  .openapi('UnitInspection');

export const recordInspectionRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/inspections',
  operationId: 'recordUnitInspection',
  summary:
    "Record a unit's pre-handover inspection (分户查验); each failed item becomes a defect (source pre_handover_inspection)",
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: IdParamSchema, headers: IdempotencyHeaderSchema, body: jsonBody(UnitInspectionInput) },
  responses: { 201: jsonContent(UnitInspection, 'The inspection and its issues'), ...writeErrors },
});

export const listInspectionsRoute = createRoute({
  method: 'get',
  path: '/handover-plans/{id}/inspections',
  operationId: 'listUnitInspections',
  summary: "The plan's units with their inspection status, and the progress per building",
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(
      z
        .object({
          data: z.array(
            z.object({
              unitId: z.string(),
              buildingId: z.string(),
              number: z.string(),
              status: z.enum(['not_inspected', 'passed', 'failed']),
              inspection: UnitInspection.nullable(),
            }),
          ),
          progress: z.array(
            z.object({
              buildingId: z.string(),
              units: z.number().int(),
              inspected: z.number().int(),
              issues: z.number().int(),
              openIssues: z.number().int(),
            }),
          ),
        })
        .openapi('UnitInspectionList'),
      'The units',
    ),
    ...commonErrors,
  },
});
