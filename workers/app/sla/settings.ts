import { AppError } from '@guanjia/core';
import { businessCalendars, escalationRungs, slaPolicies } from '@guanjia/core/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { RecordTable } from '../../data/records';
import {
  openCaseClockWrites,
  resolveSlaPlace,
  slaPlaceFilter,
  unknownProjectIds,
  unknownStaffIds,
} from '../../data/sla';
import type { ResourceRules } from '../resources';
import { calendarDayIssues, policyIssues } from './checks';

/*
 * The SLA settings' rules (policies, business calendars, escalation rungs): who may change
 * them, their references, and the re-arm of the open cases' clocks after each write. Their
 * five operations are the use cases of `app/resources.ts`; the routes add the HTTP shapes.
 */

const never = sql`0`;

function issuesError(message: string, issues: { path: string; message: string }[]): AppError {
  return new AppError('validation_failed', message, { issues });
}

/** After a policy or calendar write, the open cases' clocks are re-armed (their deadlines move). */
const rearmAfterWrite = async (scope: Parameters<typeof openCaseClockWrites>[0]) => {
  const writes = await openCaseClockWrites(scope);
  return () => writes as unknown[];
};

/**
 * SLA policies: tenant-wide, matched by case kind, urgency, category, channel and project;
 * readable by every case reader, changed only by a group-wide `sla.manage` holder.
 */
export const slaPoliciesRules: ResourceRules = {
  path: 'sla/policies',
  label: 'SlaPolicy',
  idKind: 'slaPolicy',
  table: slaPolicies as unknown as RecordTable,
  readPermission: 'cases.read',
  managePermission: 'sla.manage',
  reachFilter: (_scope, reach, mode) => (mode === 'read' || reach.kind === 'tenant' ? undefined : never),
  createNeedsTenantReach: true,
  async resolveRefs(scope, _reach, values, before) {
    const whole = policyIssues({ ...(before ?? {}), ...values });
    if (whole.length > 0) throw issuesError('The policy is not valid', whole);
    const projectIds = (values.match as { projectIds?: string[] } | undefined)?.projectIds ?? [];
    const unknown = await unknownProjectIds(scope, projectIds);
    if (unknown.length > 0) {
      throw issuesError(
        'Unknown projects',
        unknown.map((id) => ({
          path: `match.projectIds.${projectIds.indexOf(id)}`,
          message: `Project ${id} not found`,
        })),
      );
    }
    return {};
  },
  extraWrites: (scope) => rearmAfterWrite(scope),
};

/**
 * 工作日历: per tenant, overridable per branch or project (the nearest applies to a case).
 * Invalid hours (overlaps, end before start), unknown time zones and a date that is both a
 * holiday and a make-up day are refused with the field at fault.
 */
export const businessCalendarsRules: ResourceRules = {
  path: 'sla/calendars',
  label: 'BusinessCalendar',
  idKind: 'calendar',
  table: businessCalendars as unknown as RecordTable,
  queryFilters: (q) => [
    q.branchId ? eq(businessCalendars.branchId, q.branchId) : undefined,
    q.projectId ? eq(businessCalendars.projectId, q.projectId) : undefined,
  ],
  readPermission: 'cases.read',
  managePermission: 'sla.manage',
  reachFilter: (scope, reach, mode) => slaPlaceFilter(scope, reach, mode, businessCalendars),
  async resolveRefs(scope, reach, values, before) {
    const days = (key: 'holidays' | 'makeUpDays') => (values[key] ?? before?.[key] ?? []) as string[];
    const clash = calendarDayIssues(days('holidays'), days('makeUpDays'));
    if (clash.length > 0) throw issuesError('A date is both a holiday and a make-up day', clash);
    return { ...(await resolveSlaPlace(scope, reach, values, before)) };
  },
  extraWrites: (scope) => rearmAfterWrite(scope),
};

/**
 * Who sits on each rung of the escalation ladder, per tenant, branch or project. The clock
 * looks for the case's project row first, then its branch row, then the tenant row.
 */
export const escalationRungsRules: ResourceRules = {
  path: 'sla/escalation-rungs',
  label: 'EscalationRung',
  idKind: 'escalationRung',
  table: escalationRungs as unknown as RecordTable,
  queryFilters: (q) => [
    q.branchId ? eq(escalationRungs.branchId, q.branchId) : undefined,
    q.projectId ? eq(escalationRungs.projectId, q.projectId) : undefined,
  ],
  readPermission: 'cases.read',
  managePermission: 'sla.manage',
  reachFilter: (scope, reach, mode) => slaPlaceFilter(scope, reach, mode, escalationRungs),
  async resolveRefs(scope, reach, values, before) {
    const staffIds = values.staffIds as string[] | undefined;
    if (staffIds) {
      const unknown = await unknownStaffIds(scope, staffIds);
      if (unknown.length > 0) {
        throw issuesError(
          'Unknown staff',
          unknown.map((id) => ({
            path: `staffIds.${staffIds.indexOf(id)}`,
            message: `Staff ${id} not found`,
          })),
        );
      }
    }
    return { ...(await resolveSlaPlace(scope, reach, values, before)) };
  },
};
