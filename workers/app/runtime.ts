import { armCaseClocks, wakeCaseClock } from '../clocks/arm';
import { publishCommitted } from '../data/outbox';
import type { ScopeRuntime } from '../data/scope';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { profileMark } from '../lib/profile';

/**
 * What the edge that makes a scope knows of its runtime: the Worker's bindings, its one reading
 * of the clock, its logger and, for an HTTP request, `waitUntil` (work that may finish after the
 * answer). Made once per request, queue message, cron tick, email or clock alarm.
 */
export interface Edge {
  readonly env: Env;
  readonly now: Date;
  readonly logger: Logger;
  /** Work to finish after the answer (HTTP); absent: the edge awaits it (queue, cron, email, clock). */
  readonly waitUntil?: (work: Promise<unknown>) => void;
  /**
   * Inside a case's own clock (the Durable Object): the case it ticks. The clock sets its own
   * next alarm after the tick, so a write it commits for its case does not re-arm it through its
   * own stub (which would wait on itself).
   */
  readonly clockOf?: { tenantId: string; caseId: string };
}

/**
 * The unit of work's runtime half (the port `commit` calls, data/scope.ts): once a batch has
 * committed, re-arm the clocks it changed (awaited, so the answer means the clock knows; a
 * failure is logged, never an error for a committed change: the next change, the queue's arm
 * on the event or a policy re-arm sets it again), tell the clocks the batch computed itself
 * when to wake (intake's `clockWake`: after the answer under `waitUntil`, the queue's arm on
 * the event being the backstop) and publish the events it wrote to the EVENTS queue (after the
 * answer under `waitUntil`; what fails is re-sent by the cron sweep).
 */
export function scopeRuntime(edge: Edge): ScopeRuntime {
  return {
    async afterCommit(scope, { events, caseIds, wakes }) {
      const own = edge.clockOf?.tenantId === scope.tenantId ? edge.clockOf.caseId : undefined;
      const arm = caseIds.filter((id) => id !== own);
      // Clocks whose milestones the batch wrote: told when to wake, without re-reading D1. Sent
      // before the events are, so the clock's call is on its way first.
      const wake = wakes.filter((w) => w.caseId !== own);
      const waking =
        wake.length > 0
          ? Promise.all(
              wake.map((w) => wakeCaseClock(edge.env, scope.tenantId, w.caseId, w.wakeAt, w.caseVersion)),
            ).catch((error) =>
              edge.logger.error('case clock arm failed', {
                tenantId: scope.tenantId,
                error: String(error),
              }),
            )
          : undefined;
      const publishing =
        events.length === 0
          ? undefined
          : publishCommitted(edge.env, scope, events).catch((error) =>
              edge.logger.error('event publish failed', { tenantId: scope.tenantId, error: String(error) }),
            );
      profileMark('publish started');
      // Under `waitUntil` (HTTP) the wake is sent now but not awaited: the answer does not wait
      // on the clock's first call. At least once still holds: the batch wrote the milestone rows
      // and the event, and the queue consumer re-arms the clock from D1 for every `case.*` event
      // before marking it handled (the cron sweep re-sends an event whose publish was lost).
      if (waking && edge.waitUntil) edge.waitUntil(waking);
      else await waking;
      if (arm.length > 0) {
        await armCaseClocks(edge.env, scope.tenantId, arm).catch((error) =>
          edge.logger.error('case clock arm failed', { tenantId: scope.tenantId, error: String(error) }),
        );
      }
      if (!publishing) return;
      if (edge.waitUntil) edge.waitUntil(publishing);
      else await publishing;
    },
  };
}
