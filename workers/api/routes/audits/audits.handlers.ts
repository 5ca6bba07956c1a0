import type { audits as core } from '@guanjia/core';
import * as audits from '../../../app/audits';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  getAuditRoute,
  getEvidenceRoute,
  listAuditsRoute,
  publishAuditRoute,
  resultsRoute,
  submitAuditRoute,
  uploadEvidenceRoute,
} from './audits.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function evidenceOut(e: audits.EvidenceRow) {
  return {
    id: e.id,
    itemId: e.itemId,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    uploadedBy: e.uploadedBy,
    createdAt: e.createdAt.toISOString(),
  };
}

function auditOut(a: audits.AuditRow, projectName: string | null, evidence?: audits.EvidenceRow[]) {
  return {
    id: a.id,
    planId: a.planId,
    templateId: a.templateId,
    templateVersion: a.templateVersion,
    template: a.template,
    branchId: a.branchId,
    projectId: a.projectId,
    projectName,
    channel: a.channel,
    auditorId: a.auditorId,
    status: a.status,
    visitedAt: iso(a.visitedAt),
    // Stored as core parsed them (scoring.scoreAnswers).
    answers: a.answers as core.AuditAnswer[],
    score: a.score,
    passed: a.passed,
    threshold: a.threshold,
    result: a.result,
    submittedAt: iso(a.submittedAt),
    publishedAt: iso(a.publishedAt),
    evidence: evidence?.map(evidenceOut),
    version: a.version,
  };
}

const auditViewOut = (view: audits.AuditView) => auditOut(view.audit, view.projectName, view.evidence);

// The results route is registered before `/audits/{id}`.
export const auditsRouter = createRouter()
  .openapi(resultsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = audits.auditReach(scope);
    const query = c.req.valid('query');
    return c.json({ groupBy: query.groupBy, groups: await audits.projectRanking(scope, reach, query) }, 200);
  })
  .openapi(listAuditsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = audits.auditReach(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const { rows, projectNames } = await audits.listAudits(scope, reach, query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json(
      {
        data: page.data.map((a) => auditOut(a, projectNames.get(a.projectId) ?? null)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(getAuditRoute, async (c) => {
    const scope = c.get('scope');
    const view = await audits.getAudit(scope, audits.auditReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.audit.version));
    return c.json(auditViewOut(view), 200);
  })
  .openapi(submitAuditRoute, async (c) => {
    const scope = c.get('scope');
    const view = await audits.recordFindings(scope, audits.auditReach(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.audit.version));
    return c.json(auditViewOut(view), 200);
  })
  .openapi(uploadEvidenceRoute, async (c) => {
    const scope = c.get('scope');
    const row = await audits.addAuditEvidence(scope, audits.auditReach(scope), {
      auditId: c.req.valid('param').id,
      itemId: c.req.valid('query').itemId,
      contentType: c.req.header('Content-Type'),
      declaredBytes: Number(c.req.header('Content-Length') ?? Number.NaN),
      body: c.req.raw.body,
      files: c.env.FILES,
    });
    c.header('Location', `/v1/audits/${row.auditId}/evidence/${row.id}`);
    return c.json(evidenceOut(row), 201);
  })
  .openapi(getEvidenceRoute, async (c) => {
    const scope = c.get('scope');
    const { id, evidenceId } = c.req.valid('param');
    const { evidence, object } = await audits.openAuditEvidence(scope, audits.auditReach(scope), {
      auditId: id,
      evidenceId,
      files: c.env.FILES,
    });
    return c.body(object.body, 200, {
      'Content-Type': evidence.contentType,
      'Content-Length': String(evidence.sizeBytes),
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(publishAuditRoute, async (c) => {
    const scope = c.get('scope');
    const view = await audits.publishAudit(scope, audits.auditReach(scope), {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.audit.version));
    return c.json(auditViewOut(view), 200);
  });
