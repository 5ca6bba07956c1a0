import { AppError, newId } from '@guanjia/core';
import { requireReach } from '../../../data/reach';
import type { TenantScope } from '../../../data/scope';
import {
  checkPlace,
  createWebhook,
  deleteWebhook,
  deliveriesInRange,
  getDelivery,
  getSettings,
  getWebhook,
  listDeliveries,
  listWebhooks,
  markForReplay,
  pingEventType,
  putSettings,
  recordPing,
  rotateSecret,
  updateWebhook,
  type WebhookRow,
} from '../../../data/webhooks';
import type { Env } from '../../../env';
import { checkUrlResolved } from '../../../lib/outbound/resolve';
import { postSigned } from '../../../notify/webhook';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getSettingsRoute,
  getWebhookRoute,
  listDeliveriesRoute,
  listWebhooksRoute,
  patchSettingsRoute,
  pingRoute,
  replayDeliveryRoute,
  replayRangeRoute,
  rotateSecretRoute,
  updateWebhookRoute,
} from './webhooks.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const webhookOut = (w: WebhookRow) => ({
  id: w.id,
  url: w.url,
  eventTypes: w.eventTypes,
  branchId: w.branchId,
  projectId: w.projectId,
  description: w.description,
  enabled: w.enabled,
  failingSince: iso(w.failingSince),
  disabledAt: iso(w.disabledAt),
  disabledReason: w.disabledReason,
  previousSecretExpiresAt: iso(w.previousSecretExpiresAt),
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
  version: w.version,
});

async function safeUrl(env: Env, url: string): Promise<string> {
  const verdict = await checkUrlResolved(env, url);
  if (!verdict.ok) {
    throw new AppError('validation_failed', verdict.reason, {
      issues: [{ path: 'url', message: verdict.reason }],
    });
  }
  return verdict.url.toString();
}

async function enqueue(env: Env, scope: TenantScope, ids: string[]) {
  await markForReplay(scope, ids);
  for (let i = 0; i < ids.length; i += 100) {
    await env.DELIVERIES.sendBatch(
      ids.slice(i, i + 100).map((deliveryId) => ({
        body: { tenantId: scope.tenantId, deliveryId, trigger: 'replay' as const },
      })),
    );
  }
}

/** Integrator webhooks; every route needs `webhooks.manage`. */
export const webhooksRouter = createRouter()
  .openapi(listWebhooksRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const { cursor, limit } = c.req.valid('query');
    const page = toPage(await listWebhooks(scope, reach, { after: decodeCursor(cursor), limit }), limit);
    return c.json({ data: page.data.map(webhookOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getWebhookRoute, async (c) => {
    const scope = c.get('scope');
    const row = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(webhookOut(row), 200);
  })
  .openapi(createWebhookRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const input = c.req.valid('json');
    const url = await safeUrl(c.env, input.url);
    const place = await checkPlace(scope, reach, input);
    const { row, secret } = await createWebhook(c.env, scope, {
      url,
      eventTypes: input.eventTypes,
      ...place,
      description: input.description ?? null,
      enabled: input.enabled,
    });
    c.header('Location', `/v1/webhooks/${row.id}`);
    c.header('ETag', etagOf(row.version));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...webhookOut(row), secret }, 201);
  })
  .openapi(updateWebhookRoute, async (c) => {
    const scope = c.get('scope');
    const before = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    const changes = c.req.valid('json');
    const row = await updateWebhook(
      scope,
      before,
      {
        ...changes,
        ...(changes.url ? { url: await safeUrl(c.env, changes.url) } : {}),
        ...(changes.description !== undefined ? { description: changes.description ?? null } : {}),
      },
      expectedVersion(c),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(webhookOut(row), 200);
  })
  .openapi(deleteWebhookRoute, async (c) => {
    const scope = c.get('scope');
    await deleteWebhook(
      scope,
      await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id),
    );
    return c.body(null, 204);
  })
  .openapi(rotateSecretRoute, async (c) => {
    const scope = c.get('scope');
    const before = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    const body = (await c.req.json().catch(() => ({}))) as { overlapSeconds?: number };
    const overlap = body.overlapSeconds ?? 86_400;
    if (!Number.isInteger(overlap) || overlap < 0 || overlap > 7 * 86_400) {
      throw new AppError('validation_failed', 'overlapSeconds must be 0..604800', {
        issues: [{ path: 'overlapSeconds', message: 'Must be an integer from 0 to 604800' }],
      });
    }
    const { row, secret } = await rotateSecret(c.env, scope, before, overlap);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...webhookOut(row), secret }, 200);
  })
  .openapi(listDeliveriesRoute, async (c) => {
    const scope = c.get('scope');
    const sub = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    const { cursor, limit, status } = c.req.valid('query');
    const page = toPage(
      await listDeliveries(scope, sub.id, { after: decodeCursor(cursor), limit, status }),
      limit,
    );
    return c.json(
      {
        data: page.data.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          createdAt: d.createdAt.toISOString(),
          lastAttemptAt: iso(d.lastAttemptAt),
          attemptLog: d.attemptLog.map((a) => ({
            attempt: a.attempt,
            at: a.at.toISOString(),
            ok: a.ok,
            statusCode: a.statusCode,
            latencyMs: a.latencyMs,
            responseExcerpt: a.responseExcerpt,
            error: a.error,
            trigger: a.trigger,
          })),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(replayDeliveryRoute, async (c) => {
    const scope = c.get('scope');
    const { id, deliveryId } = c.req.valid('param');
    const sub = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), id);
    const delivery = await getDelivery(scope, sub.id, deliveryId);
    if (delivery.eventType === pingEventType) {
      throw new AppError('conflict', 'A ping is not replayed; send a new ping');
    }
    await enqueue(c.env, scope, [delivery.id]);
    return c.json({ queued: 1 }, 202);
  })
  .openapi(replayRangeRoute, async (c) => {
    const scope = c.get('scope');
    const sub = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    const { from, to } = c.req.valid('json');
    if (new Date(from) >= new Date(to)) {
      throw new AppError('validation_failed', 'from must be before to', {
        issues: [{ path: 'to', message: 'Must be after from' }],
      });
    }
    const ids = (await deliveriesInRange(scope, sub.id, new Date(from), new Date(to))).map((d) => d.id);
    await enqueue(c.env, scope, ids);
    return c.json({ queued: ids.length }, 202);
  })
  .openapi(pingRoute, async (c) => {
    const scope = c.get('scope');
    const sub = await getWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    const eventId = newId('event');
    const now = new Date();
    const body = JSON.stringify({
      id: eventId,
      type: pingEventType,
      version: 1,
      tenantId: scope.tenantId,
      occurredAt: now.toISOString(),
      timestamp: now.toISOString(),
      branchId: null,
      projectId: null,
      data: { webhookId: sub.id },
    });
    const outcome = await postSigned(c.env, sub, eventId, body, now);
    await recordPing(scope, sub.id, eventId, now, outcome);
    return c.json({ attempt: 1, at: now.toISOString(), ...outcome, trigger: 'ping' as const }, 200);
  })
  .openapi(getSettingsRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'webhooks.manage');
    return c.json(await getSettings(scope), 200);
  })
  .openapi(patchSettingsRoute, async (c) => {
    const scope = c.get('scope');
    if (requireReach(scope, 'webhooks.manage').kind !== 'tenant') {
      throw new AppError('forbidden', 'Tenant settings need a group-wide role');
    }
    return c.json(await putSettings(scope, c.req.valid('json')), 200);
  });
