import { AppError, maskOpenId, maskPhone, newId } from '@guanjia/core';
import { type ChannelKind, notificationChannels, notificationDeliveries } from '@guanjia/core/db/schema';
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Env } from '../env';
import { seal } from '../lib/secrets';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import type { TenantScope } from './scope';

export type ChannelRow = typeof notificationChannels.$inferSelect;
export type NotificationRow = typeof notificationDeliveries.$inferSelect;

export async function listChannels(scope: TenantScope, page: { after?: string; limit: number }) {
  return scope.db
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.tenantId, scope.tenantId),
        page.after ? gt(notificationChannels.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(notificationChannels.id))
    .limit(page.limit + 1);
}

export async function getChannel(scope: TenantScope, id: string): Promise<ChannelRow> {
  const [row] = await scope.db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.tenantId, scope.tenantId), eq(notificationChannels.id, id)))
    .limit(1);
  if (!row) throw new AppError('not_found', `Channel ${id} not found`);
  return row;
}

export async function channelOfKind(scope: TenantScope, kind: ChannelKind): Promise<ChannelRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.tenantId, scope.tenantId), eq(notificationChannels.kind, kind)))
    .limit(1);
  return row;
}

const publicOf = (row: ChannelRow) => {
  const { credentialsEnc: _c, ...rest } = row;
  return rest;
};

export interface ChannelInput {
  kind: ChannelKind;
  endpointUrl: string;
  credentials: Record<string, string>;
  sender: Record<string, string>;
  enabled: boolean;
}

export async function createChannel(env: Env, scope: TenantScope, input: ChannelInput): Promise<ChannelRow> {
  const row: ChannelRow = {
    id: newId('notificationChannel'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
    kind: input.kind,
    endpointUrl: input.endpointUrl,
    credentialsEnc: await seal(env, JSON.stringify(input.credentials)),
    sender: input.sender,
    enabled: input.enabled,
  };
  await commit(scope, [
    scope.db.insert(notificationChannels).values(row),
    auditEntry(
      scope,
      'notification_channels.create',
      { type: 'notificationChannel', id: row.id },
      null,
      publicOf(row),
    ),
  ]);
  return row;
}

export async function updateChannel(
  env: Env,
  scope: TenantScope,
  before: ChannelRow,
  changes: Partial<Omit<ChannelInput, 'kind'>>,
  expectedVersion: number | undefined,
): Promise<ChannelRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version)
    throw new AppError('precondition_failed');
  const { credentials, ...rest } = changes;
  const next = {
    ...rest,
    ...(credentials ? { credentialsEnc: await seal(env, JSON.stringify(credentials)) } : {}),
    updatedAt: scope.now,
    version: before.version + 1,
  };
  const [result] = await commit(scope, [
    scope.db
      .update(notificationChannels)
      .set(next)
      .where(
        and(
          eq(notificationChannels.tenantId, scope.tenantId),
          eq(notificationChannels.id, before.id),
          eq(notificationChannels.version, before.version),
        ),
      ),
    auditEntry(
      scope,
      'notification_channels.update',
      { type: 'notificationChannel', id: before.id },
      publicOf(before),
      publicOf({ ...before, ...next }),
    ),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) throw new AppError('precondition_failed');
  return { ...before, ...next };
}

export async function deleteChannel(scope: TenantScope, before: ChannelRow) {
  await commit(scope, [
    scope.db
      .delete(notificationChannels)
      .where(and(eq(notificationChannels.tenantId, scope.tenantId), eq(notificationChannels.id, before.id))),
    auditEntry(
      scope,
      'notification_channels.delete',
      { type: 'notificationChannel', id: before.id },
      publicOf(before),
      null,
    ),
  ]);
}

/** The notification log (sent, failed, skipped with why), newest first. */
export async function listNotifications(
  scope: TenantScope,
  page: {
    after?: string;
    limit: number;
    sourceId?: string;
    status?: NotificationRow['status'];
    recipientId?: string;
  },
) {
  return scope.db
    .select()
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.tenantId, scope.tenantId),
        page.after ? lt(notificationDeliveries.id, page.after) : undefined,
        page.sourceId ? eq(notificationDeliveries.sourceId, page.sourceId) : undefined,
        page.status ? eq(notificationDeliveries.status, page.status) : undefined,
        page.recipientId ? eq(notificationDeliveries.recipientId, page.recipientId) : undefined,
      ),
    )
    .orderBy(desc(notificationDeliveries.id))
    .limit(page.limit + 1);
}

export function maskAddress(kind: ChannelKind, address: string): string {
  if (kind === 'sms') return maskPhone(address);
  if (kind === 'email') {
    const [user = '', domain = ''] = address.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return maskOpenId(address);
}

/** A channel test send, in the audit log: who tested which channel, to whom (masked), and what the provider said. */
export async function recordChannelTest(
  scope: TenantScope,
  channel: ChannelRow,
  test: { to: string; statusCode: number | null; reason: string | null },
) {
  await commit(scope, [
    auditEntry(scope, 'notification_channels.test', { type: 'notificationChannel', id: channel.id }, null, {
      kind: channel.kind,
      to: maskAddress(channel.kind, test.to),
      statusCode: test.statusCode,
      reason: test.reason,
    }),
  ]);
}
