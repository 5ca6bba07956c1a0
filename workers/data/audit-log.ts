import { AppError, newId, type Reach } from '@guanjia/core';
import { auditLog, ownerUnits, projects, staffUsers } from '@guanjia/core/db/schema';
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from './scope';
import { staffInReach } from './staff';

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

// ---------------------------------------------------------------------------
// Reading the log

export type AuditRow = typeof auditLog.$inferSelect;

const never = sql`0`;

/** Columns that never leave the log, even if an older writer put them in a before/after. */
const secretKeys = new Set(['passwordHash', 'keyHash', 'tokenHash']);

export function withoutSecrets(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !secretKeys.has(key)));
}

/** `expr` names a project within the reach: a reached project, or any project of a reached branch. */
function projectReached(scope: TenantScope, reach: Reach & { kind: 'some' }, expr: SQL): SQL {
  const parts: SQL[] = [];
  if (reach.projectIds.size > 0) parts.push(inArray(expr, [...reach.projectIds]));
  if (reach.branchIds.size > 0) {
    parts.push(
      inArray(
        expr,
        scope.db
          .select({ id: projects.id })
          .from(projects)
          .where(
            and(eq(projects.tenantId, scope.tenantId), inArray(projects.branchId, [...reach.branchIds])),
          ),
      ),
    );
  }
  return or(...parts) ?? never;
}

function branchReached(reach: Reach & { kind: 'some' }, expr: SQL): SQL {
  return reach.branchIds.size > 0 ? inArray(expr, [...reach.branchIds]) : never;
}

/**
 * Which entries a reader of `audit_log.read` sees. Group-wide readers see every entry.
 * A branch- or project-scoped reader sees only the entries it can **attribute** to a place
 * within its reach, from the target and the record's own before/after (so deleted records
 * stay attributable):
 * - branch: the branch itself; project: the project, or `branchId` of the recorded project;
 * - building, unit, loan: the recorded `projectId`; department: its `branchId` or `projectId`;
 * - role assignment: its recorded scope (a branch or project in reach);
 * - owner: linked today to a unit of a project in reach;
 * - staff: a person the reader could see now (an assignment or current loan in reach).
 * Entries whose target has no place (the tenant, zones, contractors, API keys, and any kind not
 * listed, e.g. future ones) are not shown to scoped readers: an entry is hidden unless it is
 * provably inside the reach, never shown because it cannot be placed.
 */
export function auditInReach(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const doc = sql`coalesce(${auditLog.after}, ${auditLog.before})`;
  const field = (name: string) => sql`json_extract(${doc}, ${`$.${name}`})`;
  const target = (type: string, rule: SQL | undefined) => and(eq(auditLog.targetType, type), rule);
  return or(
    target('branch', branchReached(reach, sql`${auditLog.targetId}`)),
    target(
      'project',
      or(projectReached(scope, reach, sql`${auditLog.targetId}`), branchReached(reach, field('branchId'))),
    ),
    target('building', projectReached(scope, reach, field('projectId'))),
    target('unit', projectReached(scope, reach, field('projectId'))),
    target('loan', projectReached(scope, reach, field('projectId'))),
    target(
      'department',
      or(branchReached(reach, field('branchId')), projectReached(scope, reach, field('projectId'))),
    ),
    target(
      'roleAssignment',
      or(
        and(sql`${field('scopeType')} = 'branch'`, branchReached(reach, field('scopeId'))),
        and(sql`${field('scopeType')} = 'project'`, projectReached(scope, reach, field('scopeId'))),
      ),
    ),
    target(
      'owner',
      inArray(
        auditLog.targetId,
        scope.db
          .select({ id: ownerUnits.ownerId })
          .from(ownerUnits)
          .where(
            and(
              eq(ownerUnits.tenantId, scope.tenantId),
              projectReached(scope, reach, sql`${ownerUnits.projectId}`),
            ),
          ),
      ),
    ),
    target(
      'staff',
      inArray(
        auditLog.targetId,
        scope.db
          .select({ id: staffUsers.id })
          .from(staffUsers)
          .where(and(eq(staffUsers.tenantId, scope.tenantId), staffInReach(scope, reach))),
      ),
    ),
  );
}

export interface AuditQuery {
  targetType?: string;
  targetId?: string;
  actorId?: string;
  action?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** A keyset page of entries, newest first (ids sort by time, so the keyset is `id < cursor`). */
export async function listAuditEntries(
  scope: TenantScope,
  reach: Reach,
  query: AuditQuery,
  page: { after?: string; limit: number },
): Promise<AuditRow[]> {
  return scope.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, scope.tenantId),
        page.after ? lt(auditLog.id, page.after) : undefined,
        query.targetType ? eq(auditLog.targetType, query.targetType) : undefined,
        query.targetId ? eq(auditLog.targetId, query.targetId) : undefined,
        query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.from ? gte(auditLog.at, query.from) : undefined,
        query.to ? lt(auditLog.at, query.to) : undefined,
        auditInReach(scope, reach),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1);
}

export async function getAuditEntry(scope: TenantScope, reach: Reach, id: string): Promise<AuditRow> {
  const [row] = await scope.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, scope.tenantId), eq(auditLog.id, id), auditInReach(scope, reach)))
    .limit(1);
  if (!row) throw new AppError('not_found', `Audit entry ${id} not found`);
  return row;
}
