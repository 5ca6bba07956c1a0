import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  binaryContent,
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
import {
  AllowedAction,
  Attachment,
  CaseActionResult,
  CaseInput,
  CaseListItem,
  CaseQuery,
  CaseRead,
  CreatedCase,
  OwnerLink,
  TimelineEntry,
} from './cases.schemas';

const tags = ['cases'];

export const createCaseRoute = createRoute({
  method: 'post',
  path: '/cases',
  operationId: 'createCase',
  tags,
  summary: 'Record a case from the hotline, a department phone, the front desk or a guard booth',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(CaseInput) },
  responses: {
    201: jsonContent(CreatedCase, 'The new case with its archive number and owner link'),
    ...writeErrors,
  },
});

export const listCasesRoute = createRoute({
  method: 'get',
  path: '/cases',
  operationId: 'listCases',
  tags,
  summary: 'Cases within your reach, filtered and searched, newest first by default',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(CaseQuery) },
  responses: {
    200: jsonContent(pageSchema(CaseListItem, 'CasePage'), 'A page of cases, each with its next deadline'),
    ...commonErrors,
  },
});

export const getCaseRoute = createRoute({
  method: 'get',
  path: '/cases/{id}',
  operationId: 'getCase',
  summary: 'Get a case',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(CaseRead, 'The case and where it is (ETag: its version)'), ...commonErrors },
});

export const caseTimelineRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/timeline',
  operationId: 'getCaseTimeline',
  tags,
  summary: 'Every event of the case, internal and owner-facing, oldest first',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.object({ data: z.array(TimelineEntry) }).openapi('CaseTimeline'), 'The timeline'),
    ...commonErrors,
  },
});

export const allowedActionsRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/allowed-actions',
  operationId: 'getCaseAllowedActions',
  tags,
  summary: 'What you may do next on the case, and where each step leads',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(
      z.object({ status: z.string(), data: z.array(AllowedAction) }).openapi('CaseAllowedActions'),
      'Allowed next steps',
    ),
    ...commonErrors,
  },
});

export const caseActionRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/actions',
  operationId: 'applyCaseAction',
  tags,
  summary: 'Take one step of the flow; an illegal step answers 409 with the allowed ones',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    // Documented as core's union (registered in ./index.ts); core validates it after the 404/412 checks.
    body: {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseAction' } } },
    },
  },
  responses: { 200: jsonContent(CaseActionResult, 'The case after the step (ETag)'), ...writeErrors },
});

export const AttachmentQuery = z.object({
  fileName: z.string().trim().min(1).max(200).optional().openapi({ description: 'The original file name' }),
});

export const uploadAttachmentRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/attachments',
  operationId: 'uploadCaseAttachment',
  tags,
  summary:
    'Upload one file as the raw body (Content-Type: image/jpeg|png|webp|heic, audio/mpeg|mp4|amr|wav, application/pdf; at most 10 MB)',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    query: AttachmentQuery,
    body: { required: true, ...binaryContent('The file') },
  },
  responses: {
    201: jsonContent(Attachment, 'The stored attachment'),
    ...writeErrors,
    415: problem('Type not allowed'),
  },
});

export const listAttachmentsRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/attachments',
  operationId: 'listCaseAttachments',
  summary: "List a case's attachments",
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.object({ data: z.array(Attachment) }).openapi('CaseAttachments'), 'Attachments'),
    ...commonErrors,
  },
});

export const getAttachmentRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/attachments/{attachmentId}',
  operationId: 'downloadCaseAttachment',
  tags,
  summary: 'The file itself, streamed',
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({
      attachmentId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'attachmentId', in: 'path' } }),
    }),
  },
  responses: { 200: binaryContent('The file, with its own Content-Type'), ...commonErrors },
});

export const issueOwnerLinkRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/owner-link',
  operationId: 'issueCaseOwnerLink',
  tags,
  summary: 'A fresh owner link for the case (e.g. to send again by SMS); links already sent stay valid',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 201: jsonContent(OwnerLink, 'The owner link'), ...writeErrors },
});
