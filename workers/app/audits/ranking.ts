import { fieldError } from '@guanjia/core';
import { scoredAudits } from '../../data/mystery-audits';
import type { TenantScope } from '../../data/scope';
import type { AuditReach } from './reach';
import { results } from './scoring';

/**
 * The published results the caller sees, per project or branch, visited in [from, to): core's
 * aggregates ranked (ties share a rank), each with its monthly trend in the tenant's zone.
 */
export async function projectRanking(
  scope: TenantScope,
  reach: AuditReach,
  query: { groupBy: 'project' | 'branch'; from?: string; to?: string },
) {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) throw fieldError('query.to', 'Must not be before from');
  const rows = await scoredAudits(scope, reach, { from, to });
  return results(rows, query.groupBy, scope.timeZone);
}
