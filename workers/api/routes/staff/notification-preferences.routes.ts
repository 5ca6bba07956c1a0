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

const tags = ['notification-preferences'];

const time = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00')
  .openapi({ example: '22:00' });

/** Core's `notify.StaffNotificationPreferencesSchema` as the API documents it (the use case parses with core's). */
export const NotificationPreferencesInput = z
  .object({
    channels: z.array(z.enum(channelKinds)).max(channelKinds.length).openapi({
      description: 'The provider channels this person hears through; the inbox always gets the message',
    }),
    quietHours: z.object({ start: time, end: time }).nullable().openapi({
      description: 'Local times on the business calendar (e.g. 22:00–07:30, may cross midnight); null: none',
    }),
    quietOnDaysOff: z.boolean().openapi({
      description:
        "Quiet all day on the business calendar's days off (weekends, public holidays; 调休 days work)",
    }),
    wechatOpenId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullable()
      .openapi({ description: '微信公众号 OpenID: where WeChat template messages to this person go' }),
  })
  .strict()
  .openapi('NotificationPreferencesInput');

export const NotificationPreferences = NotificationPreferencesInput.extend({
  userId: z.string(),
  version: z.number().int().openapi({ description: '0 while the person keeps the defaults' }),
  updatedAt: z.string().nullable().openapi({ type: 'string', format: 'date-time' }),
}).openapi('NotificationPreferences');

const description =
  'Which provider channels (SMS, WeChat, email) the person hears through and their quiet hours on the business calendar (and, if chosen, its days off). The inbox always gets the message; what is held back is recorded in the notification log as skipped with the reason (channel_off, quiet_hours, day_off). Emergencies (major complaints, incidents, emergency repairs) ignore quiet hours.';

export const getMyPreferencesRoute = createRoute({
  method: 'get',
  path: '/me/notification-preferences',
  operationId: 'getMyNotificationPreferences',
  tags,
  summary: "The caller's own notification preferences",
  description,
  security: bearerSecurity,
  responses: { 200: jsonContent(NotificationPreferences, 'The preferences'), ...commonErrors },
});

export const setMyPreferencesRoute = createRoute({
  method: 'put',
  path: '/me/notification-preferences',
  operationId: 'setMyNotificationPreferences',
  tags,
  summary: "Set the caller's own notification preferences",
  description,
  security: bearerSecurity,
  request: { headers: IfMatchHeaderSchema, body: jsonBody(NotificationPreferencesInput) },
  responses: { 200: jsonContent(NotificationPreferences, 'The preferences'), ...writeErrors },
});

export const getStaffPreferencesRoute = createRoute({
  method: 'get',
  path: '/staff/{id}/notification-preferences',
  operationId: 'getStaffNotificationPreferences',
  tags,
  summary: "A staff member's notification preferences",
  description: `${description} Needs \`staff.manage\` over the person's places.`,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(NotificationPreferences, 'The preferences'), ...commonErrors },
});

export const setStaffPreferencesRoute = createRoute({
  method: 'put',
  path: '/staff/{id}/notification-preferences',
  operationId: 'setStaffNotificationPreferences',
  tags,
  summary: "Set a staff member's notification preferences",
  description: `${description} Needs \`staff.manage\` over the person's places.`,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(NotificationPreferencesInput),
  },
  responses: { 200: jsonContent(NotificationPreferences, 'The preferences'), ...writeErrors },
});
