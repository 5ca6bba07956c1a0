import { newId } from '@guanjia/core';
import { auditLog } from '@guanjia/core/db/schema';
import type { TenantScope } from './scope';

export interface AuditTarget {
  type: string;
  id: string;
}

/** An audit row to write in the same batch as the change it records. */
export function auditEntry(
  scope: TenantScope,
  action: string,
  target: AuditTarget,
  before: unknown,
  after: unknown,
) {
  return scope.db.insert(auditLog).values({
    id: newId('audit'),
    tenantId: scope.tenantId,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    action,
    targetType: target.type,
    targetId: target.id,
    before: before ?? null,
    after: after ?? null,
    requestId: scope.requestId,
    at: scope.now,
  });
}
