import type { complaintSummary } from '@guanjia/core';
import * as summaries from '../../../app/complaint-summaries';
import { planReach } from '../../../app/satisfaction';
import type { TenantScope } from '../../../data/scope';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  getSummaryRoute,
  listSummariesRoute,
  reviewSummaryRoute,
  submitSummaryRoute,
} from './summaries.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Draft = ReturnType<typeof complaintSummary.draftSummary>;

async function summaryOut(
  scope: TenantScope,
  r: summaries.ComplaintSummaryRow,
  people?: Map<string, string>,
) {
  const draft = r.figures as unknown as Draft;
  const names = people ?? (await summaries.summaryPeople(scope, [r]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: r.id,
    branchId: r.branchId,
    projectId: r.projectId,
    month: r.month,
    status: r.status,
    deadline: await summaries.deadlineOf(scope, r),
    dueOn: r.dueOn,
    figures: draft.figures,
    previous: draft.previous,
    changes: draft.changes,
    byCategoryChange: draft.byCategoryChange,
    causeAnalysis: r.causeAnalysis,
    measures: r.measures,
    submittedBy: r.submittedBy,
    submittedByName: nameOf(r.submittedBy),
    submittedAt: iso(r.submittedAt),
    readBy: r.readBy,
    readByName: nameOf(r.readBy),
    readAt: iso(r.readAt),
    reviewedBy: r.reviewedBy,
    reviewedByName: nameOf(r.reviewedBy),
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
    majorProblem: r.majorProblem,
    version: r.version,
  };
}

export const summariesRouter = createRouter()
  .openapi(listSummariesRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await summaries.listSummaries(scope, planReach(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    const people = await summaries.summaryPeople(scope, page.data);
    return c.json(
      {
        data: await Promise.all(page.data.map((r) => summaryOut(scope, r, people))),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(getSummaryRoute, async (c) => {
    const scope = c.get('scope');
    const row = await summaries.getSummary(scope, planReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(await summaryOut(scope, row), 200);
  })
  .openapi(submitSummaryRoute, async (c) => {
    const scope = c.get('scope');
    const row = await summaries.submitSummary(scope, planReach(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(await summaryOut(scope, row), 200);
  })
  .openapi(reviewSummaryRoute, async (c) => {
    const scope = c.get('scope');
    const row = await summaries.reviewSummary(scope, planReach(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(await summaryOut(scope, row), 200);
  });
