import type { Reach } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { caseActionRows, caseInReach, caseMilestoneRows, listSlaActions } from '../../data/sla';

/** A case's clocks: its milestones (every cycle) and the SLA actions taken, for a case in reach. */
export async function caseSla(scope: TenantScope, reach: Reach, caseId: string) {
  const found = await caseInReach(scope, reach, caseId);
  const [milestones, actions] = await Promise.all([
    caseMilestoneRows(scope, found.id),
    caseActionRows(scope, found.id),
  ]);
  return { case: found, milestones, actions };
}

/** The warnings, breaches and escalations in reach, a keyset page (`limit + 1` rows). */
export function listBreaches(
  scope: TenantScope,
  reach: Reach,
  query: Parameters<typeof listSlaActions>[2],
  page: PageRequest,
) {
  return listSlaActions(scope, reach, query, page);
}
