import { z } from '@hono/zod-openapi';
import {
  businessCalendarsRules,
  escalationRungsRules,
  slaPoliciesRules,
  withHolidayCoverage,
} from '../../../app/sla';
import { updateSchemaOf } from '../../lib/update-schema';
import { orgResourceRouter } from '../org/resource';
import {
  BusinessCalendar,
  BusinessCalendarInput,
  BusinessCalendarUpdate,
  EscalationRung,
  EscalationRungInput,
  placeQuery,
  SlaPolicy,
  SlaPolicyInput,
  SlaPolicyUpdate,
} from './schemas';

/**
 * SLA policies: tenant-wide, matched by case kind, urgency, category, channel and project;
 * readable by every case reader, changed only by a group-wide `sla.manage` holder.
 */
export const slaPoliciesRouter = orgResourceRouter({
  ...slaPoliciesRules,
  schema: SlaPolicy,
  createSchema: SlaPolicyInput,
  updateSchema: SlaPolicyUpdate,
  querySchema: z.object({}),
});

/**
 * 工作日历: per tenant, overridable per branch or project (the nearest applies to a case).
 * Invalid hours (overlaps, end before start), unknown time zones and a date that is both a
 * holiday and a make-up day are refused with the field at fault.
 */
export const businessCalendarsRouter = orgResourceRouter({
  ...businessCalendarsRules,
  schema: BusinessCalendar,
  createSchema: BusinessCalendarInput,
  updateSchema: BusinessCalendarUpdate,
  querySchema: placeQuery,
  toOutput: (row, scope) => withHolidayCoverage(scope, row),
});

/**
 * Who sits on each rung of the escalation ladder, per tenant, branch or project. The clock
 * looks for the case's project row first, then its branch row, then the tenant row.
 */
export const escalationRungsRouter = orgResourceRouter({
  ...escalationRungsRules,
  schema: EscalationRung,
  createSchema: EscalationRungInput,
  updateSchema: updateSchemaOf(EscalationRungInput),
  querySchema: placeQuery,
});
