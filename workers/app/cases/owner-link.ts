import { AppError, cases as core } from '@guanjia/core';
import { verifyOwnerLink } from '../../auth/owner-link';
import { caseById } from '../../data/case-channels';
import { listTimeline } from '../../data/case-lists';
import { loadCaseSettings, snapshotOf } from '../../data/case-support';
import { publishedNoticeFor, publishedNoticesFor, recordNoticeRead } from '../../data/notices';
import { findTenant } from '../../data/tenants';
import type { Edge } from '../runtime';
import { ownerScope } from '../scope';
import { applyCaseAction } from './actions';

/*
 * The owner link (a signed, expiring token, see auth/owner-link.ts) as one context that both the
 * JSON API (/public/v1/owner-link) and the owner's page (/owner-link) read and act through.
 */

/**
 * Opens an owner link: verifies it and loads its case (a bad or expired link is 401, a missing
 * case 404); `throttle` (the edge's rate limit, keyed by the case) refuses a burst on one link.
 */
export async function openOwnerLink(edge: Edge, token: string, throttle: (key: string) => Promise<void>) {
  const { env, now } = edge;
  const claims = await verifyOwnerLink(env, token, now);
  const tenant = await findTenant(env, claims.tenantId);
  if (tenant?.status !== 'active') throw new AppError('not_found', 'No such case');
  const scope = ownerScope(edge, tenant, claims.ownerId ?? claims.caseId);
  const row = await caseById(scope, claims.caseId);
  if (!row) throw new AppError('not_found', 'No such case');
  const actor: core.Actor = { kind: 'owner', id: claims.ownerId ?? claims.caseId, roles: [] };
  await throttle(`link:${row.id}`);
  return { env, tenant, scope, row, actor, settings: await loadCaseSettings(scope) };
}

export type OwnerLinkContext = Awaited<ReturnType<typeof openOwnerLink>>;

/** The case as its owner sees it: no internal notes, only owner-facing timeline entries. */
export async function ownerView(ctx: OwnerLinkContext, row = ctx.row) {
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
    lowRatingReason: row.lowRatingReason,
    timeline: entries.map((e) => ({ at: e.at.toISOString(), action: e.action, note: e.note })),
    allowedActions: core
      .allowedActions(snapshotOf(row), ctx.actor, { now: ctx.scope.now, settings: ctx.settings })
      .map((a) => a.action),
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      publishedAt: (n.publishedAt ?? n.createdAt).toISOString(),
    })),
  };
}

export type OwnerView = Awaited<ReturnType<typeof ownerView>>;

/**
 * The owner opens one published notice of their case's estate (通知与公告): the opening is
 * recorded once per owner per notice, the read count staff see. Another estate's notice or a
 * draft is 404.
 */
export async function openOwnerNotice(ctx: OwnerLinkContext, noticeId: string) {
  const notice = await publishedNoticeFor(
    ctx.scope,
    { branchId: ctx.row.branchId, projectId: ctx.row.projectId },
    noticeId,
  );
  await recordNoticeRead(ctx.scope, notice.id, ctx.actor.id);
  return {
    id: notice.id,
    title: notice.title,
    body: notice.body,
    publishedAt: (notice.publishedAt ?? notice.createdAt).toISOString(),
  };
}

export type OwnerNotice = Awaited<ReturnType<typeof openOwnerNotice>>;

export type OwnerStep =
  | { type: 'sign_off' }
  | {
      type: 'follow_up';
      satisfaction: number;
      comment?: string | undefined;
      lowRatingReason?: core.LowRatingReason | undefined;
    };

/** The owner confirms the completed repair (业主签收). */
export const signOff = (ctx: OwnerLinkContext) => ownerStep(ctx, { type: 'sign_off' });

/** The owner rates the handling (回访); an unsatisfied rating reopens the case. */
export const rateFollowup = (
  ctx: OwnerLinkContext,
  rating: {
    satisfaction: number;
    comment?: string | undefined;
    lowRatingReason?: core.LowRatingReason | undefined;
  },
) => ownerStep(ctx, { type: 'follow_up', ...rating });

/** The owner's own steps: confirm the repair (业主签收) or rate the handling (回访). */
export async function ownerStep(ctx: OwnerLinkContext, action: OwnerStep) {
  const step =
    action.type === 'sign_off'
      ? { type: 'sign_off' as const, method: 'owner_link' as const }
      : {
          type: 'follow_up' as const,
          satisfaction: action.satisfaction,
          comment: action.comment,
          lowRatingReason: action.lowRatingReason,
        };
  const { row } = await applyCaseAction(ctx.scope, ctx.row.id, step, {
    visibility: undefined,
    actor: ctx.actor,
  });
  return row;
}
