import { AppError, cases } from '@guanjia/core';
import * as channels from '../../data/channels';
import { requireReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { Env } from '../../env';
import { checkUrlResolved } from '../../lib/outbound/resolve';
import { sendChannelTest } from '../../notify/send';

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

/** The address a channel kind sends to: a mainland mobile (sms), an email address, a WeChat OpenID. */
function testAddress(kind: channels.ChannelRow['kind'], to: string): string {
  const value = to.trim();
  const address =
    kind === 'sms'
      ? cases.mobilePhone(value)
      : kind === 'email'
        ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
          ? value
          : null
        : /^[A-Za-z0-9_-]{6,64}$/.test(value)
          ? value
          : null;
  if (!address) {
    const expected =
      kind === 'sms' ? 'a mobile phone number' : kind === 'email' ? 'an email address' : 'a WeChat OpenID';
    throw new AppError('validation_failed', `A ${kind} channel sends to ${expected}`, {
      issues: [{ path: 'to', message: `Expected ${expected}` }],
    });
  }
  return address;
}

/**
 * 测试发送: one real message through the channel, on the path every notification takes, so the
 * admin sees the provider's answer before owners depend on it; audit-logged. A provider that
 * refuses is an answer (ok false, its status and excerpt), not an error.
 */
export async function testChannel(env: Env, scope: TenantScope, input: { id: string; to: string }) {
  tenantManager(scope);
  const channel = await channels.getChannel(scope, input.id);
  const to = testAddress(channel.kind, input.to);
  const text = '【管家】这是一条测试消息，收到即表示通知渠道配置正确。This is a Guanjia test message.';
  const outcome = await sendChannelTest(env, channel, to, {
    template: 'channel_test',
    subject: '管家通知渠道测试 · Guanjia channel test',
    text,
    params: { text },
  });
  await channels.recordChannelTest(scope, channel, { to, ...outcome });
  return { channel, to: channels.maskAddress(channel.kind, to), ...outcome };
}
