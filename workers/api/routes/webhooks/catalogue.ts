import { EventEnvelope, eventCatalogue } from '@guanjia/core/events/catalogue';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { webhookSignatureSecurity } from '../../lib/openapi';

/**
 * Publishes the event catalogue in the OpenAPI 3.1 `webhooks` section: one entry per event
 * type, with its versioned payload schema and the Standard Webhooks headers.
 */
export function registerEventWebhooks(app: OpenAPIHono<AppEnv>) {
  for (const [type, entry] of Object.entries(eventCatalogue)) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `event_${type.replace(/[^a-z0-9]+/gi, '_')}`,
      summary: `${type} (v${entry.version})`,
      description: `${entry.description}. Body: the event envelope with \`type\` = "${type}", \`version\` = ${entry.version} and this \`data\`. Signed per Standard Webhooks; retried with back-off (10 s × 3^n, up to 12 h, 11 tries) until a 2xx.`,
      tags: ['events'],
      security: webhookSignatureSecurity,
      request: {
        headers: z.object({
          'webhook-id': z
            .string()
            .openapi({ description: 'The event id (evt_...); the same on every retry' }),
          'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt' }),
          'webhook-signature': z.string().openapi({
            description: 'Space-separated `v1,<base64 HMAC-SHA256>`; two during a secret rotation',
          }),
        }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: EventEnvelope.extend({ timestamp: EventEnvelope.shape.occurredAt, data: entry.schema }),
            },
          },
        },
      },
      responses: { 200: { description: 'Any 2xx acknowledges the event' } },
    });
  }
}
