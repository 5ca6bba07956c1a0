import { AppError, fieldError, newId } from '@guanjia/core';
import { planDone } from '../../data/audit-plans';
import type { AuditRow, EvidenceRow } from '../../data/mystery-audits';
import * as mystery from '../../data/mystery-audits';
import { projectNames, projectPlace } from '../../data/org-lookups';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { acceptEvidenceUpload, readEvidenceUpload } from './evidence-files';
import type { AuditReach } from './reach';
import { scoreAnswers } from './scoring';

/** Performing an audit: the auditor's evidence and findings, and reading audits by who may see them. */

/** An audit with its evidence files and the audited project's name. */
export interface AuditView {
  audit: AuditRow;
  evidence: EvidenceRow[];
  projectName: string | null;
}

export async function auditView(scope: TenantScope, audit: AuditRow): Promise<AuditView> {
  const [evidence, names] = await Promise.all([
    mystery.evidenceOf(scope, audit.id),
    projectNames(scope, [audit.projectId]),
  ]);
  return { audit, evidence, projectName: names.get(audit.projectId) ?? null };
}

/** A page of the audits the caller may see, with their projects' names (an auditor reads no org). */
export async function listAudits(
  scope: TenantScope,
  reach: AuditReach,
  query: mystery.AuditQuery,
  page: PageRequest,
): Promise<{ rows: AuditRow[]; projectNames: Map<string, string> }> {
  const rows = await mystery.listAudits(scope, reach, query, page);
  return {
    rows,
    projectNames: await projectNames(
      scope,
      rows.map((r) => r.projectId),
    ),
  };
}

export async function getAudit(scope: TenantScope, reach: AuditReach, id: string): Promise<AuditView> {
  return auditView(scope, await mystery.getAudit(scope, reach, id));
}

/** The assigned auditor's draft: anyone else 403, a submitted audit 409. */
async function auditorsDraft(scope: TenantScope, reach: AuditReach, id: string, doing: string) {
  const audit = await mystery.getAudit(scope, reach, id);
  if (audit.auditorId !== scope.actor.id) {
    throw new AppError('forbidden', `Only the assigned auditor ${doing}`);
  }
  if (audit.status !== 'draft') throw new AppError('illegal_transition', 'The audit is already submitted');
  return audit;
}

/**
 * The assigned auditor records the findings: the visit time and the answers, scored by core
 * against the template the audit was planned with; the plan is done in the same batch.
 */
export async function recordFindings(
  scope: TenantScope,
  reach: AuditReach,
  input: { id: string; visitedAt: string; answers: unknown[]; expectedVersion: number | undefined },
): Promise<AuditView> {
  const before = await auditorsDraft(scope, reach, input.id, 'submits the audit');
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt > scope.now) throw fieldError('visitedAt', 'The visit cannot be in the future');
  const project = await projectPlace(scope, before.projectId);
  const scored = scoreAnswers(before, input.answers, project.name);
  const row = await mystery.updateAudit(
    scope,
    before,
    {
      status: 'submitted',
      visitedAt,
      answers: scored.answers,
      score: scored.score.score,
      passed: scored.score.passed,
      threshold: scored.score.threshold,
      result: scored.score as unknown as Record<string, unknown>,
      submittedAt: scope.now,
    },
    'audits.submit',
    input.expectedVersion,
    [planDone(scope, before.planId)],
  );
  return auditView(scope, row);
}

export interface EvidenceUpload {
  auditId: string;
  itemId?: string;
  contentType: string | undefined;
  /** The declared Content-Length, refused (413) before reading when over the limit. */
  declaredBytes: number;
  body: ReadableStream<Uint8Array> | null;
  files: R2Bucket;
}

/**
 * The assigned auditor adds an evidence file to a draft audit: an accepted type (415), at most
 * 20 MB (413, on the declared length and while reading), stored in R2 under the tenant and the
 * audit; the file is removed again when its row cannot be written.
 */
export async function addAuditEvidence(
  scope: TenantScope,
  reach: AuditReach,
  upload: EvidenceUpload,
): Promise<EvidenceRow> {
  const audit = await auditorsDraft(scope, reach, upload.auditId, 'adds evidence');
  const contentType = acceptEvidenceUpload(upload.contentType, upload.declaredBytes);
  const body = await readEvidenceUpload(upload.body);
  const id = newId('auditEvidence');
  const objectKey = `${scope.tenantId}/audits/${audit.id}/${id}`;
  await upload.files.put(objectKey, body, { httpMetadata: { contentType } });
  const row: EvidenceRow = {
    id,
    tenantId: scope.tenantId,
    auditId: audit.id,
    itemId: upload.itemId ?? null,
    objectKey,
    contentType,
    sizeBytes: body.byteLength,
    uploadedBy: scope.actor.id,
    createdAt: scope.now,
  };
  try {
    await mystery.insertEvidence(scope, row);
  } catch (error) {
    await upload.files.delete(objectKey);
    throw error;
  }
  return row;
}

/** An evidence file of an audit the caller may see, with its stored object. */
export async function openAuditEvidence(
  scope: TenantScope,
  reach: AuditReach,
  input: { auditId: string; evidenceId: string; files: R2Bucket },
): Promise<{ evidence: EvidenceRow; object: R2ObjectBody }> {
  const audit = await mystery.getAudit(scope, reach, input.auditId);
  const evidence = await mystery.getEvidence(scope, audit.id, input.evidenceId);
  const object = await input.files.get(evidence.objectKey);
  if (!object) throw new AppError('not_found', `Evidence ${input.evidenceId} not found`);
  return { evidence, object };
}
