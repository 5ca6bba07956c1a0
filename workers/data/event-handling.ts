import { outboxEvents } from '@guanjia/core/db/schema';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantScope } from './scope';

/** True once the event's consumer wrote its whole fan-out: a re-send of it changes nothing. */
export async function eventHandled(scope: TenantScope, eventId: string): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.tenantId, scope.tenantId),
        eq(outboxEvents.id, eventId),
        isNotNull(outboxEvents.handledAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The handled mark, for the batch that writes the event's fan-out (so the mark and the fan-out
 * commit together or not at all). The first handled time stays.
 */
export function markHandled(scope: TenantScope, eventId: string) {
  return scope.db
    .update(outboxEvents)
    .set({ handledAt: scope.now })
    .where(
      and(
        eq(outboxEvents.tenantId, scope.tenantId),
        eq(outboxEvents.id, eventId),
        isNull(outboxEvents.handledAt),
      ),
    );
}
