import { DateTimeString, defects } from '@guanjia/core';
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
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';

/** The product-defect register (产品缺陷), defect meetings, preventive measures and the scorecard. */

const tags = ['defects'];
const id = z.string().min(1).max(64);
const time = DateTimeString;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

const Impact = z
  .object({
    householdsAffected: z.number().int().min(0).openapi({ description: '波及户数' }),
    risk: z.enum(defects.defectRisks),
    estimatedLossFen: z.number().int().min(0).default(0).openapi({ description: 'Estimated loss in fen' }),
  })
  .openapi('DefectImpact');

export const DefectInput = z
  .object({
    description: z.string().trim().min(1).max(4000),
    category: z
      .string()
      .min(1)
      .max(120)
      .openapi({ description: "A code of the tenant's case category tree" }),
    source: z.enum(defects.defectSources).openapi({
      description:
        '工程维修 repair, 投诉处理 complaint, 物业管理 property_management, 交付前内部查验 pre_handover_inspection, 交付期间业主提出 handover_owner',
    }),
    projectId: id,
    buildingIds: z.array(id).max(200).default([]),
    unitTypes: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    impact: Impact,
    foundAt: time,
    caseIds: z.array(id).max(500).default([]).openapi({ description: 'Cases of the same project' }),
    violatesStandard: z.boolean().default(false).openapi({ description: '违反有关国标及规范' }),
    repeatOfDefectId: id.nullable().default(null).openapi({ description: '反复缺陷: the earlier defect' }),
  })
  .openapi('DefectInput');

export const DefectUpdate = updateSchemaOf(
  DefectInput.omit({ projectId: true }).extend({
    impact: z
      .object({
        householdsAffected: z.number().int().min(0).optional(),
        risk: z.enum(defects.defectRisks).optional(),
        estimatedLossFen: z.number().int().min(0).optional(),
      })
      .strict(),
  }),
).openapi('DefectUpdate');

const Decision = z
  .object({
    meetingId: z.string(),
    preventionMeasure: z.string(),
    responsibleDepartmentId: z.string(),
    feedbackDueOn: z.string(),
    rectificationDueOn: z.string(),
  })
  .openapi('DefectDecision');

export const Defect = z
  .object({
    id: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    description: z.string(),
    category: z.string(),
    source: z.enum(defects.defectSources),
    buildingIds: z.array(z.string()),
    unitTypes: z.array(z.string()),
    impact: z.object({
      householdsAffected: z.number().int(),
      risk: z.enum(defects.defectRisks),
      estimatedLossFen: z.number().int(),
    }),
    foundAt: time,
    status: z.enum(defects.defectStatuses),
    allowedSteps: z.array(z.enum(defects.defectSteps)),
    violatesStandard: z.boolean(),
    repeatOfDefectId: z.string().nullable(),
    suggested: z
      .object({ windowStart: time, windowEnd: time })
      .nullable()
      .openapi({ description: 'The window of the repeated reports that proposed it' }),
    dismissedReason: z.string().nullable(),
    caseIds: z.array(z.string()),
    decision: Decision.nullable(),
    responsibleDepartmentId: z.string().nullable(),
    feedbackDeadline: time.nullable(),
    feedbackAt: time.nullable(),
    feedback: z.string().nullable(),
    completionDeadline: time.nullable(),
    completedAt: time.nullable(),
    studiedAt: time.nullable(),
    createdAt: time,
    version: z.number().int(),
  })
  .openapi('Defect');

const DefectQuery = PageQuerySchema.extend({
  projectId: id.optional(),
  status: z.enum(defects.defectStatuses).optional(),
  category: z.string().max(120).optional(),
  source: z.enum(defects.defectSources).optional(),
  responsibleDepartmentId: id.optional(),
});

export const listDefectsRoute = createRoute({
  method: 'get',
  path: '/defects',
  operationId: 'listDefects',
  summary: 'List product defects in your reach, newest first',
  tags,
  security: bearerSecurity,
  request: { query: DefectQuery },
  responses: { 200: jsonContent(pageSchema(Defect, 'DefectPage'), 'A page of defects'), ...commonErrors },
});

export const getDefectRoute = createRoute({
  method: 'get',
  path: '/defects/{id}',
  operationId: 'getDefect',
  summary: 'Get a product defect with its cases and decision',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Defect, 'The defect'), ...commonErrors },
});

export const createDefectRoute = createRoute({
  method: 'post',
  path: '/defects',
  operationId: 'createDefect',
  summary: 'Register a product defect (it awaits a defect meeting)',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(DefectInput) },
  responses: { 201: jsonContent(Defect, 'The new defect'), ...writeErrors },
});

export const updateDefectRoute = createRoute({
  method: 'patch',
  path: '/defects/{id}',
  operationId: 'updateDefect',
  summary: 'Change what is registered about a defect; caseIds replace the linked cases',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(DefectUpdate) },
  responses: { 200: jsonContent(Defect, 'The defect'), ...writeErrors },
});

const StepInput = z
  .object({ reason: z.string().trim().min(1).max(2000).optional() })
  .openapi('DefectStepInput');

const stepRoute = (step: 'accept' | 'dismiss' | 'close', summary: string) =>
  createRoute({
    method: 'post',
    path: `/defects/{id}/${step}`,
    operationId: `${step}Defect`,
    summary,
    tags,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(StepInput) },
    responses: { 200: jsonContent(Defect, 'The defect'), ...writeErrors },
  });

export const acceptDefectRoute = stepRoute('accept', 'Accept a suggested defect into the register');
export const dismissDefectRoute = stepRoute(
  'dismiss',
  'Dismiss a suggested defect (its cases are not proposed again)',
);
export const closeDefectRoute = stepRoute('close', 'Close a rectified defect');

export const feedbackDefectRoute = createRoute({
  method: 'post',
  path: '/defects/{id}/feedback',
  operationId: 'recordDefectFeedback',
  summary: "The responsible department's rectification feedback (整改意见反馈)",
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(z.object({ feedback: z.string().trim().min(1).max(4000) }).openapi('DefectFeedbackInput')),
  },
  responses: { 200: jsonContent(Defect, 'Rectifying'), ...writeErrors },
});

export const completeDefectRoute = createRoute({
  method: 'post',
  path: '/defects/{id}/complete',
  operationId: 'completeDefectRectification',
  summary: 'The rectification is done (整改完成)',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z.object({ note: z.string().trim().min(1).max(4000).optional() }).openapi('DefectCompleteInput'),
    ),
  },
  responses: { 200: jsonContent(Defect, 'Rectified'), ...writeErrors },
});

export const studyDefectRoute = createRoute({
  method: 'post',
  path: '/defects/{id}/study',
  operationId: 'markDefectStudied',
  summary: 'The defect was studied with the teams (宣讲学习)',
  tags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(z.object({ studiedAt: time.optional() }).openapi('DefectStudyInput')),
  },
  responses: { 200: jsonContent(Defect, 'Studied'), ...writeErrors },
});

export const SuggestionRun = z
  .object({ proposed: z.array(Defect), extended: z.number().int() })
  .openapi('DefectSuggestionRun');

export const runSuggestionsRoute = createRoute({
  method: 'post',
  path: '/defects/suggestions/run',
  operationId: 'runDefectSuggestions',
  summary: 'Look for repeated reports now (the cron does it daily) and propose defects',
  tags,
  security: bearerSecurity,
  request: {},
  responses: { 200: jsonContent(SuggestionRun, 'What was proposed'), ...writeErrors },
});

// Meetings

const DecisionInput = z
  .object({
    defectId: id,
    preventionMeasure: z.string().trim().min(1).max(2000).openapi({ description: '预防措施' }),
    responsibleDepartmentId: id.openapi({ description: '责任部门' }),
    rectificationDueOn: localDate.openapi({
      description: 'The rectification is due by the end of this working day',
    }),
    feedbackDueOn: localDate
      .nullable()
      .default(null)
      .openapi({ description: 'Null: settings.defects.feedbackWorkingDays (default 5) after the meeting' }),
  })
  .openapi('DefectDecisionInput');

export const MeetingInput = z
  .object({
    projectId: id.nullable().default(null),
    heldAt: time,
    chairId: id,
    attendeeIds: z.array(id).max(100).default([]),
    minutes: z.string().max(20000).default('').openapi({ description: '会议纪要' }),
    decisions: z.array(DecisionInput).max(200),
  })
  .openapi('DefectMeetingInput');

export const Meeting = z
  .object({
    id: z.string(),
    branchId: z.string().nullable(),
    projectId: z.string().nullable(),
    heldAt: time,
    chairId: z.string(),
    attendeeIds: z.array(z.string()),
    minutes: z.string(),
    decisions: z.array(Decision.extend({ defectId: z.string() })).optional(),
    createdAt: time,
    version: z.number().int(),
  })
  .openapi('DefectMeeting');

export const Agenda = z
  .object({
    items: z.array(z.object({ purpose: z.enum(['decide', 'review']), defect: Defect })),
  })
  .openapi('DefectAgenda');

export const agendaRoute = createRoute({
  method: 'get',
  path: '/defect-meetings/agenda',
  operationId: 'defectMeetingAgenda',
  summary: "The next meeting's agenda: defects to decide, then overdue and under rectification",
  tags,
  security: bearerSecurity,
  request: { query: z.object({ projectId: id.optional() }) },
  responses: { 200: jsonContent(Agenda, 'The agenda'), ...commonErrors },
});

export const listMeetingsRoute = createRoute({
  method: 'get',
  path: '/defect-meetings',
  operationId: 'listDefectMeetings',
  summary: 'List defect meetings, newest first',
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ projectId: id.optional() }) },
  responses: {
    200: jsonContent(pageSchema(Meeting, 'DefectMeetingPage'), 'A page of meetings'),
    ...commonErrors,
  },
});

export const getMeetingRoute = createRoute({
  method: 'get',
  path: '/defect-meetings/{id}',
  operationId: 'getDefectMeeting',
  summary: 'Get a defect meeting with its decisions',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Meeting, 'The meeting'), ...commonErrors },
});

export const createMeetingRoute = createRoute({
  method: 'post',
  path: '/defect-meetings',
  operationId: 'recordDefectMeeting',
  summary: 'Record a defect meeting held: minutes and one decision per defect',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(MeetingInput) },
  responses: { 201: jsonContent(Meeting, 'The meeting'), ...writeErrors },
});

// Preventive measures and the scorecard

export const MeasureInput = z
  .object({
    projectId: id.nullable().default(null),
    departmentId: id.nullable().default(null),
    kind: z.enum(defects.preventiveMeasureKinds),
    description: z.string().trim().min(1).max(2000),
    takenAt: time,
  })
  .openapi('PreventiveMeasureInput');

export const Measure = z
  .object({
    id: z.string(),
    projectId: z.string().nullable(),
    departmentId: z.string().nullable(),
    kind: z.enum(defects.preventiveMeasureKinds),
    description: z.string(),
    takenAt: time,
    createdBy: z.string().nullable(),
  })
  .openapi('PreventiveMeasure');

export const createMeasureRoute = createRoute({
  method: 'post',
  path: '/preventive-measures',
  operationId: 'recordPreventiveMeasure',
  summary: 'Record a preventive measure (预控措施) of a project or a department',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(MeasureInput) },
  responses: { 201: jsonContent(Measure, 'The measure'), ...writeErrors },
});

export const listMeasuresRoute = createRoute({
  method: 'get',
  path: '/preventive-measures',
  operationId: 'listPreventiveMeasures',
  summary: 'List preventive measures',
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ projectId: id.optional(), departmentId: id.optional() }) },
  responses: {
    200: jsonContent(pageSchema(Measure, 'PreventiveMeasurePage'), 'A page of measures'),
    ...commonErrors,
  },
});

const indicator = z.enum(defects.scorecardIndicators);

export const Scorecard = z
  .object({
    subject: z.object({ projectId: z.string().optional(), departmentId: z.string().optional() }),
    year: z.number().int(),
    total: z.number().int().openapi({ description: 'Out of 100' }),
    indicators: z.array(
      z.object({
        indicator,
        labelZh: z.string(),
        labelEn: z.string(),
        full: z.number().int(),
        perOccurrence: z.number().int(),
        score: z.number().int(),
        uncounted: z.number().int().openapi({ description: 'Occurrences past the floor of 0' }),
        taken: z.array(
          z.object({
            points: z.number().int(),
            fact: z.string(),
            defectId: z
              .string()
              .nullable()
              .openapi({ description: 'The evidence: the defect the points were taken for' }),
            defectDescription: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('DefectScorecard');

export const scorecardRoute = createRoute({
  method: 'get',
  path: '/defects/scorecard',
  operationId: 'defectScorecard',
  summary: 'The 100-point defect scorecard of a project or a responsible department for a year',
  tags,
  security: bearerSecurity,
  request: {
    query: z.object({
      projectId: id.optional(),
      departmentId: id.optional(),
      year: z.coerce.number().int().min(2000).max(2100),
    }),
  },
  responses: { 200: jsonContent(Scorecard, 'The scorecard'), ...commonErrors },
});
