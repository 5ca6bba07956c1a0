import { appendTimeline } from '../../data/case-rows';
import type { CaseRow } from '../../data/case-support';
import type { TenantScope } from '../../data/scope';

/**
 * An owner's email on their case (a reply, or a new message threaded onto it): a timeline fact
 * the owner sees, with its message id and attachment rows in the same commit.
 */
export async function appendOwnerEmail(
  scope: TenantScope,
  target: CaseRow,
  email: { note: string; data: Record<string, unknown> },
  rows: unknown[],
): Promise<void> {
  await appendTimeline(
    scope,
    target,
    {
      actorType: 'owner',
      actorId: target.ownerId,
      action: 'owner_email',
      visibility: 'owner',
      note: email.note,
      data: email.data,
    },
    rows,
  );
}

/** Attachments of an email that were not kept (too large, not allowed): an internal timeline note. */
export async function noteSkippedAttachments(
  scope: TenantScope,
  row: CaseRow,
  skipped: unknown[],
): Promise<void> {
  await appendTimeline(scope, row, {
    actorType: 'system',
    actorId: null,
    action: 'attachments_skipped',
    visibility: 'internal',
    note: null,
    data: { skipped },
  });
}
