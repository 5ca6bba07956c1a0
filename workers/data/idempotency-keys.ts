import { idempotencyKeys } from '@guanjia/core/db/schema';
import { and, eq } from 'drizzle-orm';
import type { TenantScope } from './scope';

/*
 * The idempotency keys of creating POSTs (the middleware `api/middleware/idempotency.ts`): one
 * row per tenant, caller and key, claimed before the handler runs and completed with its answer.
 */

const keyOf = (scope: TenantScope, key: string) =>
  and(
    eq(idempotencyKeys.tenantId, scope.tenantId),
    eq(idempotencyKeys.principalId, scope.actor.id ?? ''),
    eq(idempotencyKeys.key, key),
  );

/** Claims the key for this request; false when a row for it already exists. */
export async function claimIdempotencyKey(scope: TenantScope, key: string, fingerprint: string) {
  const claimed = await scope.db
    .insert(idempotencyKeys)
    .values({
      tenantId: scope.tenantId,
      principalId: scope.actor.id ?? '',
      key,
      fingerprint,
      createdAt: scope.now,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

export function findIdempotencyKey(scope: TenantScope, key: string) {
  return scope.db.query.idempotencyKeys.findFirst({ where: keyOf(scope, key) });
}

export async function releaseIdempotencyKey(scope: TenantScope, key: string): Promise<void> {
  await scope.db.delete(idempotencyKeys).where(keyOf(scope, key));
}

export async function completeIdempotencyKey(
  scope: TenantScope,
  key: string,
  status: number,
  response: string,
): Promise<void> {
  await scope.db.update(idempotencyKeys).set({ status, response }).where(keyOf(scope, key));
}
