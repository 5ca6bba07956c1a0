import { AppError, newId, type Reach } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as webhooks from '../../data/webhooks';
import type { Env } from '../../env';
import { postSigned } from '../../notify/webhook';

/* A subscription's deliveries: the log, replays (one, or a time range) and a signed ping. */

async function enqueue(env: Env, scope: TenantScope, ids: string[]) {
  await webhooks.markForReplay(scope, ids);
  for (let i = 0; i < ids.length; i += 100) {
    await env.DELIVERIES.sendBatch(
      ids.slice(i, i + 100).map((deliveryId) => ({
        body: { tenantId: scope.tenantId, deliveryId, trigger: 'replay' as const },
      })),
    );
  }
}

export async function listWebhookDeliveries(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; status?: Parameters<typeof webhooks.listDeliveries>[2]['status'] },
  page: PageRequest,
) {
  const sub = await webhooks.getWebhook(scope, reach, input.id);
  return webhooks.listDeliveries(scope, sub.id, { ...page, status: input.status });
}

/** Sends one delivery again (a ping is not replayed: send a new ping). */
export async function replayDelivery(
  env: Env,
  scope: TenantScope,
  reach: Reach,
  input: { id: string; deliveryId: string },
): Promise<number> {
  const sub = await webhooks.getWebhook(scope, reach, input.id);
  const delivery = await webhooks.getDelivery(scope, sub.id, input.deliveryId);
  if (delivery.eventType === webhooks.pingEventType) {
    throw new AppError('conflict', 'A ping is not replayed; send a new ping');
  }
  await enqueue(env, scope, [delivery.id]);
  return 1;
}

/** Sends again every delivery of the subscription created in [from, to). */
export async function replayDeliveries(
  env: Env,
  scope: TenantScope,
  reach: Reach,
  input: { id: string; from: string; to: string },
): Promise<number> {
  const sub = await webhooks.getWebhook(scope, reach, input.id);
  const { from, to } = input;
  if (new Date(from) >= new Date(to)) {
    throw new AppError('validation_failed', 'from must be before to', {
      issues: [{ path: 'to', message: 'Must be after from' }],
    });
  }
  const ids = (await webhooks.deliveriesInRange(scope, sub.id, new Date(from), new Date(to))).map(
    (d) => d.id,
  );
  await enqueue(env, scope, ids);
  return ids.length;
}

/** A signed `ping` to the subscription's URL now, recorded in its log; answers the attempt. */
export async function pingWebhook(env: Env, scope: TenantScope, reach: Reach, id: string) {
  const sub = await webhooks.getWebhook(scope, reach, id);
  const eventId = newId('event');
  const now = scope.now;
  const body = JSON.stringify({
    id: eventId,
    type: webhooks.pingEventType,
    version: 1,
    tenantId: scope.tenantId,
    occurredAt: now.toISOString(),
    timestamp: now.toISOString(),
    branchId: null,
    projectId: null,
    data: { webhookId: sub.id },
  });
  const outcome = await postSigned(env, sub, eventId, body, now);
  await webhooks.recordPing(scope, sub.id, eventId, now, outcome);
  return { at: now, outcome };
}
