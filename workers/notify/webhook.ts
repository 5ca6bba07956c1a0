import { errorText, newId } from '@guanjia/core';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from '@guanjia/core/db/schema';
import { webhookHeaders } from '@guanjia/core/webhooks/signing';
import { and, eq, isNull } from 'drizzle-orm';
import { commit } from '../data/commit';
import { deliverToInbox, tenantAdmins } from '../data/inbox';
import { envelopeOf, outboxEvent } from '../data/outbox';
import type { TenantScope } from '../data/scope';
import { deliveryWithContext, getSettings, signingSecrets, type WebhookRow } from '../data/webhooks';
import type { Env } from '../env';
import { checkUrlResolved } from '../lib/outbound/resolve';
import { excerpt } from '../lib/outbound/url-policy';

export const webhookTimeoutMs = 10_000;

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** One signed POST to an endpoint; never throws (the outcome says what happened). */
export async function postSigned(
  env: Env,
  sub: WebhookRow,
  messageId: string,
  body: string,
  now: Date,
): Promise<AttemptOutcome> {
  const verdict = await checkUrlResolved(env, sub.url); // again at send time: DNS rebinding
  if (!verdict.ok) {
    return {
      ok: false,
      statusCode: null,
      latencyMs: 0,
      responseExcerpt: null,
      error: `Refused: ${verdict.reason}`,
    };
  }
  const headers = await webhookHeaders(await signingSecrets(env, sub, now), messageId, now, body);
  const started = Date.now();
  try {
    const response = await fetch(verdict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Guanjia-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
    const text = await excerpt(response);
    const latencyMs = Date.now() - started;
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      latencyMs,
      responseExcerpt: text,
      error: ok ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      latencyMs: Date.now() - started,
      responseExcerpt: null,
      error: errorText(error, 500),
    };
  }
}

export type DeliveryResult = 'succeeded' | 'failed' | 'skipped';

/**
 * Attempts one delivery: loads it with its endpoint and event, POSTs it signed, and logs the
 * attempt. A delivery already succeeded is skipped (a repeated queue message sends nothing).
 * On failure it tracks the run of failures and disables the endpoint after the tenant's period.
 */
export async function attemptDelivery(
  env: Env,
  scope: TenantScope,
  deliveryId: string,
  trigger: 'queue' | 'replay',
): Promise<DeliveryResult> {
  const db = scope.db;
  const { delivery, sub, event } = await deliveryWithContext(scope, deliveryId);
  if (!delivery || delivery.status === 'succeeded') return 'skipped';
  if (!sub?.enabled || !event) {
    await db
      .update(webhookDeliveries)
      .set({
        status: 'failed',
        lastError: !sub ? 'Endpoint deleted' : !event ? 'Event missing' : 'Endpoint disabled',
      })
      .where(and(eq(webhookDeliveries.tenantId, scope.tenantId), eq(webhookDeliveries.id, delivery.id)));
    return 'skipped';
  }
  const envelope = envelopeOf(event);
  const body = JSON.stringify({ ...envelope, timestamp: envelope.occurredAt });
  const now = scope.now;
  const outcome = await postSigned(env, sub, event.id, body, now);
  const attempt = delivery.attempts + 1;
  await commit(scope, [
    db.insert(webhookAttempts).values({
      id: newId('webhookAttempt'),
      tenantId: scope.tenantId,
      deliveryId: delivery.id,
      subscriptionId: sub.id,
      attempt,
      at: now,
      ok: outcome.ok,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      responseExcerpt: outcome.responseExcerpt,
      error: outcome.error,
      trigger,
    }),
    db
      .update(webhookDeliveries)
      .set({
        status: outcome.ok ? 'succeeded' : 'failed',
        attempts: attempt,
        lastAttemptAt: now,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(outcome.ok ? { succeededAt: now } : {}),
      })
      .where(and(eq(webhookDeliveries.tenantId, scope.tenantId), eq(webhookDeliveries.id, delivery.id))),
    outcome.ok
      ? db
          .update(webhookSubscriptions)
          .set({ failingSince: null })
          .where(and(eq(webhookSubscriptions.tenantId, scope.tenantId), eq(webhookSubscriptions.id, sub.id)))
      : db
          .update(webhookSubscriptions)
          .set({ failingSince: now })
          .where(
            and(
              eq(webhookSubscriptions.tenantId, scope.tenantId),
              eq(webhookSubscriptions.id, sub.id),
              isNull(webhookSubscriptions.failingSince),
            ),
          ),
  ]);
  if (!outcome.ok) await disableIfFailingTooLong(scope, sub.id, now);
  return outcome.ok ? 'succeeded' : 'failed';
}

/** Disables an endpoint whose failures have lasted the tenant's period, and tells the tenant admins. */
export async function disableIfFailingTooLong(scope: TenantScope, subscriptionId: string, now: Date) {
  const [sub] = await scope.db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(eq(webhookSubscriptions.tenantId, scope.tenantId), eq(webhookSubscriptions.id, subscriptionId)),
    )
    .limit(1);
  if (!sub?.enabled || !sub.failingSince) return false;
  const { webhookDisableAfterMinutes } = await getSettings(scope);
  if (now.getTime() - sub.failingSince.getTime() < webhookDisableAfterMinutes * 60_000) return false;
  const eventScope = { ...scope, now };
  const [changed] = await commit(eventScope, [
    scope.db
      .update(webhookSubscriptions)
      .set({
        enabled: false,
        disabledAt: now,
        disabledReason: `Failing since ${sub.failingSince.toISOString()} (${webhookDisableAfterMinutes} min without a success)`,
        version: sub.version + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(webhookSubscriptions.tenantId, scope.tenantId),
          eq(webhookSubscriptions.id, sub.id),
          eq(webhookSubscriptions.enabled, true),
        ),
      ),
    outboxEvent(eventScope, 'webhook.disabled', {
      webhookId: sub.id,
      url: sub.url,
      failingSince: sub.failingSince.toISOString(),
      disabledAt: now.toISOString(),
    }),
  ]);
  if ((changed as D1Result | undefined)?.meta?.changes === 0) return false;
  await deliverToInbox(
    eventScope,
    (await tenantAdmins(scope)).map((userId) => ({
      userId,
      sourceId: `webhook-disabled:${sub.id}:${now.getTime()}`,
      kind: 'webhook.disabled',
      title: 'Webhook endpoint disabled 接口已停用',
      body: `${sub.url} has failed since ${sub.failingSince?.toISOString()} and was disabled. Fix it, then re-enable it and replay the failed deliveries.`,
      data: { webhookId: sub.id, url: sub.url },
    })),
  );
  return true;
}
