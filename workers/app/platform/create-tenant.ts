import { AppError, newId } from '@guanjia/core';
import { directoryDb, isShard, shardBindings } from '../../data/db';
import { createTenant, type NewTenant, tenantsPerShard } from '../../data/tenants';
import type { Edge } from '../runtime';
import { tenantScope } from '../scope';

/**
 * Where a new tenant goes: the shard asked for, or the one holding the fewest tenants (the
 * first in `shardBindings` on a tie), so new groups spread over the shards.
 */
export async function placeTenant(edge: Edge, asked?: string): Promise<string> {
  if (asked !== undefined) {
    if (!isShard(asked) || !edge.env[asked]) {
      throw new AppError('validation_failed', `Unknown shard ${asked}`, {
        issues: [{ path: 'shard', message: `One of ${shardBindings.join(', ')}` }],
      });
    }
    return asked;
  }
  const counts = await tenantsPerShard(edge.env);
  return (
    [...shardBindings].filter((s) => edge.env[s]).sort((a, b) => (counts[a] ?? 0) - (counts[b] ?? 0))[0] ??
    'DB'
  );
}

/** The platform creates a property group (its first admin, default policies) on a shard. */
export async function createPropertyGroup(
  edge: Edge,
  input: NewTenant & { shard?: string },
  requestId: string | null,
) {
  const shard = await placeTenant(edge, input.shard);
  const scope = tenantScope(
    edge,
    { id: newId('tenant'), shard, timeZone: input.timeZone },
    { actor: { type: 'platform', id: null }, requestId },
  );
  const created = await createTenant(scope, input, directoryDb(edge.env));
  return { ...created, shard };
}
