import { AppError, type Reach } from '@guanjia/core';
import { auditEvidence, audits } from '@guanjia/core/db/schema';
import { and, asc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectCondition } from './reach';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import type { TenantScope } from './scope';

/**
 * Mystery-shopper audits (神秘客户暗访) and their evidence files. Not the audit log of every
 * change (`audit.ts`): these are the visits an auditor performs and a manager publishes.
 */

export type AuditRow = typeof audits.$inferSelect;
export type EvidenceRow = typeof auditEvidence.$inferSelect;

const never = sql`0`;

/**
 * Who sees an audit:
 * - a manager (`audits.manage`) of its project;
 * - its assigned auditor (`audits.perform`): an external mystery shopper sees only its own audits;
 * - staff who read the project (`org.read`), once it is published.
 */
export interface AuditReach {
  manage: Reach;
  perform: Reach;
  read: Reach;
}

export function auditVisible(scope: TenantScope, r: AuditReach): SQL {
  return (
    or(
      projectCondition(scope, r.manage, audits.projectId),
      r.perform.kind === 'none' || !scope.actor.id
        ? never
        : and(eq(audits.auditorId, scope.actor.id), projectCondition(scope, r.perform, audits.projectId)),
      and(eq(audits.status, 'published'), projectCondition(scope, r.read, audits.projectId)),
    ) ?? never
  );
}

export function canSeeAudit(scope: TenantScope, r: AuditReach, row: AuditRow): boolean {
  const place = { branchId: row.branchId, projectId: row.projectId };
  return (
    inReach(r.manage, place) ||
    (row.auditorId === scope.actor.id && inReach(r.perform, place)) ||
    (row.status === 'published' && inReach(r.read, place))
  );
}

export interface AuditQuery {
  projectId?: string;
  branchId?: string;
  status?: string;
  planId?: string;
}

export function listAudits(
  scope: TenantScope,
  r: AuditReach,
  query: AuditQuery,
  page: PageRequest,
): Promise<AuditRow[]> {
  return keysetPage(
    scope,
    audits,
    [
      query.projectId ? eq(audits.projectId, query.projectId) : undefined,
      query.branchId ? eq(audits.branchId, query.branchId) : undefined,
      query.planId ? eq(audits.planId, query.planId) : undefined,
      query.status ? eq(audits.status, query.status as AuditRow['status']) : undefined,
      auditVisible(scope, r),
    ],
    page,
  );
}

export async function getAudit(scope: TenantScope, r: AuditReach, id: string): Promise<AuditRow> {
  const row = await scope.db.query.audits.findFirst({
    where: and(eq(audits.tenantId, scope.tenantId), eq(audits.id, id)),
  });
  if (!row || !canSeeAudit(scope, r, row)) throw new AppError('not_found', `Audit ${id} not found`);
  return row;
}

/** The audit of a plan (each plan has one, created with it). */
export async function auditOfPlan(scope: TenantScope, planId: string): Promise<AuditRow | undefined> {
  return scope.db.query.audits.findFirst({
    where: and(eq(audits.tenantId, scope.tenantId), eq(audits.planId, planId)),
  });
}

/** Published audits visited in [from, to) within the caller's view. */
export async function scoredAudits(
  scope: TenantScope,
  r: AuditReach,
  window: { from?: Date; to?: Date },
): Promise<AuditRow[]> {
  return scope.db
    .select()
    .from(audits)
    .where(
      and(
        eq(audits.tenantId, scope.tenantId),
        eq(audits.status, 'published'),
        window.from ? gte(audits.visitedAt, window.from) : undefined,
        window.to ? lt(audits.visitedAt, window.to) : undefined,
        auditVisible(scope, r),
      ),
    )
    .orderBy(asc(audits.visitedAt))
    .limit(5000);
}

export function updateAudit(
  scope: TenantScope,
  before: AuditRow,
  changes: Partial<AuditRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
): Promise<AuditRow> {
  return updateVersioned(scope, audits, before, changes, {
    audit: { action, type: 'mysteryAudit' },
    expectedVersion,
    conflict: 'The audit changed while you were working on it',
    extra,
  });
}

export async function evidenceOf(scope: TenantScope, auditId: string): Promise<EvidenceRow[]> {
  return scope.db
    .select()
    .from(auditEvidence)
    .where(and(eq(auditEvidence.tenantId, scope.tenantId), eq(auditEvidence.auditId, auditId)))
    .orderBy(asc(auditEvidence.id))
    .limit(500);
}

export async function getEvidence(scope: TenantScope, auditId: string, id: string): Promise<EvidenceRow> {
  const row = await scope.db.query.auditEvidence.findFirst({
    where: and(
      eq(auditEvidence.tenantId, scope.tenantId),
      eq(auditEvidence.auditId, auditId),
      eq(auditEvidence.id, id),
    ),
  });
  if (!row) throw new AppError('not_found', `Evidence ${id} not found`);
  return row;
}

export async function insertEvidence(scope: TenantScope, row: EvidenceRow): Promise<void> {
  await commit(scope, [
    scope.db.insert(auditEvidence).values(row),
    auditEntry(scope, 'audits.evidence', { type: 'mysteryAudit', id: row.auditId }, null, row),
  ]);
}
