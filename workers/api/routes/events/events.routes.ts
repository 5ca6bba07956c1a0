import { DateTimeString } from '@guanjia/core';
import { isEventType } from '@guanjia/core/events/catalogue';
import { outboxStatuses } from '@guanjia/core/events/outbox-status';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { idempotent } from '../../middleware/idempotency';

const tags = ['events'];
const instant = z.string().openapi({ type: 'string', format: 'date-time' });
const time = DateTimeString;

export const OutboxEvent = z
  .object({
    id: z.string().openapi({ description: 'The event id consumers and webhook receivers dedupe by' }),
    type: z.string().openapi({ example: 'case.assigned' }),
    version: z.number().int().openapi({ description: 'Version of the payload schema' }),
    status: z.enum(outboxStatuses).openapi({
      description:
        'pending: not sent to the events queue yet; sent: sent, its consumer has not handled it yet; ' +
        'handled: its consumer wrote what it causes (webhook deliveries, inbox rows, provider ' +
        'messages), done; dead: the queue gave up on it unhandled',
    }),
    branchId: z.string().nullable(),
    projectId: z.string().nullable(),
    occurredAt: instant,
    publishedAt: instant.nullable().openapi({ description: 'Last time it was sent to the events queue' }),
    handledAt: instant.nullable().openapi({
      description: 'When its consumer wrote what it causes (with the handled mark, in one batch)',
    }),
    attempts: z.number().int().openapi({
      description: 'How many times it was sent to the events queue (the sweep re-sends one not handled)',
    }),
    lastError: z.string().nullable().openapi({ description: 'The last failure a consumer met on it' }),
    deadAt: instant.nullable(),
    deadReason: z.string().nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The event data, as in the webhooks section' }),
  })
  .openapi('OutboxEvent');

export const EventQuery = z.object({
  status: z.enum(outboxStatuses).optional(),
  type: z
    .string()
    .max(100)
    .refine(isEventType, 'Unknown event type')
    .optional()
    .openapi({ example: 'case.assigned' }),
  from: time.optional().openapi({ description: 'Events that occurred at or after this instant' }),
  to: time.optional().openapi({ description: 'Events that occurred before this instant' }),
});

export const listEventsRoute = createRoute({
  method: 'get',
  path: '/events',
  operationId: 'listEvents',
  tags,
  summary: 'The tenant’s outbox events, newest first, to find the dead ones and replay them',
  description:
    'Needs `webhooks.manage`. Group-wide callers see every event; a scoped one those placed in its ' +
    'branches and projects.',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(EventQuery) },
  responses: {
    200: jsonContent(pageSchema(OutboxEvent, 'OutboxEventPage'), 'A page of events'),
    ...commonErrors,
  },
});

export const EventsHealth = z
  .object({
    pending: z.number().int().openapi({ description: 'Events not sent to the queue yet' }),
    sent: z.number().int().openapi({ description: 'Events sent and not handled yet' }),
    oldestUnhandledAgeSeconds: z
      .number()
      .int()
      .nullable()
      .openapi({
        description:
          'Age of the oldest event neither handled nor dead (null when there is none); a value past ' +
          'a few minutes means events are stuck',
      }),
    oldestUnhandledEventId: z.string().nullable(),
    oldestUnhandledOccurredAt: instant.nullable(),
  })
  .openapi('EventsHealth');

export const eventsHealthRoute = createRoute({
  method: 'get',
  path: '/events/health',
  operationId: 'getEventsHealth',
  tags,
  summary: 'How many events are not handled yet, and the age of the oldest',
  description:
    'Needs `webhooks.manage`; counts the events within the caller’s reach that are neither handled ' +
    'nor dead (dead ones: `GET /v1/events?status=dead`).',
  security: bearerSecurity,
  responses: { 200: jsonContent(EventsHealth, 'The events not handled yet'), ...commonErrors },
});

export const replayEventRoute = createRoute({
  method: 'post',
  path: '/events/{id}/replay',
  operationId: 'replayEvent',
  tags,
  summary: 'Send an event not handled (dead, unsent, or sent and lost) to the events queue again',
  description:
    'Clears the dead marker and sends the event again (audited); consumers are idempotent by event ' +
    'id, so what it already caused is not repeated. A handled event answers 409 ' +
    '`event_not_replayable`. With `Idempotency-Key` a repeated request gets the first answer.',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: IdParamSchema, headers: IdempotencyHeaderSchema },
  responses: { 202: jsonContent(OutboxEvent, 'Sent to the events queue again'), ...writeErrors },
});
