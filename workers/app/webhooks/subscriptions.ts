import { AppError, type Reach } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as webhooks from '../../data/webhooks';
import type { Env } from '../../env';
import { checkUrlResolved } from '../../lib/outbound/resolve';

/* Integrator webhook subscriptions: their URL (through the SSRF guard), place, secret and the tenant's settings. */

async function safeUrl(env: Env, url: string): Promise<string> {
  const verdict = await checkUrlResolved(env, url);
  if (!verdict.ok) {
    throw new AppError('validation_failed', verdict.reason, {
      issues: [{ path: 'url', message: verdict.reason }],
    });
  }
  return verdict.url.toString();
}

export function listWebhooks(scope: TenantScope, reach: Reach, page: PageRequest) {
  return webhooks.listWebhooks(scope, reach, page);
}

export function getWebhook(scope: TenantScope, reach: Reach, id: string) {
  return webhooks.getWebhook(scope, reach, id);
}

export interface NewWebhook {
  url: string;
  eventTypes: string[];
  branchId?: string | null;
  projectId?: string | null;
  description?: string | null;
  enabled?: boolean;
}

/** A new subscription: its URL must pass the outbound guard; answers the row and its signing secret (shown once). */
export async function createWebhook(env: Env, scope: TenantScope, reach: Reach, input: NewWebhook) {
  const url = await safeUrl(env, input.url);
  const place = await webhooks.checkPlace(scope, reach, input);
  return webhooks.createWebhook(env, scope, {
    url,
    eventTypes: input.eventTypes,
    ...place,
    description: input.description ?? null,
    enabled: input.enabled,
  } as Parameters<typeof webhooks.createWebhook>[2]);
}

export async function updateWebhook(
  env: Env,
  scope: TenantScope,
  reach: Reach,
  input: { id: string; changes: Partial<NewWebhook>; expectedVersion?: number },
) {
  const before = await webhooks.getWebhook(scope, reach, input.id);
  const { changes } = input;
  return webhooks.updateWebhook(
    scope,
    before,
    {
      ...changes,
      ...(changes.url ? { url: await safeUrl(env, changes.url) } : {}),
      ...(changes.description !== undefined ? { description: changes.description ?? null } : {}),
    } as Parameters<typeof webhooks.updateWebhook>[2],
    input.expectedVersion,
  );
}

export async function deleteWebhook(scope: TenantScope, reach: Reach, id: string) {
  await webhooks.deleteWebhook(scope, await webhooks.getWebhook(scope, reach, id));
}

/** A new signing secret; the old one keeps signing for `overlapSeconds` (default a day, at most a week). */
export async function rotateWebhookSecret(
  env: Env,
  scope: TenantScope,
  reach: Reach,
  input: { id: string; overlapSeconds?: number },
) {
  const before = await webhooks.getWebhook(scope, reach, input.id);
  const overlap = input.overlapSeconds ?? 86_400;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > 7 * 86_400) {
    throw new AppError('validation_failed', 'overlapSeconds must be 0..604800', {
      issues: [{ path: 'overlapSeconds', message: 'Must be an integer from 0 to 604800' }],
    });
  }
  return webhooks.rotateSecret(env, scope, before, overlap);
}

export function getWebhookSettings(scope: TenantScope) {
  return webhooks.getSettings(scope);
}

/** The tenant's webhook settings: a group-wide matter. */
export function putWebhookSettings(
  scope: TenantScope,
  reach: Reach,
  settings: Parameters<typeof webhooks.putSettings>[1],
) {
  if (reach.kind !== 'tenant') throw new AppError('forbidden', 'Tenant settings need a group-wide role');
  return webhooks.putSettings(scope, settings);
}
