import { draftNotice, listNotices, publishNotice } from '../../../app/notices';
import type { NoticeWithReads } from '../../../data/notices';
import { requireReach } from '../../../data/reach';
import { createRouter } from '../../app';
import { decodeCursor, toPage } from '../../lib/pagination';
import { createNoticeRoute, listNoticesRoute, publishNoticeRoute } from './notices.routes';

const noticeOut = (n: NoticeWithReads) => ({
  id: n.id,
  branchId: n.branchId,
  projectId: n.projectId,
  title: n.title,
  body: n.body,
  status: n.status,
  publishedAt: n.publishedAt ? n.publishedAt.toISOString() : null,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
  readCount: n.readCount,
  audienceSize: n.audienceSize,
});

/** 通知与公告: owners.read to list, owners.manage (within the place) to draft and publish. */
export const noticesRouter = createRouter()
  .openapi(listNoticesRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, projectId } = c.req.valid('query');
    const rows = await listNotices(scope, requireReach(scope, 'owners.read'), {
      after: decodeCursor(cursor),
      limit,
      projectId,
    });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(noticeOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createNoticeRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'owners.manage');
    const row = await draftNotice(scope, reach, c.req.valid('json'));
    c.header('Location', `/v1/notices/${row.id}`);
    return c.json(noticeOut(row), 201);
  })
  .openapi(publishNoticeRoute, async (c) => {
    const scope = c.get('scope');
    const row = await publishNotice(scope, requireReach(scope, 'owners.manage'), c.req.valid('param').id);
    return c.json(noticeOut(row), 200);
  });
