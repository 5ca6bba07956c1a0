import type { cases as core, FieldIssue } from '@guanjia/core';
import {
  caseAttachments,
  cases,
  contractors,
  departments,
  staffUsers,
  tenants,
} from '@guanjia/core/db/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { type PartyRow, partyIssues, partyStatements } from './case-parties';
import type { CaseRow } from './case-support';
import { caseEventStatements, timelineStatements } from './case-timeline';
import { clockChanged, commit } from './commit';
import type { TenantScope } from './scope';

/**
 * The case rows repository: the references a step names, the writes of one step under its
 * optimistic version check, and rows that belong to a case (attachments, email ids, a timeline
 * fact) written with the case's updatedAt.
 */

/** What is wrong with an action's references (contractor, department, staff, attachments, cases): each must be this tenant's. */
export async function actionRefIssues(
  scope: TenantScope,
  row: CaseRow,
  action: core.CaseAction,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const exists = async (table: 'contractors' | 'departments' | 'staff', id: string) => {
    const t = { contractors, departments, staff: staffUsers }[table];
    const [hit] = await scope.db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.tenantId, scope.tenantId), eq(t.id, id)))
      .limit(1);
    return !!hit;
  };
  const a = action as Record<string, unknown>;
  if (typeof a.contractorId === 'string') {
    const [ctr] = await scope.db
      .select({ status: contractors.status })
      .from(contractors)
      .where(and(eq(contractors.tenantId, scope.tenantId), eq(contractors.id, a.contractorId)));
    if (ctr?.status !== 'active') issues.push({ path: 'contractorId', message: 'No such active contractor' });
  }
  if (typeof a.departmentId === 'string' && !(await exists('departments', a.departmentId))) {
    issues.push({ path: 'departmentId', message: 'No such department' });
  }
  for (const key of ['assigneeId', 'leaderId'] as const) {
    if (typeof a[key] === 'string' && !(await exists('staff', a[key] as string))) {
      issues.push({ path: key, message: 'No such staff member' });
    }
  }
  if (Array.isArray(a.memberIds)) {
    const ids = [...new Set(a.memberIds as string[])];
    const found = await scope.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids)));
    if (found.length !== ids.length) issues.push({ path: 'memberIds', message: 'Unknown staff members' });
  }
  const attachmentIds = [
    ...(Array.isArray(a.attachmentIds) ? (a.attachmentIds as string[]) : []),
    ...(typeof a.signatureAttachmentId === 'string' ? [a.signatureAttachmentId] : []),
  ];
  if (attachmentIds.length > 0) {
    const ids = [...new Set(attachmentIds)];
    const found = await scope.db
      .select({ id: caseAttachments.id })
      .from(caseAttachments)
      .where(
        and(
          eq(caseAttachments.tenantId, scope.tenantId),
          eq(caseAttachments.caseId, row.id),
          inArray(caseAttachments.id, ids),
        ),
      );
    if (found.length !== ids.length)
      issues.push({ path: 'attachmentIds', message: 'Not attachments of this case' });
  }
  if (action.type === 'link_parties') {
    issues.push(
      ...(await partyIssues(scope, row.projectId, action, { owners: 'ownerIds', units: 'unitIds' })),
    );
  }
  if (typeof a.duplicateOfCaseId === 'string') {
    const [dup] = await scope.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, a.duplicateOfCaseId)));
    if (!dup || dup.id === row.id) issues.push({ path: 'duplicateOfCaseId', message: 'No such other case' });
  }
  return issues;
}

/**
 * A statement that fails the whole batch unless the case is still at `version`: the batch is one
 * transaction, so the update, timeline, audit and events all commit or none does. (SQLite has no
 * RAISE outside triggers; json_extract of malformed JSON is the portable way to abort.)
 */
export function versionGuard(scope: TenantScope, caseId: string, version: number) {
  return scope.db
    .select({
      guard: sql<number>`CASE WHEN EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.tenantId} = ${scope.tenantId}
        AND ${cases.id} = ${caseId} AND ${cases.version} = ${version}) THEN 1
        ELSE json_extract('stale case version', '$') END`,
    })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
}

/** The writes of one step, for one `commit`: the version guard, the case update, timeline, parties, audit and events. */
export function caseStepWrites(
  scope: TenantScope,
  row: CaseRow,
  step: {
    action: string;
    set: Partial<CaseRow>;
    next: CaseRow;
    changes: Record<string, unknown>;
    timeline: readonly core.TimelineEntry[];
    added: readonly PartyRow[];
    linkedParties: unknown;
    events: readonly core.CaseEvent[];
  },
): unknown[] {
  return [
    versionGuard(scope, row.id, row.version),
    scope.db
      .update(cases)
      .set(step.set)
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, row.id), eq(cases.version, row.version))),
    ...timelineStatements(scope, row.id, step.timeline),
    ...partyStatements(scope, step.added),
    auditEntry(
      scope,
      `cases.${step.action}`,
      { type: 'case', id: row.id },
      { status: row.status, version: row.version },
      {
        ...step.changes,
        status: step.next.status,
        version: step.next.version,
        ...(step.added.length > 0 && { linkedParties: step.linkedParties }),
      },
    ),
    ...caseEventStatements(scope, step.next, step.events, Object.keys(step.changes)),
    clockChanged(row.id),
  ];
}

/** Whether a failed step's batch failed on its version guard (another writer won the race). */
export function isStaleVersion(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? error} ${(error as { cause?: Error })?.cause?.message ?? ''}`;
  return /malformed JSON/i.test(text);
}

/** Writes rows that belong to a case (attachments, email ids) with the case's updatedAt, in one batch. */
export async function touchCase(scope: TenantScope, row: CaseRow, statements: unknown[]): Promise<void> {
  await commit(scope, [
    scope.db
      .update(cases)
      .set({ updatedAt: scope.now })
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, row.id))),
    ...statements,
  ]);
}

/** A timeline entry that is a fact, not a step (an owner's email reply), with its extra rows. */
export async function appendTimeline(
  scope: TenantScope,
  row: CaseRow,
  entry: Omit<core.TimelineEntry, 'at'>,
  extra: unknown[] = [],
): Promise<void> {
  await touchCase(scope, row, [
    ...timelineStatements(scope, row.id, [{ ...entry, at: scope.now }]),
    ...extra,
  ]);
}
