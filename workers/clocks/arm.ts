import type { Env } from '../env';
import type { ClockState } from './case-clock';

/** The clock of one case: one Durable Object per tenant and case. */
export function caseClockStub(env: Env, tenantId: string, caseId: string) {
  return env.CASE_CLOCKS.get(env.CASE_CLOCKS.idFromName(`${tenantId}:${caseId}`));
}

/**
 * Re-arms a case's clock after a change that affects a milestone (create, dispatch, contact,
 * complete, reopen, pause/resume, close, a policy or calendar change). The unit of work calls it
 * after the D1 batch has committed, for every `clockChanged(caseId)` in the batch (the clock
 * re-reads the case from D1, so it must see the change). A closed case disarms its clock.
 */
export function armCaseClock(env: Env, tenantId: string, caseId: string): Promise<ClockState> {
  return caseClockStub(env, tenantId, caseId).arm(tenantId, caseId);
}

/**
 * Sets a case's clock to wake at `wakeAt` (epoch ms; null disarms) without re-reading the case:
 * for a commit that wrote the case's milestones itself (`clockWake`, e.g. at intake), at the
 * case's `caseVersion` as that commit wrote it. A clock that already holds the case at that
 * version or later keeps what it holds (this wake is older than it).
 */
export function wakeCaseClock(
  env: Env,
  tenantId: string,
  caseId: string,
  wakeAt: number | null,
  caseVersion: number,
): Promise<ClockState> {
  return caseClockStub(env, tenantId, caseId).armAt(tenantId, caseId, wakeAt, caseVersion);
}

/** Re-arms many clocks (after a policy or calendar change), a few at a time. */
export async function armCaseClocks(
  env: Env,
  tenantId: string,
  caseIds: readonly string[],
  concurrency = 20,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < caseIds.length) {
      const caseId = caseIds[next++] as string;
      await armCaseClock(env, tenantId, caseId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, caseIds.length) }, worker));
}
