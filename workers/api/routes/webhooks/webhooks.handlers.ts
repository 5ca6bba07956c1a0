import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookSettings,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  putWebhookSettings,
  replayDeliveries,
  replayDelivery,
  rotateWebhookSecret,
  updateWebhook,
} from '../../../app/webhooks';
import { requireReach } from '../../../data/reach';
import type { WebhookRow } from '../../../data/webhooks';
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
    const { row, secret } = await createWebhook(c.env, scope, reach, c.req.valid('json'));
    c.header('Location', `/v1/webhooks/${row.id}`);
    c.header('ETag', etagOf(row.version));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...webhookOut(row), secret }, 201);
  })
  .openapi(updateWebhookRoute, async (c) => {
    const scope = c.get('scope');
    const row = await updateWebhook(c.env, scope, requireReach(scope, 'webhooks.manage'), {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(webhookOut(row), 200);
  })
  .openapi(deleteWebhookRoute, async (c) => {
    const scope = c.get('scope');
    await deleteWebhook(scope, requireReach(scope, 'webhooks.manage'), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(rotateSecretRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const id = c.req.valid('param').id;
    const body = (await c.req.json().catch(() => ({}))) as { overlapSeconds?: number };
    const { row, secret } = await rotateWebhookSecret(c.env, scope, reach, {
      id,
      overlapSeconds: body.overlapSeconds,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...webhookOut(row), secret }, 200);
  })
  .openapi(listDeliveriesRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const { cursor, limit, status } = c.req.valid('query');
    const page = toPage(
      await listWebhookDeliveries(
        scope,
        reach,
        { id: c.req.valid('param').id, status },
        { after: decodeCursor(cursor), limit },
      ),
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
    const reach = requireReach(scope, 'webhooks.manage');
    const queued = await replayDelivery(c.env, scope, reach, { id, deliveryId });
    return c.json({ queued }, 202);
  })
  .openapi(replayRangeRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const { from, to } = c.req.valid('json');
    const queued = await replayDeliveries(c.env, scope, reach, { id: c.req.valid('param').id, from, to });
    return c.json({ queued }, 202);
  })
  .openapi(pingRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const { at, outcome } = await pingWebhook(c.env, scope, reach, c.req.valid('param').id);
    return c.json({ attempt: 1, at: at.toISOString(), ...outcome, trigger: 'ping' as const }, 200);
  })
  .openapi(getSettingsRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'webhooks.manage');
    return c.json(await getWebhookSettings(scope), 200);
  })
  .openapi(patchSettingsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    return c.json(await putWebhookSettings(scope, reach, c.req.valid('json')), 200);
  });
