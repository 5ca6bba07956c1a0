import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channelKinds } from '../../vocabulary';
import { instant, tenantOwned, versioned } from './columns';

export { channelKinds };

/**
 * Transactional outbox: every domain event is a row written in the same D1 batch as the change
 * that caused it; it is then sent to the EVENTS queue (`publishedAt`: sent) and is done once its
 * consumer has written its fan-out (`handledAt`, in the same batch as that fan-out). A cron sweep
 * re-sends rows never sent, and rows sent but not handled after a grace period (docs/events.md).
 * `branchId`/`projectId` place the event for scoped webhook subscriptions.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull().default(1),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    occurredAt: instant('occurred_at').notNull(),
    publishedAt: instant('published_at'),
    /** How many times the row was sent to the queue (the sweep may send it again). */
    attempts: integer('attempts').notNull().default(0),
    lastSentAt: instant('last_sent_at'),
    /** When the consumer wrote the event's whole fan-out (in that same batch): the event is done. */
    handledAt: instant('handled_at'),
    /** When the queue is due to retry the event after the consumer's last failure. */
    retryAt: instant('retry_at'),
    /** The consumer's last failure on this event (kept for the dead-letter record). */
    lastError: text('last_error'),
    /** Set when the events queue dead-lettered the event after its last try: nothing is lost silently. */
    deadAt: instant('dead_at'),
    deadReason: text('dead_reason'),
  },
  (t) => [
    index('outbox_events_tenant_id_idx').on(t.tenantId, t.id),
    index('outbox_events_unpublished_idx').on(t.publishedAt, t.occurredAt),
    // GET /v1/events?status=dead|pending: the few dead or unsent rows of a tenant, newest first,
    // without walking its published ones (partial indexes: only those rows are in them).
    index('outbox_events_tenant_dead_idx').on(t.tenantId, t.id).where(sql`dead_at is not null`),
    index('outbox_events_tenant_pending_idx').on(t.tenantId, t.id).where(sql`published_at is null`),
    // status=sent and the oldest event not handled: the tenant's few rows not done yet.
    index('outbox_events_tenant_unhandled_idx')
      .on(t.tenantId, t.id)
      .where(sql`handled_at is null and dead_at is null`),
    // The sweep's second look, over the shard: rows sent but not handled, oldest send first.
    index('outbox_events_sent_unhandled_idx')
      .on(t.lastSentAt)
      .where(sql`published_at is not null and handled_at is null and dead_at is null`),
  ],
);

/** An integrator endpoint: which events (with `case.*` wildcards), where, and its signing secrets. */
export const webhookSubscriptions = sqliteTable(
  'webhook_subscriptions',
  {
    ...tenantOwned(),
    ...versioned(),
    url: text('url').notNull(),
    eventTypes: text('event_types', { mode: 'json' }).$type<string[]>().notNull(),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    description: text('description'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** `whsec_...`, encrypted at rest (AES-GCM); never answered after creation or rotation. */
    secretEnc: text('secret_enc').notNull(),
    /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
    previousSecretEnc: text('previous_secret_enc'),
    previousSecretExpiresAt: instant('previous_secret_expires_at'),
    /** First failure of the current run of consecutive failures; cleared by a success. */
    failingSince: instant('failing_since'),
    disabledAt: instant('disabled_at'),
    disabledReason: text('disabled_reason'),
    createdBy: text('created_by'),
  },
  (t) => [index('webhook_subscriptions_tenant_idx').on(t.tenantId, t.id)],
);

/** One event for one endpoint: at most one row per (subscription, event), whatever the queue repeats. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    lastAttemptAt: instant('last_attempt_at'),
    succeededAt: instant('succeeded_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_sub_event_uq').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_tenant_sub_idx').on(t.tenantId, t.subscriptionId, t.id),
  ],
);

/** The delivery log: every HTTP attempt with its outcome. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: instant('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    /** At most 1 KB of the response body. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    trigger: text('trigger', { enum: ['queue', 'replay', 'ping'] })
      .notNull()
      .default('queue'),
  },
  (t) => [index('webhook_attempts_tenant_delivery_idx').on(t.tenantId, t.deliveryId, t.id)],
);

/** A staff member's in-app inbox; one message per (user, source event). */
export const inboxMessages = sqliteTable(
  'inbox_messages',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    /** The event (or digest, or check) that caused it: the idempotency key. */
    sourceId: text('source_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    digestId: text('digest_id'),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    uniqueIndex('inbox_messages_user_source_uq').on(t.tenantId, t.userId, t.sourceId),
    index('inbox_messages_tenant_user_idx').on(t.tenantId, t.userId, t.id),
    index('inbox_messages_tenant_digest_idx').on(t.tenantId, t.digestId),
  ],
);

export type ChannelKind = (typeof channelKinds)[number];

/** A provider channel of a tenant (HTTP email API, SMS gateway, WeChat template messages). */
export const notificationChannels = sqliteTable(
  'notification_channels',
  {
    ...tenantOwned(),
    ...versioned(),
    kind: text('kind', { enum: channelKinds }).notNull(),
    endpointUrl: text('endpoint_url').notNull(),
    /** Provider credentials (API key, access token), AES-GCM encrypted; never answered. */
    credentialsEnc: text('credentials_enc').notNull(),
    /** Sender identity: from address, SMS signature, WeChat template ids. */
    sender: text('sender', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('notification_channels_tenant_kind_uq').on(t.tenantId, t.kind)],
);

/**
 * Every message to a person through a provider channel, sent, failed or skipped (with why):
 * one row per (source, channel, recipient), so a repeated event sends once.
 */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    sourceId: text('source_id').notNull(),
    kind: text('kind', { enum: channelKinds }).notNull(),
    template: text('template').notNull(),
    /** `contact`: a contractor's contact person (调度), who has no login. */
    recipientType: text('recipient_type', { enum: ['owner', 'staff', 'contact'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    /** Masked address (phone 138****0000, e***@x.com). */
    address: text('address'),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] }).notNull(),
    reason: text('reason'),
    statusCode: integer('status_code'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_uq').on(t.tenantId, t.sourceId, t.kind, t.recipientId),
    index('notification_deliveries_tenant_idx').on(t.tenantId, t.id),
  ],
);

/**
 * A staff member's own notification preferences (absent: every channel, no quiet hours). The
 * inbox always gets the message; these decide the provider channels, and what they hold back is
 * recorded in `notification_deliveries` as skipped with the reason (quiet_hours, day_off,
 * channel_off), never dropped silently. Emergencies ignore quiet hours.
 */
export const staffNotificationPreferences = sqliteTable(
  'staff_notification_preferences',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    /** The provider channels this person hears through (a subset of sms, wechat, email). */
    channels: text('channels', { mode: 'json' }).$type<ChannelKind[]>().notNull(),
    /** Local times (HH:MM, on the business calendar's time zone); the window may cross midnight. */
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    /** Quiet all day on the business calendar's days off (weekends, holidays; 调休 days are working days). */
    quietOnDaysOff: integer('quiet_on_days_off', { mode: 'boolean' }).notNull().default(false),
    /** 微信公众号 OpenID of the staff member (personal data): where WeChat template messages go. */
    wechatOpenId: text('wechat_open_id'),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/** Per-tenant settings of notifications (one row; absent means the defaults). */
export const notificationSettings = sqliteTable('notification_settings', {
  tenantId: text('tenant_id').primaryKey(),
  /** Local time (HH:MM, tenant time zone) of the daily complaint digest. */
  digestTime: text('digest_time').notNull().default('08:30'),
  digestEnabled: integer('digest_enabled', { mode: 'boolean' }).notNull().default(true),
  /** An endpoint failing without a success for this long is disabled. */
  webhookDisableAfterMinutes: integer('webhook_disable_after_minutes').notNull().default(1440),
  updatedAt: instant('updated_at').notNull(),
});

/** The daily complaint digest of one branch for one local date (seed 000). */
export const digests = sqliteTable(
  'digests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    branchId: text('branch_id').notNull(),
    /** The local date reported on (yesterday at publication). */
    reportDate: text('report_date').notNull(),
    complaintCount: integer('complaint_count').notNull(),
    items: text('items', { mode: 'json' }).$type<unknown[]>().notNull(),
    publishedAt: instant('published_at').notNull(),
    readCheckDueAt: instant('read_check_due_at').notNull(),
    readCheckedAt: instant('read_checked_at'),
    unreadUserIds: text('unread_user_ids', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    uniqueIndex('digests_tenant_branch_date_uq').on(t.tenantId, t.branchId, t.reportDate),
    index('digests_check_due_idx').on(t.readCheckedAt, t.readCheckDueAt),
  ],
);

/** 通知与公告: a notice of a project or a branch to its owners. */
export const notices = sqliteTable(
  'notices',
  {
    ...tenantOwned(),
    ...versioned(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    publishedAt: instant('published_at'),
    createdBy: text('created_by'),
  },
  (t) => [
    index('notices_tenant_idx').on(t.tenantId, t.id),
    index('notices_tenant_project_idx').on(t.tenantId, t.projectId, t.publishedAt),
  ],
);

/**
 * An owner's first opening of a published notice through their link: one row per owner per
 * notice (the unique key makes a second opening change nothing), counted as the notice's reads.
 * `readerId` is the link's owner, or its case when the case has no registered owner.
 */
export const noticeReads = sqliteTable(
  'notice_reads',
  {
    ...tenantOwned(),
    noticeId: text('notice_id').notNull(),
    readerId: text('reader_id').notNull(),
    readAt: instant('read_at').notNull(),
  },
  (t) => [uniqueIndex('notice_reads_tenant_notice_reader_uq').on(t.tenantId, t.noticeId, t.readerId)],
);
