import { AppError, newId, type Reach } from '@guanjia/core';
import {
  notificationSettings,
  outboxEvents,
  projects,
  webhookAttempts,
  webhookDeliveries,
  webhookSubscriptions,
} from '@guanjia/core/db/schema';
import { type EventEnvelope, matchesEventType } from '@guanjia/core/events/catalogue';
import { generateWebhookSecret } from '@guanjia/core/webhooks/signing';
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Env } from '../env';
import { seal, unseal } from '../lib/secrets';
import { auditEntry } from './audit-log';
import { commit, readBatch } from './commit';
import type { Database } from './db';
import { inReach, placeFilter } from './reach';
import type { TenantScope } from './scope';

export type WebhookRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** The event type a test ping is logged under (it has no outbox row). */
export const pingEventType = 'webhook.ping';

/** Subscriptions within reach: tenant-wide callers see all; scoped ones those placed in reach. */
const webhookInReach = (scope: TenantScope, reach: Reach) => placeFilter(scope, reach, webhookSubscriptions);

export async function listWebhooks(
  scope: TenantScope,
  reach: Reach,
  page: { after?: string; limit: number },
) {
  return scope.db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.tenantId, scope.tenantId),
        page.after ? gt(webhookSubscriptions.id, page.after) : undefined,
        webhookInReach(scope, reach),
      ),
    )
    .orderBy(asc(webhookSubscriptions.id))
    .limit(page.limit + 1);
}
const gt = (col: typeof webhookSubscriptions.id, v: string) => sql`${col} > ${v}`;

export async function getWebhook(scope: TenantScope, reach: Reach, id: string): Promise<WebhookRow> {
  const [row] = await scope.db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.tenantId, scope.tenantId),
        eq(webhookSubscriptions.id, id),
        webhookInReach(scope, reach),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Webhook ${id} not found`);
  return row;
}

/** A branch or project scope must exist in the tenant and lie within reach; a project fixes its branch. */
export async function checkPlace(
  scope: TenantScope,
  reach: Reach,
  place: { branchId?: string | null; projectId?: string | null },
): Promise<{ branchId: string | null; projectId: string | null }> {
  if (place.projectId) {
    const project = await scope.db.query.projects.findFirst({
      where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, place.projectId)),
    });
    if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw new AppError('validation_failed', `Project ${place.projectId} not found`, {
        issues: [{ path: 'projectId', message: 'Unknown project' }],
      });
    }
    return { branchId: project.branchId, projectId: project.id };
  }
  if (place.branchId) {
    const branch = await scope.db.query.branches.findFirst({
      where: (b, { and: a, eq: e }) => a(e(b.tenantId, scope.tenantId), e(b.id, place.branchId as string)),
    });
    if (!branch || !inReach(reach, { branchId: branch.id })) {
      throw new AppError('validation_failed', `Branch ${place.branchId} not found`, {
        issues: [{ path: 'branchId', message: 'Unknown branch' }],
      });
    }
    return { branchId: branch.id, projectId: null };
  }
  if (reach.kind !== 'tenant') {
    throw new AppError('forbidden', 'A tenant-wide subscription needs a group-wide role');
  }
  return { branchId: null, projectId: null };
}

const publicOf = (row: WebhookRow) => {
  const { secretEnc: _s, previousSecretEnc: _p, ...rest } = row;
  return rest;
};

export interface WebhookInput {
  url: string;
  eventTypes: string[];
  branchId: string | null;
  projectId: string | null;
  description: string | null;
  enabled: boolean;
}

export async function createWebhook(env: Env, scope: TenantScope, input: WebhookInput) {
  const secret = generateWebhookSecret();
  const row: WebhookRow = {
    id: newId('webhook'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
    ...input,
    secretEnc: await seal(env, secret),
    previousSecretEnc: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
    createdBy: scope.actor.id,
  };
  await commit(scope, [
    scope.db.insert(webhookSubscriptions).values(row),
    auditEntry(scope, 'webhooks.create', { type: 'webhook', id: row.id }, null, publicOf(row)),
  ]);
  return { row, secret };
}

export async function updateWebhook(
  scope: TenantScope,
  before: WebhookRow,
  changes: Partial<WebhookInput>,
  expectedVersion: number | undefined,
): Promise<WebhookRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const reEnabled = changes.enabled === true && !before.enabled;
  const next = {
    ...changes,
    ...(reEnabled ? { failingSince: null, disabledAt: null, disabledReason: null } : {}),
    updatedAt: scope.now,
    version: before.version + 1,
  };
  const [result] = await commit(scope, [
    scope.db
      .update(webhookSubscriptions)
      .set(next)
      .where(
        and(
          eq(webhookSubscriptions.tenantId, scope.tenantId),
          eq(webhookSubscriptions.id, before.id),
          eq(webhookSubscriptions.version, before.version),
        ),
      ),
    auditEntry(
      scope,
      'webhooks.update',
      { type: 'webhook', id: before.id },
      publicOf(before),
      publicOf({ ...before, ...next }),
    ),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) throw new AppError('precondition_failed');
  return { ...before, ...next };
}

export async function deleteWebhook(scope: TenantScope, before: WebhookRow): Promise<void> {
  await commit(scope, [
    scope.db
      .delete(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.tenantId, scope.tenantId), eq(webhookSubscriptions.id, before.id))),
    auditEntry(scope, 'webhooks.delete', { type: 'webhook', id: before.id }, publicOf(before), null),
  ]);
}

/**
 * A new signing secret; the old one keeps signing (both signatures in the header) until
 * `overlapSeconds` from now, so receivers can switch without losing a delivery.
 */
export async function rotateSecret(env: Env, scope: TenantScope, before: WebhookRow, overlapSeconds: number) {
  const secret = generateWebhookSecret();
  const changes = {
    secretEnc: await seal(env, secret),
    previousSecretEnc: overlapSeconds > 0 ? before.secretEnc : null,
    previousSecretExpiresAt:
      overlapSeconds > 0 ? new Date(scope.now.getTime() + overlapSeconds * 1000) : null,
    updatedAt: scope.now,
    version: before.version + 1,
  };
  await commit(scope, [
    scope.db
      .update(webhookSubscriptions)
      .set(changes)
      .where(and(eq(webhookSubscriptions.tenantId, scope.tenantId), eq(webhookSubscriptions.id, before.id))),
    auditEntry(scope, 'webhooks.rotate_secret', { type: 'webhook', id: before.id }, null, {
      previousSecretExpiresAt: changes.previousSecretExpiresAt,
    }),
  ]);
  return { row: { ...before, ...changes }, secret };
}

/** The secrets that sign now: the current one, and the previous one during its overlap. */
export async function signingSecrets(env: Env, row: WebhookRow, now: Date): Promise<string[]> {
  const secrets = [await unseal(env, row.secretEnc)];
  if (row.previousSecretEnc && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(await unseal(env, row.previousSecretEnc));
  }
  return secrets;
}

// ---------------------------------------------------------------------------
// Fan-out and the delivery log

/** Branch of a project, for events placed only by project. */
async function branchOfProject(db: Database, tenantId: string, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ branchId: projects.branchId })
    .from(projects)
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, projectId)))
    .limit(1);
  return row?.branchId ?? null;
}

/** Rows of one delivery insert: 16 rows x 6 columns stays under D1's 100 bound parameters. */
const deliveryRowsPerInsert = 16;

/**
 * The insert statements of an event's webhook deliveries, one per matching enabled subscription
 * (by type pattern and place), for the consumer's own batch: one row per (subscription, event),
 * so a repeated event adds nothing. Each statement returns the ids it added, to enqueue.
 */
export async function webhookDeliveryInserts(scope: TenantScope, event: EventEnvelope) {
  const subs = await scope.db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenantId, scope.tenantId), eq(webhookSubscriptions.enabled, true)));
  if (subs.length === 0) return [];
  let branchId = event.branchId;
  if (!branchId && event.projectId)
    branchId = await branchOfProject(scope.db, scope.tenantId, event.projectId);
  const matching = subs.filter((s) => {
    if (!s.eventTypes.some((p) => matchesEventType(p, event.type))) return false;
    if (s.projectId) return s.projectId === event.projectId;
    if (s.branchId) return s.branchId === branchId;
    return true;
  });
  const statements = [];
  for (let i = 0; i < matching.length; i += deliveryRowsPerInsert) {
    statements.push(
      scope.db
        .insert(webhookDeliveries)
        .values(
          matching.slice(i, i + deliveryRowsPerInsert).map((s) => ({
            id: newId('webhookDelivery'),
            tenantId: scope.tenantId,
            subscriptionId: s.id,
            eventId: event.id,
            eventType: event.type,
            createdAt: scope.now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id }),
    );
  }
  return statements;
}

export async function listDeliveries(
  scope: TenantScope,
  subscriptionId: string,
  page: { after?: string; limit: number; status?: DeliveryRow['status'] },
) {
  const rows = await scope.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, scope.tenantId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        page.after ? lt(webhookDeliveries.id, page.after) : undefined,
        page.status ? eq(webhookDeliveries.status, page.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(page.limit + 1);
  const attempts = rows.length
    ? await scope.db
        .select()
        .from(webhookAttempts)
        .where(
          and(
            eq(webhookAttempts.tenantId, scope.tenantId),
            inArray(
              webhookAttempts.deliveryId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return rows.map((r) => ({ ...r, attemptLog: attempts.filter((a) => a.deliveryId === r.id) }));
}

export async function getDelivery(
  scope: TenantScope,
  subscriptionId: string,
  id: string,
): Promise<DeliveryRow> {
  const [row] = await scope.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, scope.tenantId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        eq(webhookDeliveries.id, id),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Delivery ${id} not found`);
  return row;
}

/**
 * Deliveries of a subscription created in [from, to), to replay (at most 1000). Pings are left
 * out: they have no outbox event to send again.
 */
export async function deliveriesInRange(scope: TenantScope, subscriptionId: string, from: Date, to: Date) {
  return scope.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, scope.tenantId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        gte(webhookDeliveries.createdAt, from),
        lt(webhookDeliveries.createdAt, to),
        ne(webhookDeliveries.eventType, pingEventType),
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(1000);
}

/** Puts deliveries back to pending (a replay sends them again, whatever their status). */
export async function markForReplay(scope: TenantScope, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 90) {
    await scope.db
      .update(webhookDeliveries)
      .set({ status: 'pending' })
      .where(
        and(
          eq(webhookDeliveries.tenantId, scope.tenantId),
          inArray(webhookDeliveries.id, ids.slice(i, i + 90)),
        ),
      );
  }
}

/**
 * A delivery with its endpoint and its event, in one D1 round trip (a batch; the endpoint and the
 * event are found through the delivery row in the same statements).
 */
export async function deliveryWithContext(scope: TenantScope, deliveryId: string) {
  const db = scope.db;
  const t = scope.tenantId;
  const ofDelivery = and(eq(webhookDeliveries.tenantId, t), eq(webhookDeliveries.id, deliveryId));
  const [[delivery], [sub], [event]] = await readBatch(db, [
    db.select().from(webhookDeliveries).where(ofDelivery).limit(1),
    db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.tenantId, t),
          sql`${webhookSubscriptions.id} = (SELECT ${webhookDeliveries.subscriptionId} FROM ${webhookDeliveries} WHERE ${ofDelivery})`,
        ),
      )
      .limit(1),
    db
      .select()
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.tenantId, t),
          sql`${outboxEvents.id} = (SELECT ${webhookDeliveries.eventId} FROM ${webhookDeliveries} WHERE ${ofDelivery})`,
        ),
      )
      .limit(1),
  ]);
  return { delivery, sub, event };
}

export async function eventRow(db: Database, tenantId: string, eventId: string) {
  const [row] = await db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.tenantId, tenantId), eq(outboxEvents.id, eventId)))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------
// Settings

export interface NotificationSettings {
  digestTime: string;
  digestEnabled: boolean;
  webhookDisableAfterMinutes: number;
}

export const defaultSettings: NotificationSettings = {
  digestTime: '08:30',
  digestEnabled: true,
  webhookDisableAfterMinutes: 1440,
};

export async function getSettings(scope: TenantScope): Promise<NotificationSettings> {
  const [row] = await scope.db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.tenantId, scope.tenantId))
    .limit(1);
  return row
    ? {
        digestTime: row.digestTime,
        digestEnabled: row.digestEnabled,
        webhookDisableAfterMinutes: row.webhookDisableAfterMinutes,
      }
    : { ...defaultSettings };
}

export async function putSettings(
  scope: TenantScope,
  changes: Partial<NotificationSettings>,
): Promise<NotificationSettings> {
  const next = { ...(await getSettings(scope)), ...changes };
  await commit(scope, [
    scope.db
      .insert(notificationSettings)
      .values({ tenantId: scope.tenantId, ...next, updatedAt: scope.now })
      .onConflictDoUpdate({ target: notificationSettings.tenantId, set: { ...next, updatedAt: scope.now } }),
    auditEntry(scope, 'notification_settings.update', { type: 'tenant', id: scope.tenantId }, null, next),
  ]);
  return next;
}

/** A ping is logged like any delivery (event type `webhook.ping`, one attempt). */
export async function recordPing(
  scope: TenantScope,
  subscriptionId: string,
  eventId: string,
  at: Date,
  outcome: {
    ok: boolean;
    statusCode: number | null;
    latencyMs: number;
    responseExcerpt: string | null;
    error: string | null;
  },
) {
  const deliveryId = newId('webhookDelivery');
  await commit(scope, [
    scope.db.insert(webhookDeliveries).values({
      id: deliveryId,
      tenantId: scope.tenantId,
      subscriptionId,
      eventId,
      eventType: pingEventType,
      status: outcome.ok ? 'succeeded' : 'failed',
      attempts: 1,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      createdAt: at,
      lastAttemptAt: at,
      succeededAt: outcome.ok ? at : null,
    }),
    scope.db.insert(webhookAttempts).values({
      id: newId('webhookAttempt'),
      tenantId: scope.tenantId,
      deliveryId,
      subscriptionId,
      attempt: 1,
      at,
      trigger: 'ping',
      ...outcome,
    }),
  ]);
}

/** A delivery the queue gave up on after its last try: `dead` (replayable by hand), if it still failed. */
export async function markDeliveryDead(scope: TenantScope, deliveryId: string): Promise<void> {
  await scope.db
    .update(webhookDeliveries)
    .set({ status: 'dead' })
    .where(
      and(
        eq(webhookDeliveries.tenantId, scope.tenantId),
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, 'failed'),
      ),
    );
}
