import { AppError, cases as core, newId } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  createCase,
  openOwnerNotice,
  ownerView,
  rateFollowup,
  resolveChannelKey,
  signOff,
} from '../../../app/cases';
import { ownerScope } from '../../../app/scope';
import { createRouter } from '../../app';
import { httpEdge } from '../../lib/edge';
import { createRoute, jsonBody, jsonContent, noSecurity, writeErrors } from '../../lib/openapi';
import { rateLimited } from '../../middleware/rate-limit';
import { ownerLinkFor } from '../cases/cases.output';
import { PublicIntakeInput } from '../cases/cases.schemas';
import { linkContext } from './owner-link';

/**
 * Routes without a login: owner intake through a project's channel key (web, WeChat, app) and
 * the owner link (status, owner-facing timeline, follow-up, sign-off).
 */
export const publicRouter = createRouter();

const tags = ['public'];
const time = z.string();

const KeyParam = z.object({
  channelKey: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'channelKey', in: 'path' } }),
});

const PublicCase = z
  .object({
    id: z.string(),
    archiveNo: z.string(),
    kind: z.string(),
    status: z.string(),
    category: z.string(),
    receivedAt: time,
    ownerLink: z.object({ token: z.string(), url: z.string(), expiresAt: time }),
  })
  .openapi('PublicIntakeReceipt');

const intakeRoute = createRoute({
  method: 'post',
  path: '/intake/{channelKey}',
  operationId: 'publicIntake',
  security: noSecurity,
  tags,
  summary: "An owner's case from the web, WeChat or the app, through the project's channel key; no login",
  request: { params: KeyParam, body: jsonBody(PublicIntakeInput) },
  responses: { 201: jsonContent(PublicCase, 'Received, with the owner link'), ...writeErrors },
});

publicRouter.openapi(intakeRoute, async (c) => {
  const edge = httpEdge(c);
  const channel = await resolveChannelKey(c.env, c.req.valid('param').channelKey);
  if (!channel) throw new AppError('not_found', 'No such intake channel');
  const limit = await c.env.PUBLIC_INTAKE_RATE_LIMITER.limit({ key: channel.keyId });
  if (!limit.success) throw rateLimited();
  const body = c.req.valid('json');
  const caseId = newId('case');
  const scope = ownerScope(edge, channel.tenant, null);
  const { row } = await createCase(
    scope,
    {
      intake: { ...body, projectId: channel.projectId } as core.CaseIntake,
      actor: { kind: 'owner', id: caseId, roles: [] },
      reachPermission: null,
    },
    undefined,
    caseId,
  );
  return c.json(
    {
      id: row.id,
      archiveNo: row.archiveNo,
      kind: row.kind,
      status: row.status,
      category: row.category,
      receivedAt: row.receivedAt.toISOString(),
      ownerLink: await ownerLinkFor(c.env, c.req.url, row, edge.now),
    },
    201,
  );
});

// ---------------------------------------------------------------------------
// Owner link

const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(4000)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const OwnerView = z
  .object({
    archiveNo: z.string(),
    kind: z.string(),
    status: z.string(),
    category: z.string(),
    description: z.string(),
    receivedAt: time,
    visitBookedFor: time.nullable(),
    completedAt: time.nullable(),
    signedOffAt: time.nullable(),
    followedUpAt: time.nullable(),
    closedAt: time.nullable(),
    satisfaction: z.number().nullable(),
    lowRatingReason: z.enum(core.lowRatingReasons).nullable(),
    timeline: z.array(z.object({ at: time, action: z.string(), note: z.string().nullable() })),
    allowedActions: z.array(z.string()),
    notices: z
      .array(z.object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: time }))
      .openapi({
        description: '通知与公告: published notices of the case project and its branch, newest first',
      }),
  })
  .openapi('OwnerCaseView');

const ownerLinkErrors = {
  ...writeErrors,
  401: { description: 'The link is invalid or has expired' },
};

const viewRoute = createRoute({
  method: 'get',
  path: '/owner-link/{token}',
  operationId: 'ownerLinkView',
  security: noSecurity,
  tags,
  summary: 'The case as its owner sees it: status and the owner-facing timeline (no internal notes)',
  request: { params: TokenParam },
  responses: { 200: jsonContent(OwnerView, 'The owner view'), ...ownerLinkErrors },
});

publicRouter.openapi(viewRoute, async (c) => {
  const ctx = await linkContext(c, c.req.valid('param').token);
  return c.json(await ownerView(ctx), 200);
});

const NoticeParams = TokenParam.extend({
  noticeId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'noticeId', in: 'path' } }),
});

const OwnerNotice = z
  .object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: time })
  .openapi('OwnerNotice');

const noticeRoute = createRoute({
  method: 'get',
  path: '/owner-link/{token}/notices/{noticeId}',
  operationId: 'ownerLinkNotice',
  security: noSecurity,
  tags,
  summary: "The owner opens a notice of the case's estate; the read is counted once per owner",
  request: { params: NoticeParams },
  responses: { 200: jsonContent(OwnerNotice, 'The notice'), ...ownerLinkErrors },
});

publicRouter.openapi(noticeRoute, async (c) => {
  const { token, noticeId } = c.req.valid('param');
  const ctx = await linkContext(c, token);
  return c.json(await openOwnerNotice(ctx, noticeId), 200);
});

const FollowUpInput = z
  .object({
    satisfaction: z.number().int().min(1).max(5).openapi({ description: '1 (very unsatisfied) to 5' }),
    comment: z.string().trim().min(1).max(2000).optional(),
    lowRatingReason: z.enum(core.lowRatingReasons).optional().openapi({
      description: 'Why a low rating: slow, not_fixed, attitude, cost, other (kept only when unsatisfied)',
    }),
  })
  .strict()
  .openapi('OwnerFollowUpInput');

const followUpRoute = createRoute({
  method: 'post',
  path: '/owner-link/{token}/follow-up',
  operationId: 'ownerLinkFollowUp',
  security: noSecurity,
  tags,
  summary: 'The owner rates the handling (回访); an unsatisfied rating reopens the case',
  request: { params: TokenParam, body: jsonBody(FollowUpInput) },
  responses: { 200: jsonContent(OwnerView, 'The owner view after the follow-up'), ...ownerLinkErrors },
});

publicRouter.openapi(followUpRoute, async (c) => {
  const ctx = await linkContext(c, c.req.valid('param').token);
  const row = await rateFollowup(ctx, c.req.valid('json'));
  return c.json(await ownerView(ctx, row), 200);
});

const signOffRoute = createRoute({
  method: 'post',
  path: '/owner-link/{token}/sign-off',
  operationId: 'ownerLinkSignOff',
  security: noSecurity,
  tags,
  summary: 'The owner confirms the completed repair (业主签收)',
  request: { params: TokenParam },
  responses: { 200: jsonContent(OwnerView, 'The owner view after sign-off'), ...ownerLinkErrors },
});

publicRouter.openapi(signOffRoute, async (c) => {
  const ctx = await linkContext(c, c.req.valid('param').token);
  const row = await signOff(ctx);
  return c.json(await ownerView(ctx, row), 200);
});
