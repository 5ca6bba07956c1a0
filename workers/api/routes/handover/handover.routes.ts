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
  problem,
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
    photoKeys: z.array(z.string().min(1).max(64)).max(20).default([]).openapi({
      description: 'Ids of photos uploaded to the plan (POST /handover-plans/{id}/inspection-photos)',
    }),
  })
  .openapi('InspectionFinding');

/** A failed finding says what was found and names its category (400 at findings.<i>.<field>). */
function failedFindingsComplete(
  findings: z.infer<typeof Finding>[],
  ctx: { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void },
) {
  findings.forEach((f, i) => {
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
}

export const UnitInspectionInput = z
  .object({
    unitId: id,
    findings: z.array(Finding).min(1).max(200),
  })
  .superRefine((b, ctx) => failedFindingsComplete(b.findings, ctx))
  .openapi('UnitInspectionInput');

const InspectionIssue = z
  .object({
    id: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    item: z.string(),
    category: z.string(),
    description: z.string(),
    nature: z.enum(handover.inspectionIssueNatures),
    violatesStandard: z.boolean(),
    photoKeys: z.array(z.string()),
    route: z.enum(['repair_case', 'defect']).nullable().openapi({
      description: "repair_case: the unit's repair case (caseId); defect: a product defect (defectId)",
    }),
    defectId: z.string().nullable(),
    caseId: z.string().nullable(),
    foundAt: DateTimeString,
    resolvedAt: DateTimeString.nullable(),
    resolvedBy: z.string().nullable(),
    resolution: z.string().nullable(),
    version: z.number().int(),
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
    round: z.number().int().openapi({ description: '1, then one more per re-inspection (复查)' }),
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
    "Record a unit's pre-handover inspection (分户查验); a failed item becomes the unit's repair case or a defect",
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

const InspectionParams = IdParamSchema.extend({
  inspectionId: id.openapi({ param: { name: 'inspectionId', in: 'path' } }),
});

export const ReinspectionInput = z
  .object({ findings: z.array(Finding).min(1).max(200) })
  .superRefine((b, ctx) => failedFindingsComplete(b.findings, ctx))
  .openapi('ReinspectionInput');

export const reinspectRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/inspections/{inspectionId}/reinspect',
  operationId: 'reinspectUnit',
  summary: 'Re-inspect a unit (复查): items that pass resolve their open issues, new failures are routed',
  tags,
  security: bearerSecurity,
  request: { params: InspectionParams, headers: IfMatchHeaderSchema, body: jsonBody(ReinspectionInput) },
  responses: { 200: jsonContent(UnitInspection, 'The inspection in its new round'), ...writeErrors },
});

const IssueParams = IdParamSchema.extend({
  issueId: id.openapi({ param: { name: 'issueId', in: 'path' } }),
});

export const resolveIssueRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/inspection-issues/{issueId}/resolve',
  operationId: 'resolveInspectionIssue',
  summary: 'Resolve an inspection issue (整改完成) with what was done',
  tags,
  security: bearerSecurity,
  request: {
    params: IssueParams,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z
        .object({
          resolution: z.string().trim().min(1).max(2000).openapi({ example: '更换止水节后复试不渗' }),
        })
        .openapi('ResolveInspectionIssueInput'),
    ),
  },
  responses: { 200: jsonContent(InspectionIssue, 'The resolved issue'), ...writeErrors },
});

const InspectionPhoto = z
  .object({ id: z.string(), contentType: z.string(), sizeBytes: z.number().int() })
  .openapi('InspectionPhoto');

export const uploadPhotoRoute = createRoute({
  method: 'post',
  path: '/handover-plans/{id}/inspection-photos',
  operationId: 'uploadInspectionPhoto',
  summary: 'Raw body upload of a finding photo (image/jpeg|png|webp; at most 20 MB); findings name it by id',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    201: jsonContent(InspectionPhoto, 'The stored photo'),
    415: problem('Content type not accepted'),
    ...writeErrors,
  },
});

export const getPhotoRoute = createRoute({
  method: 'get',
  path: '/handover-plans/{id}/inspection-photos/{photoId}',
  operationId: 'getInspectionPhoto',
  summary: 'A finding photo, for whoever may see the plan',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({ photoId: id.openapi({ param: { name: 'photoId', in: 'path' } }) }),
  },
  responses: {
    200: {
      description: 'The photo',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...commonErrors,
  },
});

export const ChecklistTemplate = z
  .object({
    /** The items a new plan copies, in order (key: lower snake_case, unique). */
    items: handover.ChecklistTemplateSchema,
    version: z.number().int().openapi({ description: "0 while the seed's list is used unedited" }),
  })
  .openapi('HandoverChecklistTemplate');

export const getTemplateRoute = createRoute({
  method: 'get',
  path: '/handover-template',
  operationId: 'getHandoverChecklistTemplate',
  summary: "The tenant's readiness checklist template (the seed's list until edited)",
  tags,
  security: bearerSecurity,
  responses: { 200: jsonContent(ChecklistTemplate, 'The template'), ...commonErrors },
});

export const saveTemplateRoute = createRoute({
  method: 'put',
  path: '/handover-template',
  operationId: 'saveHandoverChecklistTemplate',
  summary: "Replace the tenant's readiness checklist template; plans made before keep theirs",
  tags,
  security: bearerSecurity,
  request: {
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z.object({ items: handover.ChecklistTemplateSchema }).openapi('HandoverChecklistTemplateInput'),
    ),
  },
  responses: { 200: jsonContent(ChecklistTemplate, 'The saved template'), ...writeErrors },
});
