import { createNotice, getNotice, listNotices, type NoticeRow, publishNotice } from '../../../data/notices';
import { requireReach } from '../../../data/reach';
import { checkPlace } from '../../../data/webhooks';
import { createRouter } from '../../app';
import { decodeCursor, toPage } from '../../lib/pagination';
import { createNoticeRoute, listNoticesRoute, publishNoticeRoute } from './notices.routes';

const noticeOut = (n: NoticeRow) => ({
  id: n.id,
  branchId: n.branchId,
  projectId: n.projectId,
  title: n.title,
  body: n.body,
  status: n.status,
  publishedAt: n.publishedAt ? n.publishedAt.toISOString() : null,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
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
    const input = c.req.valid('json');
    const place = await checkPlace(scope, reach, input);
    const row = await createNotice(scope, {
      branchId: place.branchId as string,
      projectId: place.projectId,
      title: input.title,
      body: input.body,
    });
    c.header('Location', `/v1/notices/${row.id}`);
    return c.json(noticeOut(row), 201);
  })
  .openapi(publishNoticeRoute, async (c) => {
    const scope = c.get('scope');
    const before = await getNotice(scope, requireReach(scope, 'owners.manage'), c.req.valid('param').id);
    return c.json(noticeOut(await publishNotice(scope, before)), 200);
  });
