import { DateTimeString } from '@guanjia/core';
import { slaActionKinds } from '@guanjia/core/vocabulary';
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
import { CalendarFields } from './rules';
import { BusinessCalendar, CalendarDaysInput, CaseSla, SlaAction } from './schemas';

const time = DateTimeString;

export const caseSlaRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/sla',
  operationId: 'getCaseSla',
  tags: ['sla'],
  summary: "A case's clocks: each milestone's due time, warning, breach, met time and time paused",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(CaseSla, 'The SLA view of the case'), ...commonErrors },
});

export const SlaActionQuery = z.object({
  kind: z
    .enum(slaActionKinds)
    .default('breach')
    .openapi({ description: 'breach (default), warning or escalation' }),
  projectId: z.string().max(64).optional(),
  branchId: z.string().max(64).optional(),
  from: time.optional().openapi({ description: 'Recorded at or after this instant' }),
  to: time.optional().openapi({ description: 'Recorded before this instant' }),
  metLate: z.enum(['true', 'false']).optional().openapi({
    description:
      'Breaches whose milestone was met afterwards (`true`: status `met_late`) or not (`false`: still breached, or ended unmet)',
  }),
});

export const listBreachesRoute = createRoute({
  method: 'get',
  path: '/sla/breaches',
  operationId: 'listSlaBreaches',
  tags: ['sla'],
  summary: 'Breaches and near-breaches (warnings) within your reach, newest first',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(SlaActionQuery) },
  responses: {
    200: jsonContent(pageSchema(SlaAction, 'SlaActionPage'), 'A page of clock actions'),
    ...commonErrors,
  },
});

export const addCalendarDaysRoute = createRoute({
  method: 'post',
  path: '/sla/calendars/{id}/days',
  operationId: 'addCalendarDays',
  tags: ['sla'],
  summary: 'Add public holidays and make-up working days (调休) to a calendar',
  description: 'Dates already present are kept once; open cases are re-armed against the new calendar.',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(CalendarDaysInput) },
  responses: { 200: jsonContent(BusinessCalendar, 'The calendar with the added days'), ...writeErrors },
});

export const CalendarDaysPreview = z
  .object({
    calendarId: z.string(),
    holidays: CalendarFields.holidays.openapi({ description: 'The holidays the calendar would have' }),
    makeUpDays: CalendarFields.makeUpDays.openapi({
      description: 'The make-up working days (调休) it would have',
    }),
    openCases: z.number().int().openapi({ description: 'Open cases under the calendar’s place' }),
    evaluatedCases: z
      .number()
      .int()
      .openapi({ description: 'Of those, how many were evaluated (at most 200)' }),
    shifts: z.array(
      z
        .object({
          caseId: z.string(),
          archiveNo: z.string(),
          milestone: z.string(),
          dueAtBefore: time.nullable().openapi({ description: 'The due time now' }),
          dueAtAfter: time.nullable().openapi({ description: 'The due time with the days added' }),
        })
        .openapi('DeadlineShift'),
    ),
  })
  .openapi('CalendarDaysPreview');

export const previewCalendarDaysRoute = createRoute({
  method: 'post',
  path: '/sla/calendars/{id}/days/preview',
  operationId: 'previewCalendarDays',
  tags: ['sla'],
  summary: 'What adding holidays and make-up days would do to the open cases’ deadlines, before saving',
  description:
    'Writes nothing: the same merge and checks as `POST /v1/sla/calendars/{id}/days`, then each open milestone whose due time would move.',
  security: bearerSecurity,
  request: { params: IdParamSchema, body: jsonBody(CalendarDaysInput) },
  responses: { 200: jsonContent(CalendarDaysPreview, 'The deadlines that would move'), ...writeErrors },
});
