import {
  branches,
  notices,
  owners,
  ownerUnits,
  projects,
  staffUsers,
  webhookDeliveries,
} from '@guanjia/core/db/schema';
import { EventEnvelope } from '@guanjia/core/events/catalogue';
import { isOwnerMessageEvent } from '@guanjia/core/events/owner-messages';
import { retryDelaySeconds } from '@guanjia/core/webhooks/retry';
import { and, eq, inArray } from 'drizzle-orm';
import { createLogger } from '../api/lib/logger';
import { systemScope } from '../app/scope';
import { armCaseClock } from '../clocks/arm';
import { commit } from '../data/commit';
import { recordDeadEvent, recordEventFailure } from '../data/dead-letters';
import { digestRecipients, digestText, findDigest } from '../data/digests';
import { eventHandled, markHandled } from '../data/event-handling';
import { type InboxItem, inboxInserts } from '../data/inbox';
import type { TenantScope } from '../data/scope';
import { findTenant } from '../data/tenants';
import { webhookDeliveryInserts } from '../data/webhooks';
import type { Env } from '../env';
import { ownerCaseSends, ownerKinds } from '../notify/owner-messages';
import { type ChannelSend, type Recipient, sendThroughChannels } from '../notify/send';
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

/**
 * Everything one event causes, then the event marked handled. Safe to run twice for the same
 * event: a handled event is skipped, and every part of the fan-out has its unique key.
 *
 * Provider messages go first: each is its own row, claimed before its HTTP call and marked sent
 * after it, so a retry never repeats one that went out. Then one batch writes the webhook
 * deliveries, the inbox rows and, when every provider message is done, the handled mark: the
 * event is handled exactly when all it causes is written (a failure anywhere before leaves it
 * unhandled, to be retried by the queue or re-sent by the sweep). The deliveries are enqueued
 * after the batch; one whose message is lost is re-enqueued by the cron (never tried).
 */
export async function processEvent(env: Env, scope: TenantScope, event: EventEnvelope): Promise<void> {
  if (await eventHandled(scope, event.id)) return;
  // The request that changed the case armed its clock already; a failed arm is only logged there.
  // Arming again from the outbox (which the cron sweep re-sends) makes arming at least once.
  if (event.type.startsWith('case.') && typeof event.data.caseId === 'string') {
    await armCaseClock(env, scope.tenantId, event.data.caseId);
  }
  let failed = 0;
  let inFlight = 0;
  for (const send of await channelSendsFor(env, scope, event)) {
    const summary = await sendThroughChannels(
      env,
      scope,
      event.id,
      send.kinds,
      send.recipients,
      send.message,
    );
    failed += summary.failed;
    inFlight += summary.inFlight;
  }
  const deliveryInserts = await webhookDeliveryInserts(scope, event);
  const statements = [
    ...deliveryInserts,
    ...inboxInserts(scope, staffInboxFor(event)),
    ...(failed === 0 && inFlight === 0 ? [markHandled(scope, event.id)] : []),
  ];
  const results = statements.length ? await commit(scope, statements) : [];
  const deliveries = (results.slice(0, deliveryInserts.length) as { id: string }[][]).flat().map((d) => d.id);
  for (let i = 0; i < deliveries.length; i += 100) {
    await env.DELIVERIES.sendBatch(
      deliveries.slice(i, i + 100).map((deliveryId) => ({ body: { tenantId: scope.tenantId, deliveryId } })),
    );
  }
  if (failed > 0) throw new Error(`${failed} provider sends failed; the event is retried`);
  if (inFlight > 0) throw new Error(`${inFlight} provider sends in flight elsewhere; the event is retried`);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Staff inbox rows an event causes: assignments, warnings, breaches, escalations, Service Star announcements, corrective actions. */
export function staffInboxFor(event: EventEnvelope): InboxItem[] {
  const d = event.data;
  const ref = `${str(d.archiveNo)}`;
  const item = (userId: string, title: string, body: string): InboxItem => ({
    userId,
    sourceId: event.id,
    kind: event.type,
    title,
    body,
    data: { eventId: event.id, caseId: d.caseId, archiveNo: d.archiveNo },
  });
  switch (event.type) {
    case 'case.assigned':
      return d.assigneeId
        ? [item(str(d.assigneeId), `新工单 ${ref}`, `Case ${ref} was assigned to you.`)]
        : [];
    case 'sla.warning':
      return d.assigneeId
        ? [
            item(
              str(d.assigneeId),
              `即将超时 ${ref}`,
              `${str(d.milestone)} of case ${ref} is due at ${str(d.dueAt)}.`,
            ),
          ]
        : [];
    case 'sla.breached':
      return d.assigneeId
        ? [
            item(
              str(d.assigneeId),
              `已超时 ${ref}`,
              `${str(d.milestone)} of case ${ref} missed ${str(d.dueAt)}.`,
            ),
          ]
        : [];
    case 'case.escalated':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) =>
        item(
          str(id),
          `升级 L${String(d.level)} ${ref}`,
          `Case ${ref} was escalated to level ${String(d.level)}.`,
        ),
      );
    case 'star.winners_announced': {
      const quarter = `${String(d.year)} Q${String(d.quarter)}`;
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(str(id), `服务之星 ${quarter}`, `The Service Star winners of ${quarter} are announced.`),
        data: { eventId: event.id, cycleId: d.cycleId },
      }));
    }
    case 'corrective_action.created':
      return d.ownerId
        ? [
            {
              ...item(str(d.ownerId), '整改任务', `${str(d.description)} — due ${str(d.deadline)}.`),
              data: { eventId: event.id, correctiveActionId: d.correctiveActionId, auditId: d.auditId },
            },
          ]
        : [];
    default:
      return [];
  }
}

const staffKinds = ['email'] as const;

async function ownerRecipients(scope: TenantScope, ownerIds: string[]): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (let i = 0; i < ownerIds.length; i += 90) {
    const rows = await scope.db
      .select({
        id: owners.id,
        phone: owners.phone,
        email: owners.email,
        wechatOpenId: owners.wechatOpenId,
      })
      .from(owners)
      .where(and(eq(owners.tenantId, scope.tenantId), inArray(owners.id, ownerIds.slice(i, i + 90))));
    found.push(...rows.map((r) => ({ type: 'owner' as const, ...r })));
  }
  return found;
}

async function staffRecipients(scope: TenantScope, ids: string[]): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({ id: staffUsers.id, phone: staffUsers.phone, email: staffUsers.email })
      .from(staffUsers)
      .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids.slice(i, i + 90))));
    found.push(...rows.map((r) => ({ type: 'staff' as const, ...r })));
  }
  return found;
}

/** Owners of a notice's project, or of every project of its branch. */
async function noticeAudience(
  scope: TenantScope,
  branchId: string,
  projectId: string | null,
): Promise<string[]> {
  const projectIds = projectId
    ? [projectId]
    : (
        await scope.db
          .select({ id: projects.id })
          .from(projects)
          .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.branchId, branchId)))
      ).map((p) => p.id);
  if (projectIds.length === 0) return [];
  const rows = await scope.db
    .selectDistinct({ ownerId: ownerUnits.ownerId })
    .from(ownerUnits)
    .where(
      and(eq(ownerUnits.tenantId, scope.tenantId), inArray(ownerUnits.projectId, projectIds.slice(0, 90))),
    );
  return rows.map((r) => r.ownerId);
}

/** Messages through provider channels: owners hear of their case's progress and of notices; staff of their work and the daily digest. */
async function channelSendsFor(env: Env, scope: TenantScope, event: EventEnvelope): Promise<ChannelSend[]> {
  if (isOwnerMessageEvent(event.type)) return ownerCaseSends(env, scope, event);
  const d = event.data;
  const archiveNo = str(d.archiveNo);
  const toStaff = async (template: string, subject: string, text: string) => {
    const recipients = await staffRecipients(
      scope,
      staffInboxFor(event).map((i) => i.userId),
    );
    return recipients.length
      ? [{ kinds: [...staffKinds], recipients, message: { template, subject, text, params: { archiveNo } } }]
      : [];
  };
  switch (event.type) {
    case 'case.assigned':
      return toStaff('staff.assigned', `新工单 ${archiveNo}`, `工单 ${archiveNo} 已分配给您。`);
    case 'sla.warning':
      return toStaff(
        'staff.sla_warning',
        `即将超时 ${archiveNo}`,
        `工单 ${archiveNo} 的 ${str(d.milestone)} 即将超时。`,
      );
    case 'sla.breached':
      return toStaff(
        'staff.sla_breached',
        `已超时 ${archiveNo}`,
        `工单 ${archiveNo} 的 ${str(d.milestone)} 已超时。`,
      );
    case 'digest.published': {
      const digest = await findDigest(scope, str(d.digestId));
      if (!digest) return [];
      const [branch] = await scope.db
        .select({ name: branches.name })
        .from(branches)
        .where(and(eq(branches.tenantId, scope.tenantId), eq(branches.id, digest.branchId)))
        .limit(1);
      const text = digestText(digest, branch?.name ?? '');
      const recipients = await staffRecipients(scope, await digestRecipients(scope, digest.branchId));
      return recipients.length
        ? [
            {
              kinds: [...staffKinds],
              recipients,
              message: {
                template: 'digest',
                subject: text.title,
                text: text.body,
                params: { reportDate: digest.reportDate, count: String(digest.complaintCount) },
              },
            },
          ]
        : [];
    }
    case 'notice.published': {
      const [notice] = await scope.db
        .select()
        .from(notices)
        .where(and(eq(notices.tenantId, scope.tenantId), eq(notices.id, str(d.noticeId))))
        .limit(1);
      if (!notice) return [];
      const recipients = await ownerRecipients(
        scope,
        await noticeAudience(scope, notice.branchId, notice.projectId),
      );
      if (recipients.length === 0) return [];
      return [
        {
          kinds: [...ownerKinds],
          recipients,
          message: {
            template: 'notice',
            subject: notice.title,
            text: `${notice.title}\n${notice.body}`,
            params: { title: notice.title },
          },
        },
      ];
    }
    default:
      return [];
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
      await scope.db
        .update(webhookDeliveries)
        .set({ status: 'dead' })
        .where(
          and(
            eq(webhookDeliveries.tenantId, scope.tenantId),
            eq(webhookDeliveries.id, message.body.deliveryId),
            eq(webhookDeliveries.status, 'failed'),
          ),
        );
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
