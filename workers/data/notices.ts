import { AppError, newId, type Reach } from '@guanjia/core';
import { noticeReads, notices } from '@guanjia/core/db/schema';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { outboxEvent } from './outbox';
import { branchFilter } from './reach';
import type { TenantScope } from './scope';

export type NoticeRow = typeof notices.$inferSelect;

/** A notice with its owners' reads and the size of its audience (the owners of its projects). */
export type NoticeWithReads = NoticeRow & { readCount: number; audienceSize: number };

// Written out with table names: drizzle leaves a single-table select's columns unqualified,
// which inside these subqueries would name the subquery's own columns.
const readCount = sql<number>`(select count(*) from notice_reads r where r.tenant_id = notices.tenant_id and r.notice_id = notices.id)`;

// The audience is who `notice.published` goes to: the owners of the project, or of every project of the branch.
const audienceSize = sql<number>`(select count(distinct ou.owner_id) from owner_units ou where ou.tenant_id = notices.tenant_id and (ou.project_id = notices.project_id or (notices.project_id is null and ou.project_id in (select p.id from projects p where p.tenant_id = notices.tenant_id and p.branch_id = notices.branch_id))))`;

const withReads = { readCount, audienceSize };

export async function listNotices(
  scope: TenantScope,
  reach: Reach,
  page: { after?: string; limit: number; projectId?: string },
) {
  const rows = await scope.db
    .select({ notice: notices, ...withReads })
    .from(notices)
    .where(
      and(
        eq(notices.tenantId, scope.tenantId),
        page.after ? lt(notices.id, page.after) : undefined,
        page.projectId ? eq(notices.projectId, page.projectId) : undefined,
        branchFilter(scope, reach, notices.branchId),
      ),
    )
    .orderBy(desc(notices.id))
    .limit(page.limit + 1);
  return rows.map(joinReads);
}

const joinReads = (r: { notice: NoticeRow; readCount: number; audienceSize: number }): NoticeWithReads => ({
  ...r.notice,
  readCount: Number(r.readCount),
  audienceSize: Number(r.audienceSize),
});

/** The notice `id` of the tenant, within the reader's branches. */
const noticeInReach = (scope: TenantScope, reach: Reach, id: string) =>
  and(eq(notices.tenantId, scope.tenantId), eq(notices.id, id), branchFilter(scope, reach, notices.branchId));

/** One notice in reach, with its reads. */
export async function getNoticeWithReads(
  scope: TenantScope,
  reach: Reach,
  id: string,
): Promise<NoticeWithReads> {
  const [row] = await scope.db
    .select({ notice: notices, ...withReads })
    .from(notices)
    .where(noticeInReach(scope, reach, id))
    .limit(1);
  if (!row) throw new AppError('not_found', `Notice ${id} not found`);
  return joinReads(row);
}

/** Records an owner's first opening of a notice; a second opening changes nothing (the unique key). */
export async function recordNoticeRead(
  scope: TenantScope,
  noticeId: string,
  readerId: string,
): Promise<void> {
  await commit(scope, [
    scope.db
      .insert(noticeReads)
      .values({
        id: newId('noticeRead'),
        tenantId: scope.tenantId,
        createdAt: scope.now,
        updatedAt: scope.now,
        noticeId,
        readerId,
        readAt: scope.now,
      })
      .onConflictDoNothing(),
  ]);
}

/**
 * Published notices an owner of a project sees on the owner link page: the project's own and
 * its branch's branch-wide ones, newest first.
 */
export async function publishedNoticesFor(
  scope: TenantScope,
  place: { branchId: string; projectId: string },
  limit = 20,
): Promise<NoticeRow[]> {
  return scope.db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.tenantId, scope.tenantId),
        eq(notices.status, 'published'),
        or(
          eq(notices.projectId, place.projectId),
          and(eq(notices.branchId, place.branchId), isNull(notices.projectId)),
        ),
      ),
    )
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(limit);
}

/** One published notice an owner of the place may open (404 when it is not theirs or not published). */
export async function publishedNoticeFor(
  scope: TenantScope,
  place: { branchId: string; projectId: string },
  id: string,
): Promise<NoticeRow> {
  const [row] = await scope.db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.tenantId, scope.tenantId),
        eq(notices.id, id),
        eq(notices.status, 'published'),
        or(
          eq(notices.projectId, place.projectId),
          and(eq(notices.branchId, place.branchId), isNull(notices.projectId)),
        ),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Notice ${id} not found`);
  return row;
}

export async function getNotice(scope: TenantScope, reach: Reach, id: string): Promise<NoticeRow> {
  const [row] = await scope.db
    .select()
    .from(notices)
    .where(noticeInReach(scope, reach, id))
    .limit(1);
  if (!row) throw new AppError('not_found', `Notice ${id} not found`);
  return row;
}

export async function createNotice(
  scope: TenantScope,
  input: { branchId: string; projectId: string | null; title: string; body: string },
): Promise<NoticeRow> {
  const row: NoticeRow = {
    id: newId('notice'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
    ...input,
    status: 'draft',
    publishedAt: null,
    createdBy: scope.actor.id,
  };
  await commit(scope, [
    scope.db.insert(notices).values(row),
    auditEntry(scope, 'notices.create', { type: 'notice', id: row.id }, null, row),
  ]);
  return row;
}

/** Publishing: the status change, its audit entry and `notice.published` in one batch. */
export async function publishNotice(scope: TenantScope, before: NoticeRow): Promise<NoticeRow> {
  if (before.status === 'published') throw new AppError('conflict', 'The notice is already published');
  const next = {
    status: 'published' as const,
    publishedAt: scope.now,
    updatedAt: scope.now,
    version: before.version + 1,
  };
  const [result] = await commit(scope, [
    scope.db
      .update(notices)
      .set(next)
      .where(
        and(eq(notices.tenantId, scope.tenantId), eq(notices.id, before.id), eq(notices.status, 'draft')),
      ),
    auditEntry(scope, 'notices.publish', { type: 'notice', id: before.id }, before, { ...before, ...next }),
    outboxEvent(
      scope,
      'notice.published',
      {
        noticeId: before.id,
        branchId: before.branchId,
        projectId: before.projectId,
        title: before.title,
        publishedAt: scope.now.toISOString(),
      },
      { branchId: before.branchId, projectId: before.projectId },
    ),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0)
    throw new AppError('conflict', 'The notice is already published');
  return { ...before, ...next };
}
