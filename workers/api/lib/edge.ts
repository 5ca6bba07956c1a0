import type { Context } from 'hono';
import type { Edge } from '../../app/runtime';
import type { AppEnv } from '../../env';

/**
 * An HTTP request as an edge: its one reading of the clock (the scope's `now`), its logger, and
 * `waitUntil` so the events a request commits are published after its answer.
 */
export function httpEdge(c: Context<AppEnv>): Edge {
  return {
    env: c.env,
    now: new Date(),
    logger: c.get('logger'),
    waitUntil: (work) => c.executionCtx.waitUntil(work),
  };
}
