import { errorText, newId } from '@guanjia/core';
import { type ChannelKind, notificationDeliveries } from '@guanjia/core/db/schema';
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import { type ChannelRow, channelOfKind, maskAddress } from '../data/channels';
import type { TenantScope } from '../data/scope';
import type { Env } from '../env';
import { checkUrlResolved } from '../lib/outbound/resolve';
import { excerpt } from '../lib/outbound/url-policy';
import { unseal } from '../lib/secrets';
import { type OutboundMessage, type ProviderConfig, providerRequest } from './adapters';

export interface Recipient {
  /** `contact`: a contractor's contact person (no login, no inbox). */
  type: 'owner' | 'staff' | 'contact';
  id: string;
  phone?: string | null;
  email?: string | null;
  wechatOpenId?: string | null;
}

const addressOf = (kind: ChannelKind, r: Recipient) =>
  kind === 'sms' ? r.phone : kind === 'email' ? r.email : r.wechatOpenId;

/** Everyone of an audience at once: the row that records a channel skipped for all of them. */
const everyone = '*';

async function record(
  scope: TenantScope,
  values: Omit<typeof notificationDeliveries.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>,
) {
  const rows = await scope.db
    .insert(notificationDeliveries)
    .values({
      id: newId('notification'),
      tenantId: scope.tenantId,
      createdAt: scope.now,
      updatedAt: scope.now,
      ...values,
    })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

/**
 * A message held back from one recipient on one channel (their preferences: quiet hours, a day
 * off, the channel switched off), recorded as skipped with why: never dropped silently. A repeat
 * of the event records nothing new (the row's unique key).
 */
export async function recordSuppressed(
  scope: TenantScope,
  sourceId: string,
  kind: ChannelKind,
  template: string,
  recipient: Recipient,
  reason: string,
): Promise<void> {
  await record(scope, {
    sourceId,
    kind,
    template,
    recipientType: recipient.type,
    recipientId: recipient.id,
    status: 'skipped',
    reason,
  });
}

export interface ProviderOutcome {
  statusCode: number | null;
  /** Why the call failed (`HTTP 500`, a network error); null when the provider accepted it. */
  reason: string | null;
  /** The start of the provider's answer, when asked for (the channel test send shows it). */
  responseExcerpt: string | null;
}

/**
 * One provider call over HTTP (the adapters' request for the channel kind); never throws, the
 * outcome says what happened. Every message to an owner or staff member goes through here, and
 * so does the channel test send, so a test proves the path the notifications take.
 */
export async function callProvider(
  kind: ChannelKind,
  config: ProviderConfig,
  to: string,
  message: OutboundMessage,
  options: { readExcerpt?: boolean } = {},
): Promise<ProviderOutcome> {
  const { url, init } = providerRequest(kind, config, to, message);
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    let responseExcerpt: string | null = null;
    if (options.readExcerpt) responseExcerpt = await excerpt(response);
    else await response.body?.cancel();
    return {
      statusCode: response.status,
      reason: response.ok ? null : `HTTP ${response.status}`,
      responseExcerpt,
    };
  } catch (error) {
    return { statusCode: null, reason: errorText(error, 300), responseExcerpt: null };
  }
}

/**
 * The channel test send: one message to `to` through the channel as configured (its endpoint
 * checked by the outbound guard again, its credentials unsealed), with the provider's answer.
 */
export async function sendChannelTest(
  env: Env,
  channel: ChannelRow,
  to: string,
  message: OutboundMessage,
): Promise<ProviderOutcome> {
  const verdict = await checkUrlResolved(env, channel.endpointUrl);
  if (!verdict.ok)
    return { statusCode: null, reason: `endpoint_refused: ${verdict.reason}`, responseExcerpt: null };
  const credentials = JSON.parse(await unseal(env, channel.credentialsEnc)) as Record<string, string>;
  return callProvider(
    channel.kind,
    { endpointUrl: channel.endpointUrl, credentials, sender: channel.sender },
    to,
    message,
    { readExcerpt: true },
  );
}

/** One message to an audience through some channel kinds. */
export interface ChannelSend {
  kinds: ChannelKind[];
  recipients: Recipient[];
  message: OutboundMessage;
  /** An emergency: staff quiet hours do not hold it back. */
  urgent?: boolean;
}

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  /** Sends another consumer had claimed and not finished: the event is retried to see them done. */
  inFlight: number;
}

/** A claimed send not finished within this long is taken to have crashed and may be claimed again. */
const claimLeaseMs = 60_000;

/**
 * Claims one send (compare-and-set on its attempt count), so two consumers of the same event
 * (a queue redelivery, the outbox sweep) never both call the provider: a row not yet tried, a
 * failed one, or one whose claim has outlived the lease can be claimed; false when another
 * consumer holds it.
 */
async function claim(
  scope: TenantScope,
  where: SQL | undefined,
  row: typeof notificationDeliveries.$inferSelect,
): Promise<boolean> {
  const now = scope.now;
  const claimed = await scope.db
    .update(notificationDeliveries)
    .set({ status: 'pending', attempts: row.attempts + 1, updatedAt: now })
    .where(
      and(
        where,
        eq(notificationDeliveries.attempts, row.attempts),
        or(
          eq(notificationDeliveries.attempts, 0),
          eq(notificationDeliveries.status, 'failed'),
          lt(notificationDeliveries.updatedAt, new Date(now.getTime() - claimLeaseMs)),
        ),
      ),
    )
    .returning({ id: notificationDeliveries.id });
  return claimed.length > 0;
}

/**
 * Sends one message to each recipient through each channel kind, over HTTP to the tenant's
 * provider. One row per (source, kind, recipient) makes a repeated event send once; a channel
 * not configured (or disabled) is recorded once as skipped with why, a recipient without an
 * address likewise. Each send is claimed first (`claim`), so a duplicate event sends once.
 * Failed sends are retried when the event is (the row stays `failed`).
 * Throws after recording when any send failed, so the queue retries the event.
 */
export async function sendThroughChannels(
  env: Env,
  scope: TenantScope,
  sourceId: string,
  kinds: readonly ChannelKind[],
  recipients: readonly Recipient[],
  message: OutboundMessage,
): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0, skipped: 0, inFlight: 0 };
  const recipientType = recipients[0]?.type ?? 'owner';
  for (const kind of kinds) {
    const channel = await channelOfKind(scope, kind);
    // Checked again at send time (the endpoint's name may have been re-pointed: DNS rebinding).
    const verdict = channel?.enabled ? await checkUrlResolved(env, channel.endpointUrl) : undefined;
    const unusable = !channel
      ? 'channel_not_configured'
      : !channel.enabled
        ? 'channel_disabled'
        : verdict && !verdict.ok
          ? `endpoint_refused: ${verdict.reason}`
          : undefined;
    if (unusable || !channel) {
      await record(scope, {
        sourceId,
        kind,
        template: message.template,
        recipientType,
        recipientId: everyone,
        status: 'skipped',
        reason: unusable ?? 'channel_not_configured',
      });
      summary.skipped += recipients.length;
      continue;
    }
    const credentials = JSON.parse(await unseal(env, channel.credentialsEnc)) as Record<string, string>;
    for (const recipient of recipients) {
      const address = addressOf(kind, recipient);
      if (!address) {
        await record(scope, {
          sourceId,
          kind,
          template: message.template,
          recipientType: recipient.type,
          recipientId: recipient.id,
          status: 'skipped',
          reason: kind === 'wechat' ? 'no_wechat_openid' : kind === 'sms' ? 'no_phone' : 'no_email',
        });
        summary.skipped += 1;
        continue;
      }
      const fresh = await record(scope, {
        sourceId,
        kind,
        template: message.template,
        recipientType: recipient.type,
        recipientId: recipient.id,
        address: maskAddress(kind, address),
        status: 'pending',
      });
      const where = and(
        eq(notificationDeliveries.tenantId, scope.tenantId),
        eq(notificationDeliveries.sourceId, sourceId),
        eq(notificationDeliveries.kind, kind),
        eq(notificationDeliveries.recipientId, recipient.id),
      );
      const row = fresh ?? (await scope.db.select().from(notificationDeliveries).where(where).limit(1))[0];
      if (!row || row.status === 'sent' || row.status === 'skipped') continue;
      if (!(await claim(scope, where, row))) {
        summary.inFlight += 1; // another consumer of the same event is sending it right now
        continue;
      }
      const { statusCode, reason } = await callProvider(
        kind,
        { endpointUrl: channel.endpointUrl, credentials, sender: channel.sender },
        address,
        message,
      );
      await scope.db
        .update(notificationDeliveries)
        .set({
          status: reason ? 'failed' : 'sent',
          reason,
          statusCode,
          updatedAt: scope.now,
        })
        .where(where);
      if (reason) summary.failed += 1;
      else summary.sent += 1;
    }
  }
  return summary;
}
