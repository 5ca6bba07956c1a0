import { AppError, cases as core, newId } from '@guanjia/core';
import { createRoute, z } from '@hono/zod-openapi';
import { verifyOwnerLink } from '../../../auth/owner-link';
import { armChangedClocks } from '../../../clocks/arm';
import { caseById, resolveChannelKey } from '../../../data/case-channels';
import { listTimeline } from '../../../data/case-lists';
import { loadCaseSettings, snapshotOf } from '../../../data/case-support';
import { applyCaseAction, createCase } from '../../../data/cases';
import { shardDb } from '../../../data/db';
import { publishedNoticesFor } from '../../../data/notices';
import type { TenantScope } from '../../../data/scope';
import { findTenant, type TenantRecord } from '../../../data/tenants';
import type { Env } from '../../../env';
import { createRouter } from '../../app';
import { jsonBody, jsonContent, writeErrors } from '../../lib/openapi';
import { rateLimited } from '../../middleware/rate-limit';
import { ownerLinkFor } from '../cases/cases.output';
import { PublicIntakeInput } from '../cases/cases.schemas';

/**
 * Routes without a login: owner intake through a project's channel key (web, WeChat, app) and
 * the owner link (status, owner-facing timeline, follow-up, sign-off).
 */
export const publicRouter = createRouter();

const tags = ['public'];
const time = z.string();

function ownerScope(env: Env, tenant: TenantRecord, ownerId: string | null, now: Date): TenantScope {
  return {
    tenantId: tenant.id,
    db: shardDb(env, tenant.shard),
    actor: { type: 'owner', id: ownerId },
    grants: [],
    contractorId: null,
    requestId: null,
    timeZone: tenant.timeZone,
    now,
  };
}

/** These routes sit outside /v1's armClocks middleware: re-arm the changed case's clock here. */
async function armClocksOf(env: Env, scope: TenantScope) {
  await armChangedClocks(env, scope).catch(() => undefined);
}

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
  tags,
  summary: "An owner's case from the web, WeChat or the app, through the project's channel key; no login",
  request: { params: KeyParam, body: jsonBody(PublicIntakeInput) },
  responses: { 201: jsonContent(PublicCase, 'Received, with the owner link'), ...writeErrors },
});

publicRouter.openapi(intakeRoute, async (c) => {
  const now = new Date();
  const channel = await resolveChannelKey(c.env, c.req.valid('param').channelKey);
  if (!channel) throw new AppError('not_found', 'No such intake channel');
  const limit = await c.env.PUBLIC_INTAKE_RATE_LIMITER.limit({ key: channel.keyId });
  if (!limit.success) throw rateLimited();
  const body = c.req.valid('json');
  const caseId = newId('case');
  const scope = ownerScope(c.env, channel.tenant, null, now);
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
  await armClocksOf(c.env, scope);
  return c.json(
    {
      id: row.id,
      archiveNo: row.archiveNo,
      kind: row.kind,
      status: row.status,
      category: row.category,
      receivedAt: row.receivedAt.toISOString(),
      ownerLink: await ownerLinkFor(c.env, c.req.url, row, now),
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
    timeline: z.array(z.object({ at: time, action: z.string(), note: z.string().nullable() })),
    allowedActions: z.array(z.string()),
    notices: z
      .array(z.object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: time }))
      .openapi({
        description: '通知与公告: published notices of the case project and its branch, newest first',
      }),
  })
  .openapi('OwnerCaseView');

async function linkContext(env: Env, token: string) {
  const now = new Date();
  const claims = await verifyOwnerLink(env, token, now);
  const tenant = await findTenant(env, claims.tenantId);
  if (tenant?.status !== 'active') throw new AppError('not_found', 'No such case');
  const scope = ownerScope(env, tenant, claims.ownerId ?? claims.caseId, now);
  const row = await caseById(scope, claims.caseId);
  if (!row) throw new AppError('not_found', 'No such case');
  const actor: core.Actor = { kind: 'owner', id: claims.ownerId ?? claims.caseId, roles: [] };
  const limit = await env.PUBLIC_INTAKE_RATE_LIMITER.limit({ key: `link:${row.id}` });
  if (!limit.success) throw rateLimited();
  return { scope, row, actor };
}

async function ownerView(ctx: Awaited<ReturnType<typeof linkContext>>, row = ctx.row) {
  const settings = await loadCaseSettings(ctx.scope);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const entries = await listTimeline(ctx.scope, row.id, { ownerOnly: true });
  const notices = await publishedNoticesFor(ctx.scope, { branchId: row.branchId, projectId: row.projectId });
  return {
    archiveNo: row.archiveNo,
    kind: row.kind,
    status: row.status,
    category: row.category,
    description: row.description,
    receivedAt: row.receivedAt.toISOString(),
    visitBookedFor: iso(row.visitBookedFor),
    completedAt: iso(row.completedAt),
    signedOffAt: iso(row.signedOffAt),
    followedUpAt: iso(row.followedUpAt),
    closedAt: iso(row.closedAt),
    satisfaction: row.satisfaction,
    timeline: entries.map((e) => ({ at: e.at.toISOString(), action: e.action, note: e.note })),
    allowedActions: core
      .allowedActions(snapshotOf(row), ctx.actor, { now: ctx.scope.now, settings })
      .map((a) => a.action),
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      publishedAt: (n.publishedAt ?? n.createdAt).toISOString(),
    })),
  };
}

const ownerLinkErrors = {
  ...writeErrors,
  401: { description: 'The link is invalid or has expired' },
};

const viewRoute = createRoute({
  method: 'get',
  path: '/owner-link/{token}',
  operationId: 'ownerLinkView',
  tags,
  summary: 'The case as its owner sees it: status and the owner-facing timeline (no internal notes)',
  request: { params: TokenParam },
  responses: { 200: jsonContent(OwnerView, 'The owner view'), ...ownerLinkErrors },
});

publicRouter.openapi(viewRoute, async (c) => {
  const ctx = await linkContext(c.env, c.req.valid('param').token);
  return c.json(await ownerView(ctx), 200);
});

const FollowUpInput = z
  .object({
    satisfaction: z.number().int().min(1).max(5).openapi({ description: '1 (very unsatisfied) to 5' }),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .openapi('OwnerFollowUpInput');

const followUpRoute = createRoute({
  method: 'post',
  path: '/owner-link/{token}/follow-up',
  operationId: 'ownerLinkFollowUp',
  tags,
  summary: 'The owner rates the handling (回访); an unsatisfied rating reopens the case',
  request: { params: TokenParam, body: jsonBody(FollowUpInput) },
  responses: { 200: jsonContent(OwnerView, 'The owner view after the follow-up'), ...ownerLinkErrors },
});

publicRouter.openapi(followUpRoute, async (c) => {
  const ctx = await linkContext(c.env, c.req.valid('param').token);
  const body = c.req.valid('json');
  const { row } = await applyCaseAction(
    ctx.scope,
    ctx.row.id,
    { type: 'follow_up', satisfaction: body.satisfaction, comment: body.comment },
    { visibility: undefined, actor: ctx.actor },
  );
  await armClocksOf(c.env, ctx.scope);
  return c.json(await ownerView(ctx, row), 200);
});

const signOffRoute = createRoute({
  method: 'post',
  path: '/owner-link/{token}/sign-off',
  operationId: 'ownerLinkSignOff',
  tags,
  summary: 'The owner confirms the completed repair (业主签收)',
  request: { params: TokenParam },
  responses: { 200: jsonContent(OwnerView, 'The owner view after sign-off'), ...ownerLinkErrors },
});

publicRouter.openapi(signOffRoute, async (c) => {
  const ctx = await linkContext(c.env, c.req.valid('param').token);
  const { row } = await applyCaseAction(
    ctx.scope,
    ctx.row.id,
    { type: 'sign_off', method: 'owner_link' },
    { visibility: undefined, actor: ctx.actor },
  );
  await armClocksOf(c.env, ctx.scope);
  return c.json(await ownerView(ctx, row), 200);
});
