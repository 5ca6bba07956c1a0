import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { idempotent } from '../../middleware/idempotency';

const tags = ['notices'];
const instant = z.string().openapi({ type: 'string', format: 'date-time' });

export const Notice = z
  .object({
    id: z.string(),
    branchId: z.string(),
    projectId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: instant.nullable(),
    createdBy: z.string().nullable(),
    createdAt: instant,
    readCount: z.number().int().openapi({
      description: 'Owners who opened the notice through their link (each counted once)',
    }),
    audienceSize: z.number().int().openapi({
      description: 'Owners of its project (or of every project of its branch): who it is sent to',
    }),
  })
  .openapi('Notice');

export const NoticeInput = z
  .object({
    branchId: z.string().max(64).optional(),
    projectId: z.string().max(64).optional(),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(5000),
  })
  .strict()
  .refine((v) => v.branchId || v.projectId, {
    message: 'Give a projectId or a branchId',
    path: ['projectId'],
  })
  .openapi('NoticeInput');

export const listNoticesRoute = createRoute({
  method: 'get',
  path: '/notices',
  operationId: 'listNotices',
  summary: 'List notices (公告) in your reach',
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ projectId: z.string().max(64).optional() }) },
  responses: { 200: jsonContent(pageSchema(Notice, 'NoticePage'), 'Notices, newest first'), ...commonErrors },
});

export const createNoticeRoute = createRoute({
  method: 'post',
  path: '/notices',
  operationId: 'createNotice',
  tags,
  summary: 'Draft a notice of a project or a branch to its owners',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(NoticeInput) },
  responses: { 201: jsonContent(Notice, 'The draft'), ...writeErrors },
});

export const publishNoticeRoute = createRoute({
  method: 'post',
  path: '/notices/{id}/publish',
  operationId: 'publishNotice',
  tags,
  summary: 'Publish: emits notice.published, sent to the owners through the configured channels',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Notice, 'The published notice'), ...writeErrors },
});
