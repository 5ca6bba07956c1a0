import { AppError } from '@guanjia/core';
import * as channels from '../../data/channels';
import { requireReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { Env } from '../../env';
import { checkUrlResolved } from '../../lib/outbound/resolve';

/*
 * The tenant's provider channels (SMS, email, WeChat) and the log of what went through them:
 * a group-wide `webhooks.manage` matter; an endpoint must pass the outbound guard.
 */

function tenantManager(scope: TenantScope) {
  if (requireReach(scope, 'webhooks.manage').kind !== 'tenant') {
    throw new AppError('forbidden', 'Provider channels need a group-wide role');
  }
}

async function safeEndpoint(env: Env, url: string) {
  const verdict = await checkUrlResolved(env, url);
  if (!verdict.ok)
    throw new AppError('validation_failed', verdict.reason, {
      issues: [{ path: 'endpointUrl', message: verdict.reason }],
    });
  return verdict.url.toString();
}

export function listChannels(scope: TenantScope, page: PageRequest) {
  tenantManager(scope);
  return channels.listChannels(scope, page);
}

type NewChannel = Parameters<typeof channels.createChannel>[2];

export async function createChannel(env: Env, scope: TenantScope, input: NewChannel) {
  tenantManager(scope);
  return channels.createChannel(env, scope, {
    ...input,
    endpointUrl: await safeEndpoint(env, input.endpointUrl),
  });
}

export async function updateChannel(
  env: Env,
  scope: TenantScope,
  input: { id: string; changes: Parameters<typeof channels.updateChannel>[3]; expectedVersion?: number },
) {
  tenantManager(scope);
  const before = await channels.getChannel(scope, input.id);
  const { changes } = input;
  return channels.updateChannel(
    env,
    scope,
    before,
    {
      ...changes,
      ...(changes.endpointUrl ? { endpointUrl: await safeEndpoint(env, changes.endpointUrl) } : {}),
    },
    input.expectedVersion,
  );
}

export async function deleteChannel(scope: TenantScope, id: string) {
  tenantManager(scope);
  await channels.deleteChannel(scope, await channels.getChannel(scope, id));
}

export function listNotifications(
  scope: TenantScope,
  query: PageRequest & Omit<Parameters<typeof channels.listNotifications>[1], keyof PageRequest>,
) {
  tenantManager(scope);
  return channels.listNotifications(scope, query);
}
