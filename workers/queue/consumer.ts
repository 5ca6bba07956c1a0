import { EventEnvelope } from '@guanjia/core/events/catalogue';
import { retryDelaySeconds } from '@guanjia/core/webhooks/retry';
import { processEvent } from '../app/events/reactions';
import { systemScope } from '../app/scope';
import { recordDeadEvent, recordEventFailure } from '../data/dead-letters';
import type { TenantScope } from '../data/scope';
import { findTenant } from '../data/tenants';
import { markDeliveryDead } from '../data/webhooks';
import type { Env } from '../env';
import { createLogger } from '../lib/logger';
import { attemptDelivery } from '../notify/webhook';
import { type DeliveryMessage, queueNames } from './messages';

/**
 * The queue handler. Four queues:
 * - `guanjia-events`: an outbox event → webhook deliveries (one DELIVERIES message each), staff
 *   inbox rows, provider-channel messages, and the event marked handled in the batch that writes
 *   them. Idempotent by event id: unique keys on (subscription, event), (user, source) and
 *   (source, channel, recipient), and a handled event is not handled again.
 * - `guanjia-deliveries`: one webhook delivery; a failure retries with back-off
 *   (`retryDelaySeconds`), and after `max_retries` the queue dead-letters it.
 * - `guanjia-deliveries-dlq`: marks the dead-lettered delivery `dead` (replayable).
 * - `guanjia-events-dlq`: events that kept failing: the outbox row is marked dead with the last
 *   error, and the tenant admins are told in their inbox (`recordDeadEvent`).
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  switch (batch.queue) {
    case queueNames.events:
      return handleEvents(batch, env);
    case queueNames.deliveries:
      return handleDeliveries(batch as MessageBatch<DeliveryMessage>, env);
    case queueNames.deliveriesDlq:
      return handleDeadDeliveries(batch as MessageBatch<DeliveryMessage>, env);
    case queueNames.eventsDlq:
      return handleDeadEvents(batch, env);
    default:
      for (const message of batch.messages) {
        log(env).error('dead-lettered message', { queue: batch.queue, id: message.id, body: message.body });
        message.ack();
      }
  }
}

/** The queue's log lines, through the one logger (its masking). */
const log = (env: Env) => createLogger({ source: 'queue' }, env.LOG_LEVEL ?? 'info');

/** The scope of one message: the queue's one reading of the clock for it (`now`). */
async function scopeFor(env: Env, tenantId: string, now = new Date()): Promise<TenantScope | undefined> {
  const tenant = await findTenant(env, tenantId);
  return tenant ? systemScope({ env, now, logger: log(env).with({ tenantId }) }, tenant) : undefined;
}

async function handleEvents(batch: MessageBatch<unknown>, env: Env) {
  // Messages are independent: handle them side by side, each acked or retried on its own.
  await Promise.all(batch.messages.map((message) => handleEvent(message, env)));
}

async function handleEvent(message: Message<unknown>, env: Env) {
  const parsed = EventEnvelope.safeParse(message.body);
  if (!parsed.success) {
    message.ack(); // not ours to retry: it would never parse
    return;
  }
  let scope: TenantScope | undefined;
  const now = new Date();
  try {
    scope = await scopeFor(env, parsed.data.tenantId, now);
    if (scope) await processEvent(env, scope, parsed.data);
    message.ack();
  } catch (error) {
    const delaySeconds = retryDelaySeconds(message.attempts);
    const retryAt = new Date(now.getTime() + delaySeconds * 1000);
    if (scope) await recordEventFailure(scope, parsed.data.id, error, retryAt).catch(() => {});
    log(env).error('event processing failed', { eventId: parsed.data.id, error: String(error) });
    message.retry({ delaySeconds });
  }
}

async function handleDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env) {
  await Promise.all(batch.messages.map((message) => handleDelivery(message, env)));
}

async function handleDelivery(message: Message<DeliveryMessage>, env: Env) {
  try {
    const scope = await scopeFor(env, message.body.tenantId);
    const result = scope
      ? await attemptDelivery(env, scope, message.body.deliveryId, message.body.trigger ?? 'queue')
      : 'skipped';
    if (result === 'failed') message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    else message.ack();
  } catch (error) {
    log(env).error('delivery failed', { id: message.body.deliveryId, error: String(error) });
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  }
}

/** A delivery the queue gave up on after its last try: recorded as dead, replayable by hand. */
async function handleDeadDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env) {
  for (const message of batch.messages) {
    const scope = await scopeFor(env, message.body.tenantId);
    if (scope) {
      await markDeliveryDead(scope, message.body.deliveryId);
    }
    message.ack();
  }
}

/** An event the queue gave up on: recorded on its outbox row and told to the tenant admins. */
async function handleDeadEvents(batch: MessageBatch<unknown>, env: Env) {
  for (const message of batch.messages) {
    const parsed = EventEnvelope.safeParse(message.body);
    const scope = parsed.success ? await scopeFor(env, parsed.data.tenantId) : undefined;
    if (parsed.success && scope) {
      await recordDeadEvent(scope, parsed.data);
    } else {
      // Not an event of a known tenant: nowhere to record it but the log.
      log(env).error('dead-lettered message', { queue: batch.queue, id: message.id });
    }
    message.ack();
  }
}
