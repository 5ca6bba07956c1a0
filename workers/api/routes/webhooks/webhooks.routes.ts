import { DateTimeString } from '@guanjia/core';
import { isValidEventFilter } from '@guanjia/core/events/catalogue';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';

const tags = ['webhooks'];
const instant = z.string().openapi({ type: 'string', format: 'date-time' });

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    branchId: z.string().nullable(),
    projectId: z.string().nullable(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    failingSince: instant.nullable(),
    disabledAt: instant.nullable(),
    disabledReason: z.string().nullable(),
    previousSecretExpiresAt: instant
      .nullable()
      .openapi({ description: 'Until then the previous secret also signs' }),
    createdAt: instant,
    updatedAt: instant,
    version: z.number().int(),
  })
  .openapi('Webhook');

export const WebhookWithSecret = Webhook.extend({
  secret: z.string().openapi({ description: 'The `whsec_` signing secret, shown only now' }),
}).openapi('WebhookWithSecret');

const eventFilter = z
  .string()
  .min(1)
  .max(100)
  .refine(isValidEventFilter, 'Unknown event type or wildcard (e.g. case.created, case.*, *)');

export const WebhookInput = z
  .object({
    url: z.string().url().max(2000),
    eventTypes: z.array(eventFilter).min(1).max(50),
    branchId: z.string().max(64).nullish(),
    projectId: z.string().max(64).nullish(),
    description: z.string().max(500).nullish(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .openapi('WebhookInput');

export const WebhookUpdate = updateSchemaOf(WebhookInput.omit({ branchId: true, projectId: true })).openapi(
  'WebhookUpdate',
);

const Attempt = z.object({
  attempt: z.number().int(),
  at: instant,
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable().openapi({ description: 'At most 1 KB of the response body' }),
  error: z.string().nullable(),
  trigger: z.enum(['queue', 'replay', 'ping']),
});

export const Delivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'dead']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: instant,
    lastAttemptAt: instant.nullable(),
    attemptLog: z.array(Attempt),
  })
  .openapi('WebhookDelivery');

const WebhookIdParams = z.object({
  id: IdParamSchema.shape.id,
  deliveryId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

export const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  summary: "List the tenant's webhook endpoints",
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema },
  responses: { 200: jsonContent(pageSchema(Webhook, 'WebhookPage'), 'Subscriptions'), ...commonErrors },
});

export const getWebhookRoute = createRoute({
  method: 'get',
  path: '/webhooks/{id}',
  operationId: 'getWebhook',
  summary: 'Get a webhook endpoint',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Webhook, 'The subscription'), ...commonErrors },
});

export const createWebhookRoute = createRoute({
  method: 'post',
  path: '/webhooks',
  operationId: 'createWebhook',
  tags,
  summary: 'Subscribe an endpoint; the answer carries its signing secret once',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(WebhookInput) },
  responses: { 201: jsonContent(WebhookWithSecret, 'The subscription and its secret'), ...writeErrors },
});

export const updateWebhookRoute = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  operationId: 'updateWebhook',
  tags,
  summary: 'Change an endpoint; enabling a disabled one clears its failure run',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(WebhookUpdate) },
  responses: { 200: jsonContent(Webhook, 'The subscription'), ...writeErrors },
});

export const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Delete a webhook endpoint',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...writeErrors },
});

export const rotateSecretRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  operationId: 'rotateWebhookSecret',
  tags,
  summary: 'New signing secret; the old one keeps signing during the overlap (both in webhook-signature)',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z
            .object({
              overlapSeconds: z
                .number()
                .int()
                .min(0)
                .max(7 * 86_400)
                .default(86_400),
            })
            .strict()
            .openapi('RotateSecretInput'),
        },
      },
    },
  },
  responses: { 200: jsonContent(WebhookWithSecret, 'The subscription and its new secret'), ...writeErrors },
});

export const listDeliveriesRoute = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: 'The delivery log of an endpoint, newest first, with every attempt',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    query: PageQuerySchema.extend({ status: z.enum(['pending', 'succeeded', 'failed', 'dead']).optional() }),
  },
  responses: { 200: jsonContent(pageSchema(Delivery, 'WebhookDeliveryPage'), 'Deliveries'), ...commonErrors },
});

export const replayDeliveryRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{deliveryId}/replay',
  operationId: 'replayWebhookDelivery',
  summary: 'Send a webhook delivery again',
  tags,
  security: bearerSecurity,
  request: { params: WebhookIdParams },
  responses: { 202: jsonContent(z.object({ queued: z.number().int() }), 'Queued again'), ...writeErrors },
});

export const replayRangeRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/replay',
  operationId: 'replayWebhookRange',
  tags,
  summary: 'Send again every delivery of the endpoint created in [from, to) (at most 1000)',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: jsonBody(
      z.object({ from: DateTimeString, to: DateTimeString }).strict().openapi('ReplayRangeInput'),
    ),
  },
  responses: { 202: jsonContent(z.object({ queued: z.number().int() }), 'Queued again'), ...writeErrors },
});

export const pingRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/ping',
  operationId: 'pingWebhook',
  tags,
  summary: 'Send a signed `webhook.ping` now and answer the outcome',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Attempt.openapi('WebhookAttempt'), 'The attempt'), ...writeErrors },
});

const Settings = z
  .object({
    digestTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .openapi({ description: 'Local HH:MM of the daily complaint digest' }),
    digestEnabled: z.boolean(),
    webhookDisableAfterMinutes: z
      .number()
      .int()
      .min(5)
      .max(30 * 1440)
      .openapi({
        description: 'An endpoint failing this long without a success is disabled (default 1440 = 24 h)',
      }),
  })
  .openapi('NotificationSettings');

export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/notification-settings',
  operationId: 'getNotificationSettings',
  summary: "Get the tenant's notification settings",
  tags,
  security: bearerSecurity,
  responses: { 200: jsonContent(Settings, 'Settings'), ...commonErrors },
});

export const patchSettingsRoute = createRoute({
  method: 'patch',
  path: '/notification-settings',
  operationId: 'updateNotificationSettings',
  summary: "Update the tenant's notification settings",
  tags,
  security: bearerSecurity,
  request: { body: jsonBody(updateSchemaOf(Settings)) },
  responses: { 200: jsonContent(Settings, 'Settings'), ...writeErrors },
});
