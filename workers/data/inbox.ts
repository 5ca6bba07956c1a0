import { newId, type Role } from '@guanjia/core';
import { inboxMessages } from '@guanjia/core/db/schema';
import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import { roleHolders } from './role-holders';
import type { TenantScope } from './scope';

export type InboxRow = typeof inboxMessages.$inferSelect;

export interface InboxItem {
  userId: string;
  sourceId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  digestId?: string | null;
}

/** Rows of one insert: 8 rows x 11 columns stays under D1's 100 bound parameters per statement. */
const inboxRowsPerInsert = 8;

/**
 * The insert statements of inbox rows, for a caller's own `commit(scope, [...])` (so the rows commit
 * with the change that causes them). One row per (user, source): a repeat adds nothing.
 */
export function inboxInserts(scope: TenantScope, items: InboxItem[]) {
  const statements = [];
  for (let i = 0; i < items.length; i += inboxRowsPerInsert) {
    const chunk = items.slice(i, i + inboxRowsPerInsert);
    statements.push(
      scope.db
        .insert(inboxMessages)
        .values(
          chunk.map((item) => ({
            id: newId('inboxMessage'),
            tenantId: scope.tenantId,
            userId: item.userId,
            sourceId: item.sourceId,
            kind: item.kind,
            title: item.title,
            body: item.body,
            data: item.data ?? {},
            digestId: item.digestId ?? null,
            createdAt: scope.now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: inboxMessages.id }),
    );
  }
  return statements;
}

/** Inbox rows, one per (user, source): a repeated event adds nothing. Answers how many were new. */
export async function deliverToInbox(scope: TenantScope, items: InboxItem[]): Promise<number> {
  let added = 0;
  for (const statement of inboxInserts(scope, items)) added += (await statement).length;
  return added;
}

export async function listInbox(
  scope: TenantScope,
  userId: string,
  page: { after?: string; limit: number; unreadOnly?: boolean },
): Promise<InboxRow[]> {
  return scope.db
    .select()
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.tenantId, scope.tenantId),
        eq(inboxMessages.userId, userId),
        page.after ? lt(inboxMessages.id, page.after) : undefined,
        page.unreadOnly ? isNull(inboxMessages.readAt) : undefined,
      ),
    )
    .orderBy(desc(inboxMessages.id))
    .limit(page.limit + 1);
}

export async function unreadCount(scope: TenantScope, userId: string): Promise<number> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.tenantId, scope.tenantId),
        eq(inboxMessages.userId, userId),
        isNull(inboxMessages.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks a message read (the first read time stays: it is the receipt). Undefined when not the user's. */
export async function markRead(
  scope: TenantScope,
  userId: string,
  id: string,
): Promise<InboxRow | undefined> {
  const where = and(
    eq(inboxMessages.tenantId, scope.tenantId),
    eq(inboxMessages.userId, userId),
    eq(inboxMessages.id, id),
  );
  await scope.db
    .update(inboxMessages)
    .set({ readAt: scope.now })
    .where(and(where, isNull(inboxMessages.readAt)));
  const [row] = await scope.db.select().from(inboxMessages).where(where).limit(1);
  return row;
}

/** Active staff holding one of `roles`, optionally limited to scopes. */
export async function holdersOf(
  scope: TenantScope,
  roles: string[],
  where: { scopeType?: 'group' | 'branch' | 'project'; scopeIds?: string[] } = {},
) {
  const place = where.scopeType || where.scopeIds ? [where] : undefined;
  return roleHolders(scope, { roles: roles as Role[], places: place });
}

/** Group-wide tenant admins: who hears about disabled endpoints. */
export async function tenantAdmins(scope: TenantScope): Promise<string[]> {
  const rows = await holdersOf(scope, ['tenant_admin'], { scopeType: 'group' });
  return [...new Set(rows.map((r) => r.userId))];
}
