import { star } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import { evidenceFacts } from '../../data/star-evidence';
import { quarterWindow } from './calendar';

/**
 * The evidence snapshot stored at submission: the quarter's window in the tenant's zone and
 * core's evidence block over the nominee's cases in it.
 */
export async function nominationEvidence(
  scope: TenantScope,
  nomineeId: string,
  cycle: { year: number; quarter: number },
) {
  const window = quarterWindow(cycle.year, cycle.quarter, scope.timeZone);
  const facts = await evidenceFacts(scope, nomineeId, window.from, window.to);
  return {
    period: { from: window.from.toISOString(), to: window.to.toISOString() },
    ...star.computeEvidence(
      nomineeId,
      { from: window.from.getTime(), to: window.to.getTime() },
      facts.cases,
      facts.commendations,
    ),
  };
}
