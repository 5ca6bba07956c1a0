import { AppError } from '@guanjia/core';
import * as inbox from '../../data/inbox';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';

/* A staff member's own inbox: a page of messages with the unread count, and marking one read. */

/** The inbox belongs to staff users; integrator keys have none. */
function staffUser(scope: TenantScope): string {
  if (scope.actor.type !== 'staff' || !scope.actor.id)
    throw new AppError('forbidden', 'Only staff have an inbox');
  return scope.actor.id;
}

export type InboxMessage = Awaited<ReturnType<typeof inbox.listInbox>>[number];

/** A page of the caller's messages (`limit + 1` rows) and how many are unread. */
export async function listMyInbox(scope: TenantScope, input: { unreadOnly: boolean }, page: PageRequest) {
  const userId = staffUser(scope);
  const rows = await inbox.listInbox(scope, userId, { ...page, unreadOnly: input.unreadOnly });
  return { rows, unreadCount: await inbox.unreadCount(scope, userId) };
}

/** Marks one of the caller's messages read (reading it again changes nothing); another's is 404. */
export async function readInboxMessage(scope: TenantScope, id: string) {
  const row = await inbox.markRead(scope, staffUser(scope), id);
  if (!row) throw new AppError('not_found', 'Message not found');
  return row;
}
