import { channelKinds } from '@guanjia/core/vocabulary';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';

const instant = z.string().openapi({ type: 'string', format: 'date-time' });

export const InboxMessage = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: instant,
    readAt: instant.nullable().openapi({ description: 'The read receipt: when it was first read' }),
  })
  .openapi('InboxMessage');

export const listInboxRoute = createRoute({
  method: 'get',
  path: '/inbox',
  operationId: 'listInbox',
  tags: ['inbox'],
  summary: "The caller's own messages, newest first, with the unread count",
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: jsonContent(
      pageSchema(InboxMessage, 'InboxPage').extend({ unreadCount: z.number().int() }),
      'Messages',
    ),
    ...commonErrors,
  },
});

export const readInboxRoute = createRoute({
  method: 'post',
  path: '/inbox/{id}/read',
  operationId: 'readInboxMessage',
  tags: ['inbox'],
  summary: 'Mark read (the first read time is kept as the receipt)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(InboxMessage, 'The message'), ...commonErrors },
});

export const Channel = z
  .object({
    id: z.string(),
    kind: z.enum(channelKinds),
    endpointUrl: z.string(),
    sender: z.record(z.string(), z.string()),
    enabled: z.boolean(),
    hasCredentials: z
      .literal(true)
      .openapi({ description: 'Credentials are stored encrypted and never answered' }),
    createdAt: instant,
    updatedAt: instant,
    version: z.number().int(),
  })
  .openapi('NotificationChannel');

export const ChannelInput = z
  .object({
    kind: z.enum(channelKinds),
    endpointUrl: z.string().url().max(2000),
    credentials: z
      .record(z.string(), z.string().max(2000))
      .openapi({ description: 'email/sms: {apiKey}; wechat: {accessToken}. Write-only.' }),
    sender: z
      .record(z.string(), z.string().max(200))
      .openapi({ description: 'from (email), sign (sms), template.<message> ids (sms, wechat)' })
      .default({}),
    enabled: z.boolean().default(true),
  })
  .strict()
  .openapi('NotificationChannelInput');

export const listChannelsRoute = createRoute({
  method: 'get',
  path: '/notification-channels',
  operationId: 'listNotificationChannels',
  summary: "List the tenant's notification channels (SMS, WeChat, email)",
  tags: ['notification-channels'],
  security: bearerSecurity,
  request: { query: PageQuerySchema },
  responses: {
    200: jsonContent(pageSchema(Channel, 'NotificationChannelPage'), 'Channels'),
    ...commonErrors,
  },
});

export const createChannelRoute = createRoute({
  method: 'post',
  path: '/notification-channels',
  operationId: 'createNotificationChannel',
  tags: ['notification-channels'],
  summary: 'Configure a provider (one per kind per tenant)',
  security: bearerSecurity,
  request: { body: jsonBody(ChannelInput) },
  responses: { 201: jsonContent(Channel, 'The channel'), ...writeErrors },
});

export const updateChannelRoute = createRoute({
  method: 'patch',
  path: '/notification-channels/{id}',
  operationId: 'updateNotificationChannel',
  summary: 'Update a notification channel',
  tags: ['notification-channels'],
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(updateSchemaOf(ChannelInput.omit({ kind: true }))),
  },
  responses: { 200: jsonContent(Channel, 'The channel'), ...writeErrors },
});

export const deleteChannelRoute = createRoute({
  method: 'delete',
  path: '/notification-channels/{id}',
  operationId: 'deleteNotificationChannel',
  summary: 'Delete a notification channel',
  tags: ['notification-channels'],
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...writeErrors },
});

export const ChannelTestInput = z
  .object({
    to: z.string().trim().min(1).max(320).openapi({
      description:
        'Who receives the test: a mobile number (sms), an email address (email), a WeChat OpenID (wechat)',
      example: '13800001111',
    }),
  })
  .strict()
  .openapi('NotificationChannelTestInput');

export const ChannelTestResult = z
  .object({
    channelId: z.string(),
    kind: z.enum(channelKinds),
    to: z.string().openapi({ description: 'Masked' }),
    ok: z.boolean().openapi({ description: 'The provider accepted the message (2xx)' }),
    statusCode: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The provider's HTTP status; null when unreached" }),
    reason: z
      .string()
      .nullable()
      .openapi({ description: 'Why it failed (HTTP status, network error, refused endpoint)' }),
    responseExcerpt: z.string().nullable().openapi({ description: "The start of the provider's answer" }),
  })
  .openapi('NotificationChannelTestResult');

export const testChannelRoute = createRoute({
  method: 'post',
  path: '/notification-channels/{id}/test',
  operationId: 'testNotificationChannel',
  summary: "Send one test message through a channel and answer the provider's response",
  tags: ['notification-channels'],
  security: bearerSecurity,
  request: { params: IdParamSchema, body: jsonBody(ChannelTestInput) },
  responses: { 200: jsonContent(ChannelTestResult, 'What the provider answered'), ...writeErrors },
});

export const Notification = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    kind: z.enum(channelKinds),
    template: z.string(),
    recipientType: z
      .enum(['owner', 'staff', 'contact'])
      .openapi({ description: "contact: a contractor's contact person (调度), who has no login" }),
    recipientId: z.string().openapi({ description: '`*` when a channel was skipped for everyone' }),
    address: z.string().nullable().openapi({ description: 'Masked' }),
    status: z.enum(['pending', 'sent', 'failed', 'skipped']),
    reason: z.string().nullable(),
    statusCode: z.number().int().nullable(),
    attempts: z.number().int(),
    createdAt: instant,
  })
  .openapi('Notification');

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/notifications',
  operationId: 'listNotifications',
  tags: ['notification-channels'],
  summary: 'Messages sent, failed or skipped (with why) through provider channels',
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      sourceId: z.string().max(64).optional(),
      status: z.enum(['pending', 'sent', 'failed', 'skipped']).optional(),
      recipientId: z
        .string()
        .max(64)
        .optional()
        .openapi({ description: "One person's messages, e.g. what their quiet hours held back" }),
    }),
  },
  responses: { 200: jsonContent(pageSchema(Notification, 'NotificationPage'), 'The log'), ...commonErrors },
});

export const Digest = z
  .object({
    id: z.string(),
    branchId: z.string(),
    reportDate: z.string(),
    complaintCount: z.number().int(),
    items: z.array(z.unknown()),
    publishedAt: instant,
    readCheckedAt: instant.nullable(),
    unreadUserIds: z.array(z.string()).nullable(),
  })
  .openapi('Digest');

const Rate = z.object({ recipients: z.number().int(), read: z.number().int(), rate: z.number() });

export const digestReadRateRoute = createRoute({
  method: 'get',
  path: '/digests/{id}/read-rate',
  operationId: 'getDigestReadRate',
  tags: ['digests'],
  summary: 'Read rate of a daily complaint digest, overall and per project',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(
      z
        .object({
          digest: Digest,
          overall: Rate,
          projects: z.array(
            Rate.extend({
              projectId: z.string().nullable().openapi({ description: 'Null: branch-level staff' }),
            }),
          ),
        })
        .openapi('DigestReadRate'),
      'Read rates',
    ),
    ...commonErrors,
  },
});
