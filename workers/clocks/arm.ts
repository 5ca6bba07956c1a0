import { createMiddleware } from 'hono/factory';
import type { TenantScope } from '../data/scope';
import type { AppEnv, Env } from '../env';
import type { ClockState } from './case-clock';

/** The clock of one case: one Durable Object per tenant and case. */
export function caseClockStub(env: Env, tenantId: string, caseId: string) {
  return env.CASE_CLOCKS.get(env.CASE_CLOCKS.idFromName(`${tenantId}:${caseId}`));
}

/**
 * Re-arms a case's clock after a change that affects a milestone (create, dispatch, contact,
 * complete, reopen, pause/resume, close, a policy or calendar change). Call it after the D1
 * batch has committed: the clock re-reads the case from D1, so it must see the change. A closed
 * case disarms its clock.
 */
export function armCaseClock(env: Env, tenantId: string, caseId: string): Promise<ClockState> {
  return caseClockStub(env, tenantId, caseId).arm(tenantId, caseId);
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

/** Cases a request changed, to re-arm once its batch has committed. */
const changed = new WeakMap<TenantScope, Set<string>>();

/**
 * Notes that a write through `scope` changed a case's milestones (call it beside the batch).
 * `armChangedClocks` (the `armClocks` middleware on /v1) re-arms them after the handler.
 */
export function caseClockChanged(scope: TenantScope, caseId: string): void {
  const ids = changed.get(scope) ?? new Set<string>();
  ids.add(caseId);
  changed.set(scope, ids);
}

/** Re-arms the clocks of the cases `scope` changed; for callers outside HTTP (queue, email). */
export async function armChangedClocks(env: Env, scope: TenantScope): Promise<number> {
  const ids = changed.get(scope);
  if (!ids?.size) return 0;
  changed.delete(scope);
  await armCaseClocks(env, scope.tenantId, [...ids]);
  return ids.size;
}

/**
 * After the handler (its batch committed), re-arms the clocks of the cases it changed. Awaited,
 * so the answer means the clock already knows; a failure is logged, never turned into an error
 * for a change that did commit (the next change or a policy re-arm sets the clock again).
 */
export const armClocks = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const scope = c.get('scope');
  if (!scope) return;
  await armChangedClocks(c.env, scope).catch((error) =>
    c.get('logger')?.error('case clock arm failed', { error: String(error) }),
  );
});
