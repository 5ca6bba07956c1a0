import { caseClockStub } from '../../clocks/arm';
import type { ClockState } from '../../clocks/case-clock';
import type { Env } from '../../env';

/*
 * The benchmark's clock operations (`npm run bench:clocks`): arm case clocks at chosen instants
 * and read back what each recorded. Reached only through the bench routes, which exist only
 * where BENCH_ROUTES is "true" (never in production).
 */

/**
 * Arms one case clock per item at the given instant (epoch ms), `concurrency` at a time. Each
 * arming names its own `version` (the bench's phase: 1 to create, 2 to re-arm), since a clock
 * ignores an arming no newer than what it holds.
 */
export async function armBenchClocks(
  env: Env,
  tenantId: string,
  version: number,
  items: readonly { caseId: string; dueAt: number }[],
  concurrency = 32,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await caseClockStub(env, tenantId, item.caseId).armAt(tenantId, item.caseId, item.dueAt, version);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** What each clock recorded: when it was due, when it was armed and when its alarm ran. */
export function benchClockStates(
  env: Env,
  tenantId: string,
  caseIds: readonly string[],
): Promise<ClockState[]> {
  return Promise.all(caseIds.map((caseId) => caseClockStub(env, tenantId, caseId).state()));
}
