import { AppError, newId } from '@guanjia/core';
import { branches, cases, digests, inboxMessages, staffUsers } from '@guanjia/core/db/schema';
import {
  type BranchDigest,
  buildDigests,
  type DigestComplaint,
  type DigestSlot,
  readCheckDelayMs,
  readRates,
  supervisorsOfUnread,
} from '@guanjia/core/digest/index';
import { and, asc, eq, gte, inArray, isNull, lt, lte } from 'drizzle-orm';
import { commit } from './commit';
import { deliverToInbox, holdersOf, inboxInserts } from './inbox';
import { outboxEvent } from './outbox';
import { branchStaff } from './role-holders';
import type { TenantScope } from './scope';

export type DigestRow = typeof digests.$inferSelect;

/** Complaints received in [from, to) (the cases table, kind `complaint`). */
export async function complaintsForDigest(
  scope: TenantScope,
  from: Date,
  to: Date,
): Promise<DigestComplaint[]> {
  const rows = await scope.db
    .select({
      caseId: cases.id,
      archiveNo: cases.archiveNo,
      branchId: cases.branchId,
      projectId: cases.projectId,
      category: cases.category,
      severity: cases.severity,
      status: cases.status,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.kind, 'complaint'),
        gte(cases.receivedAt, from),
        lt(cases.receivedAt, to),
      ),
    );
  return rows;
}

/** Everyone a branch's digest goes to: the active staff of the branch and of its projects. */
export async function digestRecipients(scope: TenantScope, branchId: string): Promise<string[]> {
  return [...new Set((await branchStaff(scope, branchId)).map((s) => s.userId))];
}

/** The digest as staff read it, in the inbox and by email. */
export function digestText(row: DigestRow, branchName: string): { title: string; body: string } {
  const items = row.items as BranchDigest['items'];
  return {
    title: `${branchName} ${row.reportDate} 投诉日报：${row.complaintCount} 件`,
    body: items.length
      ? items
          .map((i) => `${i.archiveNo} ${i.category}${i.severity ? ` (${i.severity})` : ''} ${i.status}`)
          .join('\n')
      : '昨日无投诉。',
  };
}

/**
 * Publishes the digest of `slot.reportDate` for every branch of the tenant that has none yet:
 * the digest row, its `digest.published` event and one inbox message per staff member of the
 * branch in one batch (atomic: a failure leaves nothing, so the next run publishes it whole; the
 * unique (branch, date) key makes a second run add nothing).
 */
export async function publishDigests(scope: TenantScope, slot: DigestSlot): Promise<DigestRow[]> {
  const allBranches = await scope.db
    .select({ id: branches.id, name: branches.name })
    .from(branches)
    .where(eq(branches.tenantId, scope.tenantId));
  const done = new Set(
    (
      await scope.db
        .select({ branchId: digests.branchId })
        .from(digests)
        .where(and(eq(digests.tenantId, scope.tenantId), eq(digests.reportDate, slot.reportDate)))
    ).map((d) => d.branchId),
  );
  const todo = allBranches.filter((b) => !done.has(b.id));
  if (todo.length === 0) return [];
  const built = buildDigests(
    todo.map((b) => b.id),
    await complaintsForDigest(scope, slot.from, slot.to),
  );
  const published: DigestRow[] = [];
  for (const digest of built) {
    const recipients = await digestRecipients(scope, digest.branchId);
    const row: DigestRow = {
      id: newId('digest'),
      tenantId: scope.tenantId,
      branchId: digest.branchId,
      reportDate: slot.reportDate,
      complaintCount: digest.complaintCount,
      items: digest.items,
      publishedAt: scope.now,
      readCheckDueAt: new Date(scope.now.getTime() + readCheckDelayMs),
      readCheckedAt: null,
      unreadUserIds: null,
    };
    const name = allBranches.find((b) => b.id === digest.branchId)?.name ?? '';
    const text = digestText(row, name);
    const inbox = recipients.map((userId) => ({
      userId,
      sourceId: row.id,
      kind: 'digest',
      title: text.title,
      body: text.body,
      data: {
        digestId: row.id,
        branchId: row.branchId,
        reportDate: slot.reportDate,
        byProject: digest.byProject,
        bySeverity: digest.bySeverity,
      },
      digestId: row.id,
    }));
    try {
      // All or nothing: a digest is never published without its inbox rows.
      await commit(scope, [
        scope.db.insert(digests).values(row),
        outboxEvent(
          scope,
          'digest.published',
          {
            digestId: row.id,
            branchId: row.branchId,
            reportDate: row.reportDate,
            complaintCount: row.complaintCount,
            recipients: recipients.length,
          },
          { branchId: row.branchId },
        ),
        ...inboxInserts(scope, inbox),
      ]);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue; // another run published it
      throw error;
    }
    published.push(row);
  }
  return published;
}

/**
 * One hour after publication: records who has not read the digest and tells their supervisors
 * (cs_supervisor / branch_cs_manager in the same project, or at the branch) in their inbox.
 */
export async function runReadChecks(scope: TenantScope): Promise<DigestRow[]> {
  const due = await scope.db
    .select()
    .from(digests)
    .where(
      and(
        eq(digests.tenantId, scope.tenantId),
        isNull(digests.readCheckedAt),
        lte(digests.readCheckDueAt, scope.now),
      ),
    )
    .orderBy(asc(digests.id));
  const checked: DigestRow[] = [];
  for (const digest of due) {
    const unreadRows = await scope.db
      .select({ userId: inboxMessages.userId })
      .from(inboxMessages)
      .where(
        and(
          eq(inboxMessages.tenantId, scope.tenantId),
          eq(inboxMessages.digestId, digest.id),
          eq(inboxMessages.kind, 'digest'),
          isNull(inboxMessages.readAt),
        ),
      );
    const unread = unreadRows.map((r) => r.userId);
    const staff = await branchStaff(scope, digest.branchId);
    const supervisors = supervisorsOfUnread(
      digest.branchId,
      unread.map((userId) => ({ userId, scopes: staff.filter((s) => s.userId === userId) })),
      staff,
    );
    const names = new Map(
      unread.length
        ? (
            await scope.db
              .select({ id: staffUsers.id, name: staffUsers.name })
              .from(staffUsers)
              .where(
                and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, unread.slice(0, 90))),
              )
          ).map((s) => [s.id, s.name])
        : [],
    );
    await deliverToInbox(
      scope,
      [...supervisors].map(([supervisorId, readers]) => ({
        userId: supervisorId,
        sourceId: `digest-unread:${digest.id}`,
        kind: 'digest.unread',
        title: `${digest.reportDate} 投诉日报未读 ${readers.length} 人`,
        body: `Not read one hour after publication: ${readers.map((r) => names.get(r) ?? r).join('、')}`,
        data: { digestId: digest.id, unreadUserIds: readers },
      })),
    );
    const [updated] = await scope.db
      .update(digests)
      .set({ readCheckedAt: scope.now, unreadUserIds: unread })
      .where(
        and(eq(digests.tenantId, scope.tenantId), eq(digests.id, digest.id), isNull(digests.readCheckedAt)),
      )
      .returning();
    if (updated) checked.push(updated);
  }
  return checked;
}

export async function findDigest(scope: TenantScope, id: string): Promise<DigestRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(digests)
    .where(and(eq(digests.tenantId, scope.tenantId), eq(digests.id, id)))
    .limit(1);
  return row;
}

export async function getDigest(scope: TenantScope, id: string): Promise<DigestRow> {
  const row = await findDigest(scope, id);
  if (!row) throw new AppError('not_found', `Digest ${id} not found`);
  return row;
}

/** Read rate of one digest per project (readers counted under the projects where they hold roles). */
export async function digestReadRate(scope: TenantScope, digest: DigestRow) {
  const rows = await scope.db
    .select({ userId: inboxMessages.userId, readAt: inboxMessages.readAt })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.tenantId, scope.tenantId),
        eq(inboxMessages.digestId, digest.id),
        eq(inboxMessages.kind, 'digest'),
      ),
    );
  const staff = await branchStaff(scope, digest.branchId);
  return readRates(
    rows.map((r) => ({
      userId: r.userId,
      read: r.readAt !== null,
      projectIds: [
        ...new Set(
          staff.filter((s) => s.userId === r.userId && s.scopeType === 'project').map((s) => s.scopeId),
        ),
      ],
    })),
  );
}

export { holdersOf };
