import { AppError, cases as core } from '@guanjia/core';
import {
  actorOf,
  applyCaseAction,
  attachToCase,
  type CasePlace,
  casePlaces,
  createCase,
  discard,
  findVisibleCase,
  getAttachment,
  listAttachments,
  listCaseParties,
  listCases,
  listingDeadlines,
  listTimeline,
  loadCaseSettings,
  maxAttachmentBytes,
  mayAt,
  pageDetails,
  prepareAttachment,
  readableCases,
  snapshotOf,
} from '../../../app/cases';
import { profileMark } from '../../../lib/profile';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import { withTypeAlias } from './case-actions';
import { attachmentOutput, caseOutput, ownerLinkFor, timelineOutput } from './cases.output';
import {
  allowedActionsRoute,
  caseActionRoute,
  caseTimelineRoute,
  createCaseRoute,
  getAttachmentRoute,
  getCaseRoute,
  issueOwnerLinkRoute,
  listAttachmentsRoute,
  listCasesRoute,
  uploadAttachmentRoute,
} from './cases.routes';

/** 工单: intake, lists and search, one case, its timeline, next steps, actions and attachments. */
export const casesRouter = createRouter();

casesRouter.openapi(createCaseRoute, async (c) => {
  const scope = c.get('scope');
  const body = c.req.valid('json');
  const { claimAmountFen, ...intake } = body;
  const { row, parties } = await createCase(scope, {
    intake: intake as core.CaseIntake,
    claimAmountFen: claimAmountFen ?? null,
    actor: (place) => actorOf(scope, place),
    reachPermission: 'cases.create',
  });
  profileMark('case created');
  c.header('ETag', etagOf(row.version));
  c.header('Location', `/v1/cases/${row.id}`);
  const output = caseOutput(row, row.kind === 'complaint' ? parties : undefined);
  const ownerLink = await ownerLinkFor(c.env, c.req.url, row, scope.now);
  profileMark('owner link');
  return c.json({ ...output, ownerLink }, 201);
});

casesRouter.openapi(listCasesRoute, async (c) => {
  const scope = c.get('scope');
  const query = c.req.valid('query');
  const rows = await listCases(
    scope,
    readableCases(scope),
    {
      ...query,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    },
    { after: decodeCursor(query.cursor), limit: query.limit },
  );
  const page = toPage(rows, query.limit);
  const { deadlines, places } = await pageDetails(scope, page.data);
  const data = page.data.map((r) => {
    const next = deadlines.get(r.id);
    return {
      ...caseOutput(r),
      place: places.get(r.id) as CasePlace,
      nextDeadline: next
        ? { milestone: next.milestone, dueAt: next.dueAt.toISOString(), status: next.status }
        : null,
    };
  });
  return c.json({ data, nextCursor: page.nextCursor }, 200);
});

casesRouter.openapi(getCaseRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  const [parties, places] = await Promise.all([
    row.kind === 'complaint' ? listCaseParties(scope, row.id) : undefined,
    casePlaces(scope, [row]),
  ]);
  c.header('ETag', etagOf(row.version));
  return c.json({ ...caseOutput(row, parties), place: places.get(row.id) as CasePlace }, 200);
});

casesRouter.openapi(caseTimelineRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  const entries = await listTimeline(scope, row.id);
  return c.json({ data: entries.map(timelineOutput) }, 200);
});

casesRouter.openapi(allowedActionsRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  const [settings, deadlines] = await Promise.all([loadCaseSettings(scope), listingDeadlines(scope, row)]);
  const allowed = core.allowedActions(snapshotOf(row), actorOf(scope, row), {
    now: scope.now,
    settings,
    deadlines,
  });
  c.header('ETag', etagOf(row.version));
  return c.json({ status: row.status, data: allowed }, 200);
});

casesRouter.openapi(caseActionRoute, async (c) => {
  const scope = c.get('scope');
  const body = await c.req.json().catch(() => {
    throw new AppError('validation_failed', 'The body is not JSON', {
      issues: [{ path: 'body', message: 'Malformed JSON' }],
    });
  });
  const { row, parties } = await applyCaseAction(scope, c.req.valid('param').id, withTypeAlias(body), {
    visibility: readableCases(scope),
    expectedVersion: expectedVersion(c),
  });
  const settings = await loadCaseSettings(scope);
  const allowedActions = core.allowedActions(snapshotOf(row), actorOf(scope, row), {
    now: scope.now,
    settings,
  });
  c.header('ETag', etagOf(row.version));
  const output = caseOutput(row, row.kind === 'complaint' ? parties : undefined);
  return c.json({ ...output, allowedActions }, 200);
});

casesRouter.openapi(uploadAttachmentRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  if (!mayAt(scope, 'cases.handle', row) && !mayAt(scope, 'cases.create', row)) {
    throw new AppError('forbidden', 'Only case handlers attach files');
  }
  const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxAttachmentBytes) {
    throw new AppError('payload_too_large', `Attachments are limited to ${maxAttachmentBytes} bytes`);
  }
  const contentType = c.req.header('Content-Type') ?? '';
  const bytes = await c.req.arrayBuffer();
  const prepared = await prepareAttachment(
    scope,
    c.env.FILES,
    row.id,
    { fileName: c.req.valid('query').fileName ?? '', contentType, bytes },
    { type: scope.actor.type, id: scope.actor.id },
  );
  try {
    await attachToCase(scope, row, prepared.statements);
  } catch (error) {
    await discard(c.env.FILES, [prepared]);
    throw error;
  }
  c.header('Location', `/v1/cases/${row.id}/attachments/${prepared.row.id}`);
  return c.json(attachmentOutput(prepared.row), 201);
});

casesRouter.openapi(listAttachmentsRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  return c.json({ data: (await listAttachments(scope, row.id)).map(attachmentOutput) }, 200);
});

casesRouter.openapi(getAttachmentRoute, async (c) => {
  const scope = c.get('scope');
  const params = c.req.valid('param');
  const row = await findVisibleCase(scope, params.id, readableCases(scope));
  const attachment = await getAttachment(scope, row.id, params.attachmentId);
  const object = await c.env.FILES.get(attachment.objectKey);
  if (!object) throw new AppError('not_found', `Attachment ${attachment.id} not found`);
  return new Response(object.body, {
    status: 200,
    headers: {
      'content-type': attachment.contentType,
      'content-length': String(attachment.sizeBytes),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      'cache-control': 'private, no-store',
    },
  }) as never;
});

casesRouter.openapi(issueOwnerLinkRoute, async (c) => {
  const scope = c.get('scope');
  const row = await findVisibleCase(scope, c.req.valid('param').id, readableCases(scope));
  if (!mayAt(scope, 'cases.handle', row) || scope.contractorId) {
    throw new AppError('forbidden', 'Only case handlers issue owner links');
  }
  return c.json(await ownerLinkFor(c.env, c.req.url, row, scope.now), 201);
});
