import {
  createChannel,
  deleteChannel,
  digestReadRate,
  type InboxMessage,
  listChannels,
  listMyInbox,
  listNotifications,
  readInboxMessage,
  testChannel,
  updateChannel,
} from '../../../app/inbox';
import type { ChannelRow } from '../../../data/channels';
import { requireReach } from '../../../data/reach';
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
  testChannelRoute,
  updateChannelRoute,
} from './inbox.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const messageOut = (m: InboxMessage) => ({
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

export const inboxRouter = createRouter()
  .openapi(listInboxRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, unread } = c.req.valid('query');
    const inbox = await listMyInbox(
      scope,
      { unreadOnly: unread === 'true' },
      { after: decodeCursor(cursor), limit },
    );
    const page = toPage(inbox.rows, limit);
    return c.json(
      {
        data: page.data.map(messageOut),
        nextCursor: page.nextCursor,
        unreadCount: inbox.unreadCount,
      },
      200,
    );
  })
  .openapi(readInboxRoute, async (c) => {
    const scope = c.get('scope');
    const row = await readInboxMessage(scope, c.req.valid('param').id);
    return c.json(messageOut(row), 200);
  })
  .openapi(listChannelsRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit } = c.req.valid('query');
    const page = toPage(await listChannels(scope, { after: decodeCursor(cursor), limit }), limit);
    return c.json({ data: page.data.map(channelOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createChannelRoute, async (c) => {
    const scope = c.get('scope');
    const row = await createChannel(c.env, scope, c.req.valid('json'));
    c.header('Location', `/v1/notification-channels/${row.id}`);
    c.header('ETag', etagOf(row.version));
    return c.json(channelOut(row), 201);
  })
  .openapi(updateChannelRoute, async (c) => {
    const scope = c.get('scope');
    const row = await updateChannel(c.env, scope, {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(channelOut(row), 200);
  })
  .openapi(deleteChannelRoute, async (c) => {
    const scope = c.get('scope');
    await deleteChannel(scope, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(testChannelRoute, async (c) => {
    const scope = c.get('scope');
    const test = await testChannel(c.env, scope, { id: c.req.valid('param').id, to: c.req.valid('json').to });
    return c.json(
      {
        channelId: test.channel.id,
        kind: test.channel.kind,
        to: test.to,
        ok: test.reason === null,
        statusCode: test.statusCode,
        reason: test.reason,
        responseExcerpt: test.responseExcerpt,
      },
      200,
    );
  })
  .openapi(listNotificationsRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, sourceId, status, recipientId } = c.req.valid('query');
    const page = toPage(
      await listNotifications(scope, { after: decodeCursor(cursor), limit, sourceId, status, recipientId }),
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
    const { digest, rates } = await digestReadRate(scope, reach, c.req.valid('param').id);
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
