import type { Reach } from '@guanjia/core';
import * as notices from '../../data/notices';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { checkPlace } from '../../data/webhooks';

/* 通知与公告: the notices area's use cases (owners.read to list, owners.manage within the place to draft and publish). */

/** Notices with their owners' read counts (who opened them through their link) and audience sizes. */
export function listNotices(scope: TenantScope, reach: Reach, query: PageRequest & { projectId?: string }) {
  return notices.listNotices(scope, reach, query);
}

/** A draft notice for a branch or one of its projects in the caller's manage reach. */
export async function draftNotice(
  scope: TenantScope,
  reach: Reach,
  input: { branchId?: string | null; projectId?: string | null; title: string; body: string },
) {
  const place = await checkPlace(scope, reach, input);
  const row = await notices.createNotice(scope, {
    branchId: place.branchId as string,
    projectId: place.projectId,
    title: input.title,
    body: input.body,
  });
  return notices.getNoticeWithReads(scope, reach, row.id);
}

/** Publishes a notice: its owners hear of it through their channels (the `notice.published` event). */
export async function publishNotice(scope: TenantScope, reach: Reach, id: string) {
  await notices.publishNotice(scope, await notices.getNotice(scope, reach, id));
  return notices.getNoticeWithReads(scope, reach, id);
}
