import type { Reach } from '@guanjia/core';
import * as events from '../../data/events';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { Env } from '../../env';

/* The tenant's outbox events as integrators see them: the list, the health of the fan-out, a replay. */

export function listEvents(
  scope: TenantScope,
  reach: Reach,
  query: Parameters<typeof events.listEvents>[2],
  page: PageRequest,
) {
  return events.listEvents(scope, reach, query, page);
}

export function eventsHealth(scope: TenantScope, reach: Reach) {
  return events.eventsHealth(scope, reach);
}

/** Sends an event through the fan-out again (its webhooks, inbox rows and provider messages). */
export async function replayEvent(env: Env, scope: TenantScope, reach: Reach, id: string) {
  return events.replayEvent(env, scope, await events.getEvent(scope, reach, id));
}
