import { AppError } from '@guanjia/core';
import { escalationRungs } from '@guanjia/core/db/schema';
import { eq } from 'drizzle-orm';
import type { RecordTable } from '../../../data/records';
import { resolveSlaPlace, slaPlaceFilter, unknownStaffIds } from '../../../data/sla';
import { orgResourceRouter } from '../org/resource';
import { EscalationRung, EscalationRungInput, placeQuery } from './schemas';

/**
 * Who sits on each rung of the escalation ladder, per tenant, branch or project. The clock
 * looks for the case's project row first, then its branch row, then the tenant row.
 */
export const escalationRungsRouter = orgResourceRouter({
  path: 'sla/escalation-rungs',
  label: 'EscalationRung',
  idKind: 'escalationRung',
  table: escalationRungs as unknown as RecordTable,
  schema: EscalationRung,
  createSchema: EscalationRungInput,
  updateSchema: EscalationRungInput.partial(),
  querySchema: placeQuery,
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
        throw new AppError('validation_failed', 'Unknown staff', {
          issues: unknown.map((id) => ({
            path: `staffIds.${staffIds.indexOf(id)}`,
            message: `Staff ${id} not found`,
          })),
        });
      }
    }
    return { ...(await resolveSlaPlace(scope, reach, values, before)) };
  },
});
