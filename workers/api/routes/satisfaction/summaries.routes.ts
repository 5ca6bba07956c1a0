import { complaintSummary, DateTimeString } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';

/* The monthly complaint summary (月度投诉汇总) of each project, and the branch view of them all. */

const tags = ['complaint-summaries'];
const id = z.string().min(1).max(64);
const p = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });
const counts = z.record(z.string(), z.number().int());
const Change = z.object({
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
  ratio: z
    .number()
    .nullable()
    .openapi({ description: 'delta / previous; null when the month before had none' }),
});
const Figures = z.object({
  total: z.number().int(),
  byCategory: counts,
  byChannel: counts,
  bySeverity: counts,
  firstResponseMinutes: p,
  resolutionMinutes: p,
  unresolved: z.number().int(),
  breaches: z.number().int(),
  reopened: z.number().int(),
  repeatComplainants: z
    .number()
    .int()
    .openapi({ description: 'Owners with two or more complaints (重复投诉)' }),
  groupComplaints: z.number().int().openapi({ description: '群诉' }),
  claims: z.number().int(),
});

export const ComplaintSummary = z
  .object({
    id: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    month: z.string(),
    status: z.enum(complaintSummary.summaryStatuses),
    deadline: z
      .enum(['pending', 'warning', 'overdue', 'escalated', 'done'])
      .openapi({ description: 'Where the submission deadline stands now' }),
    dueOn: z.string().openapi({ description: 'The working day it is due by (tenant calendar)' }),
    figures: Figures,
    previous: Figures.openapi({ description: 'The month before' }),
    changes: z.record(z.string(), Change),
    byCategoryChange: z.record(z.string(), Change),
    causeAnalysis: z.string().nullable(),
    measures: z.string().nullable(),
    submittedBy: z.string().nullable(),
    submittedByName: z.string().nullable().openapi({ description: 'The name of who submitted it' }),
    submittedAt: DateTimeString.nullable(),
    readBy: z
      .string()
      .nullable()
      .openapi({ description: 'Read receipt: the branch CS manager who first opened it' }),
    readByName: z.string().nullable(),
    readAt: DateTimeString.nullable(),
    reviewedBy: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    reviewedAt: DateTimeString.nullable(),
    reviewComment: z.string().nullable(),
    majorProblem: z.boolean(),
    version: z.number().int(),
  })
  .openapi('ComplaintSummary');

export const SummarySubmission = z
  .object({
    causeAnalysis: z.string().trim().min(1).max(10_000).openapi({ description: '原因分析' }),
    measures: z.string().trim().min(1).max(10_000).openapi({ description: '改进措施' }),
  })
  .openapi('ComplaintSummarySubmission');

export const SummaryReview = z
  .object({
    comment: z.string().max(10_000).optional(),
    majorProblem: z.boolean().default(false).openapi({ description: 'Flag to the branch GM (重大问题)' }),
  })
  .openapi('ComplaintSummaryReview');

const SummaryQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  branchId: id.optional(),
  projectId: id.optional(),
  status: z.enum(complaintSummary.summaryStatuses).optional(),
});

export const listSummariesRoute = createRoute({
  method: 'get',
  path: '/complaint-summaries',
  operationId: 'listComplaintSummaries',
  tags,
  summary: "Monthly complaint summaries within your reach (a branch's view: branchId and month)",
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(SummaryQuery) },
  responses: {
    200: jsonContent(pageSchema(ComplaintSummary, 'ComplaintSummaryPage'), 'A page'),
    ...commonErrors,
  },
});

export const getSummaryRoute = createRoute({
  method: 'get',
  path: '/complaint-summaries/{id}',
  operationId: 'getComplaintSummary',
  tags,
  summary: "Get a summary (the branch CS manager's first read of a submitted one is its read receipt)",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(ComplaintSummary, 'The summary'), ...commonErrors },
});

export const submitSummaryRoute = createRoute({
  method: 'post',
  path: '/complaint-summaries/{id}/submit',
  operationId: 'submitComplaintSummary',
  tags,
  summary: "The project's CS lead adds the analysis and measures and submits to the branch CS manager",
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(SummarySubmission) },
  responses: { 200: jsonContent(ComplaintSummary, 'The submitted summary'), ...writeErrors },
});

export const reviewSummaryRoute = createRoute({
  method: 'post',
  path: '/complaint-summaries/{id}/review',
  operationId: 'reviewComplaintSummary',
  tags,
  summary: 'The branch CS manager reviews; a major problem is flagged to the branch GM',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(SummaryReview) },
  responses: { 200: jsonContent(ComplaintSummary, 'The reviewed summary'), ...writeErrors },
});
