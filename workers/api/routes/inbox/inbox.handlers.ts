import { AppError } from '@guanjia/core';
import {
  type ChannelRow,
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  listNotifications,
  updateChannel,
} from '../../../data/channels';
import { digestReadRate, getDigest } from '../../../data/digests';
import { listInbox, markRead, unreadCount } from '../../../data/inbox';
import { inReach, requireReach } from '../../../data/reach';
import type { TenantScope } from '../../../data/scope';
import { checkUrlResolved } from '../../../lib/outbound/resolve';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  createChannelRoute,
  deleteChannelRoute,
  digestReadRateRoute,
  listChannelsRoute,
  listInboxRoute,
  listNotificationsRoute,
  readInboxRoute,
  updateChannelRoute,
} from './inbox.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The inbox belongs to staff users; integrator keys have none. */
function staffUser(scope: TenantScope): string {
  if (scope.actor.type !== 'staff' || !scope.actor.id)
    throw new AppError('forbidden', 'Only staff have an inbox');
  return scope.actor.id;
}

const messageOut = (m: Awaited<ReturnType<typeof listInbox>>[number]) => ({
  id: m.id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  data: m.data,
  createdAt: m.createdAt.toISOString(),
  readAt: iso(m.readAt),
});

const channelOut = (ch: ChannelRow) => ({
  id: ch.id,
  kind: ch.kind,
  endpointUrl: ch.endpointUrl,
  sender: ch.sender,
  enabled: ch.enabled,
  hasCredentials: true as const,
  createdAt: ch.createdAt.toISOString(),
  updatedAt: ch.updatedAt.toISOString(),
  version: ch.version,
});

function tenantManager(scope: TenantScope) {
  if (requireReach(scope, 'webhooks.manage').kind !== 'tenant') {
    throw new AppError('forbidden', 'Provider channels need a group-wide role');
  }
}

async function safeEndpoint(env: Parameters<typeof checkUrlResolved>[0], url: string) {
  const verdict = await checkUrlResolved(env, url);
  if (!verdict.ok)
    throw new AppError('validation_failed', verdict.reason, {
      issues: [{ path: 'endpointUrl', message: verdict.reason }],
    });
  return verdict.url.toString();
}

export const inboxRouter = createRouter()
  .openapi(listInboxRoute, async (c) => {
    const scope = c.get('scope');
    const userId = staffUser(scope);
    const { cursor, limit, unread } = c.req.valid('query');
    const page = toPage(
      await listInbox(scope, userId, { after: decodeCursor(cursor), limit, unreadOnly: unread === 'true' }),
      limit,
    );
    return c.json(
      {
        data: page.data.map(messageOut),
        nextCursor: page.nextCursor,
        unreadCount: await unreadCount(scope, userId),
      },
      200,
    );
  })
  .openapi(readInboxRoute, async (c) => {
    const scope = c.get('scope');
    const row = await markRead(scope, staffUser(scope), c.req.valid('param').id);
    if (!row) throw new AppError('not_found', 'Message not found');
    return c.json(messageOut(row), 200);
  })
  .openapi(listChannelsRoute, async (c) => {
    const scope = c.get('scope');
    tenantManager(scope);
    const { cursor, limit } = c.req.valid('query');
    const page = toPage(await listChannels(scope, { after: decodeCursor(cursor), limit }), limit);
    return c.json({ data: page.data.map(channelOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createChannelRoute, async (c) => {
    const scope = c.get('scope');
    tenantManager(scope);
    const input = c.req.valid('json');
    const row = await createChannel(c.env, scope, {
      ...input,
      endpointUrl: await safeEndpoint(c.env, input.endpointUrl),
    });
    c.header('Location', `/v1/notification-channels/${row.id}`);
    c.header('ETag', etagOf(row.version));
    return c.json(channelOut(row), 201);
  })
  .openapi(updateChannelRoute, async (c) => {
    const scope = c.get('scope');
    tenantManager(scope);
    const before = await getChannel(scope, c.req.valid('param').id);
    const changes = c.req.valid('json');
    const row = await updateChannel(
      c.env,
      scope,
      before,
      {
        ...changes,
        ...(changes.endpointUrl ? { endpointUrl: await safeEndpoint(c.env, changes.endpointUrl) } : {}),
      },
      expectedVersion(c),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(channelOut(row), 200);
  })
  .openapi(deleteChannelRoute, async (c) => {
    const scope = c.get('scope');
    tenantManager(scope);
    await deleteChannel(scope, await getChannel(scope, c.req.valid('param').id));
    return c.body(null, 204);
  })
  .openapi(listNotificationsRoute, async (c) => {
    const scope = c.get('scope');
    tenantManager(scope);
    const { cursor, limit, sourceId, status } = c.req.valid('query');
    const page = toPage(
      await listNotifications(scope, { after: decodeCursor(cursor), limit, sourceId, status }),
      limit,
    );
    return c.json(
      {
        data: page.data.map((n) => ({
          id: n.id,
          sourceId: n.sourceId,
          kind: n.kind,
          template: n.template,
          recipientType: n.recipientType,
          recipientId: n.recipientId,
          address: n.address,
          status: n.status,
          reason: n.reason,
          statusCode: n.statusCode,
          attempts: n.attempts,
          createdAt: n.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(digestReadRateRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.read');
    const digest = await getDigest(scope, c.req.valid('param').id);
    if (!inReach(reach, { branchId: digest.branchId })) throw new AppError('not_found', 'Digest not found');
    const rates = await digestReadRate(scope, digest);
    return c.json(
      {
        digest: {
          id: digest.id,
          branchId: digest.branchId,
          reportDate: digest.reportDate,
          complaintCount: digest.complaintCount,
          items: digest.items,
          publishedAt: digest.publishedAt.toISOString(),
          readCheckedAt: iso(digest.readCheckedAt),
          unreadUserIds: digest.unreadUserIds,
        },
        ...rates,
      },
      200,
    );
  });
