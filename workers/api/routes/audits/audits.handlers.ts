import { AppError, type audits, newId } from '@guanjia/core';
import {
  type AuditReach,
  type AuditRow,
  auditOfPlan,
  auditReachOf,
  type CorrectiveRow,
  canManageAudit,
  checkAuditor,
  correctiveInsert,
  deleteTemplate,
  type EvidenceRow,
  evidenceOf,
  getAudit,
  getCorrective,
  getEvidence,
  getPlan,
  getTemplate,
  hasDefaultTemplates,
  insertEvidence,
  insertPlan,
  insertTemplate,
  listAudits,
  listCorrective,
  listPlans,
  listTemplates,
  type PlanRow,
  planDone,
  projectOwnerCandidate,
  scoredAudits,
  seedDefaultTemplates,
  type TemplateRow,
  updateAudit,
  updateCorrective,
  updateTemplate,
} from '../../../data/audits';
import { inReach, requireReach } from '../../../data/reach';
import type { TenantScope } from '../../../data/scope';
import { projectPlace, tenantSettings } from '../../../data/star';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  completeCorrectiveRoute,
  createPlanRoute,
  createTemplateRoute,
  deleteTemplateRoute,
  getAuditRoute,
  getCorrectiveRoute,
  getEvidenceRoute,
  getPlanRoute,
  getTemplateRoute,
  listAuditsRoute,
  listCorrectiveRoute,
  listPlansRoute,
  listTemplatesRoute,
  publishAuditRoute,
  resultsRoute,
  seedTemplatesRoute,
  submitAuditRoute,
  updateTemplateRoute,
  uploadEvidenceRoute,
  verifyCorrectiveRoute,
} from './audits.routes';
import * as rules from './rules';
import * as scoring from './scoring';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function templateOut(t: TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    channel: t.channel,
    // Stored as core parsed them (scoring.parseSections).
    sections: t.sections as audits.AuditSection[],
    threshold: t.threshold,
    defaultKey: t.defaultKey,
    active: t.active,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function planOut(p: PlanRow, auditId: string | null) {
  return {
    id: p.id,
    templateId: p.templateId,
    branchId: p.branchId,
    projectId: p.projectId,
    channel: p.channel,
    dueOn: p.dueOn,
    auditorId: p.auditorId,
    status: p.status,
    auditId,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

function evidenceOut(e: EvidenceRow) {
  return {
    id: e.id,
    itemId: e.itemId,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    uploadedBy: e.uploadedBy,
    createdAt: e.createdAt.toISOString(),
  };
}

function auditOut(a: AuditRow, evidence?: EvidenceRow[]) {
  return {
    id: a.id,
    planId: a.planId,
    templateId: a.templateId,
    templateVersion: a.templateVersion,
    template: a.template,
    branchId: a.branchId,
    projectId: a.projectId,
    channel: a.channel,
    auditorId: a.auditorId,
    status: a.status,
    visitedAt: iso(a.visitedAt),
    // Stored as core parsed them (scoring.scoreAnswers).
    answers: a.answers as audits.AuditAnswer[],
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

function correctiveOut(scope: TenantScope, a: CorrectiveRow) {
  return {
    id: a.id,
    auditId: a.auditId,
    branchId: a.branchId,
    projectId: a.projectId,
    itemId: a.itemId,
    description: a.description,
    ownerId: a.ownerId,
    deadline: a.deadline.toISOString(),
    overdue: a.status !== 'verified' && a.deadline < scope.now,
    status: a.status,
    resolution: a.resolution,
    doneAt: iso(a.doneAt),
    verifiedBy: a.verifiedBy,
    verifiedAt: iso(a.verifiedAt),
    version: a.version,
  };
}

/** Any way into audits (manage, perform, or reading a project's published results), else 403. */
function auditReach(scope: TenantScope): AuditReach {
  const r = auditReachOf(scope);
  if (r.manage.kind === 'none' && r.perform.kind === 'none' && r.read.kind === 'none') {
    throw new AppError('forbidden', 'Missing permission audits.manage, audits.perform or org.read');
  }
  return r;
}

/** Templates are tenant-wide: every manager reads them, only a group-wide manager changes them. */
function templateWriter(scope: TenantScope) {
  const reach = requireReach(scope, 'audits.manage');
  if (reach.kind !== 'tenant') throw new AppError('forbidden', 'Changing templates needs a group-wide role');
}

async function ensureDefaults(scope: TenantScope) {
  if (!(await hasDefaultTemplates(scope))) await seedDefaultTemplates(scope, scoring.defaultTemplates());
}

const bad = (path: string, message: string) =>
  new AppError('validation_failed', message, { issues: [{ path, message }] });

export const auditsRouter = createRouter()
  // ---- templates
  .openapi(listTemplatesRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'audits.manage');
    await ensureDefaults(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listTemplates(scope, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(templateOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(seedTemplatesRoute, async (c) => {
    const scope = c.get('scope');
    templateWriter(scope);
    return c.json({ created: await seedDefaultTemplates(scope, scoring.defaultTemplates()) }, 200);
  })
  .openapi(getTemplateRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'audits.manage');
    const row = await getTemplate(scope, c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(templateOut(row), 200);
  })
  .openapi(createTemplateRoute, async (c) => {
    const scope = c.get('scope');
    templateWriter(scope);
    const body = c.req.valid('json');
    const sections = scoring.parseSections(body.channel, body.sections);
    const row = await insertTemplate(scope, {
      name: body.name,
      channel: body.channel,
      sections,
      threshold: body.threshold ?? null,
    });
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/audit-templates/${row.id}`);
    return c.json(templateOut(row), 201);
  })
  .openapi(updateTemplateRoute, async (c) => {
    const scope = c.get('scope');
    templateWriter(scope);
    const before = await getTemplate(scope, c.req.valid('param').id);
    const body = c.req.valid('json');
    const changes: Partial<TemplateRow> = { ...body } as Partial<TemplateRow>;
    if (body.sections)
      changes.sections = scoring.parseSections(body.channel ?? before.channel, body.sections);
    const row = await updateTemplate(scope, before, changes, expectedVersion(c));
    c.header('ETag', etagOf(row.version));
    return c.json(templateOut(row), 200);
  })
  .openapi(deleteTemplateRoute, async (c) => {
    const scope = c.get('scope');
    templateWriter(scope);
    const before = await getTemplate(scope, c.req.valid('param').id);
    const version = expectedVersion(c);
    if (version !== undefined && version !== before.version) throw new AppError('precondition_failed');
    await deleteTemplate(scope, before);
    return c.body(null, 204);
  })
  // ---- plans
  .openapi(listPlansRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'audits.manage');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listPlans(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    const data = await Promise.all(
      page.data.map(async (p) => planOut(p, (await auditOfPlan(scope, p.id))?.id ?? null)),
    );
    return c.json({ data, nextCursor: page.nextCursor }, 200);
  })
  .openapi(getPlanRoute, async (c) => {
    const scope = c.get('scope');
    const plan = await getPlan(scope, requireReach(scope, 'audits.manage'), c.req.valid('param').id);
    c.header('ETag', etagOf(plan.version));
    return c.json(planOut(plan, (await auditOfPlan(scope, plan.id))?.id ?? null), 200);
  })
  .openapi(createPlanRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'audits.manage');
    const body = c.req.valid('json');
    const project = await projectPlace(scope, body.projectId);
    if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw bad('projectId', `Project ${body.projectId} not found`);
    }
    const template = await getTemplate(scope, body.templateId, 'templateId');
    if (!template.active) throw bad('templateId', 'The template is not active');
    await checkAuditor(scope, body.auditorId);
    const threshold =
      template.threshold ?? scoring.auditSettings(await tenantSettings(scope), scope.timeZone).passThreshold;
    const { plan, audit } = await insertPlan(
      scope,
      {
        templateId: template.id,
        branchId: project.branchId,
        projectId: project.id,
        channel: template.channel,
        dueOn: body.dueOn,
        auditorId: body.auditorId,
      },
      template,
      threshold,
    );
    c.header('ETag', etagOf(plan.version));
    c.header('Location', `/v1/audit-plans/${plan.id}`);
    return c.json(planOut(plan, audit.id), 201);
  })
  // ---- audits (results before {id})
  .openapi(resultsRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const query = c.req.valid('query');
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw bad('query.to', 'Must not be before from');
    const rows = await scoredAudits(scope, r, { from, to });
    return c.json(
      { groupBy: query.groupBy, groups: scoring.results(rows, query.groupBy, scope.timeZone) },
      200,
    );
  })
  .openapi(listAuditsRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listAudits(scope, r, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((a) => auditOut(a)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getAuditRoute, async (c) => {
    const scope = c.get('scope');
    const audit = await getAudit(scope, auditReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(audit.version));
    return c.json(auditOut(audit, await evidenceOf(scope, audit.id)), 200);
  })
  .openapi(submitAuditRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const before = await getAudit(scope, r, c.req.valid('param').id);
    if (before.auditorId !== scope.actor.id) {
      throw new AppError('forbidden', 'Only the assigned auditor submits the audit');
    }
    if (before.status !== 'draft') throw new AppError('illegal_transition', 'The audit is already submitted');
    const body = c.req.valid('json');
    const visitedAt = new Date(body.visitedAt);
    if (visitedAt > scope.now) throw bad('visitedAt', 'The visit cannot be in the future');
    const project = await projectPlace(scope, before.projectId);
    const scored = scoring.scoreAnswers(before, body.answers, project.name);
    const row = await updateAudit(
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
      expectedVersion(c),
      [planDone(scope, before.planId)],
    );
    c.header('ETag', etagOf(row.version));
    return c.json(auditOut(row, await evidenceOf(scope, row.id)), 200);
  })
  .openapi(uploadEvidenceRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const audit = await getAudit(scope, r, c.req.valid('param').id);
    if (audit.auditorId !== scope.actor.id) {
      throw new AppError('forbidden', 'Only the assigned auditor adds evidence');
    }
    if (audit.status !== 'draft') throw new AppError('illegal_transition', 'The audit is already submitted');
    const contentType = rules.acceptedEvidenceType(c.req.header('Content-Type'));
    const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > rules.maxEvidenceBytes) throw rules.tooLarge();
    const body = await rules.readLimited(c.req.raw.body, rules.maxEvidenceBytes);
    if (body.byteLength === 0) throw bad('body', 'The file is empty');
    const { itemId } = c.req.valid('query');
    const id = newId('auditEvidence');
    const objectKey = `${scope.tenantId}/audits/${audit.id}/${id}`;
    await c.env.FILES.put(objectKey, body, { httpMetadata: { contentType } });
    const row: EvidenceRow = {
      id,
      tenantId: scope.tenantId,
      auditId: audit.id,
      itemId: itemId ?? null,
      objectKey,
      contentType,
      sizeBytes: body.byteLength,
      uploadedBy: scope.actor.id,
      createdAt: scope.now,
    };
    try {
      await insertEvidence(scope, row);
    } catch (error) {
      await c.env.FILES.delete(objectKey);
      throw error;
    }
    c.header('Location', `/v1/audits/${audit.id}/evidence/${id}`);
    return c.json(evidenceOut(row), 201);
  })
  .openapi(getEvidenceRoute, async (c) => {
    const scope = c.get('scope');
    const { id, evidenceId } = c.req.valid('param');
    const audit = await getAudit(scope, auditReach(scope), id);
    const evidence = await getEvidence(scope, audit.id, evidenceId);
    const object = await c.env.FILES.get(evidence.objectKey);
    if (!object) throw new AppError('not_found', `Evidence ${evidenceId} not found`);
    return c.body(object.body, 200, {
      'Content-Type': evidence.contentType,
      'Content-Length': String(evidence.sizeBytes),
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(publishAuditRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const before = await getAudit(scope, r, c.req.valid('param').id);
    if (!canManageAudit(r, before)) throw new AppError('forbidden', 'Publishing needs audits.manage');
    if (before.status !== 'submitted') {
      throw new AppError(
        'illegal_transition',
        `Only a submitted audit can be published (is ${before.status})`,
      );
    }
    const settings = scoring.auditSettings(await tenantSettings(scope), scope.timeZone);
    const drafts = scoring.correctiveDrafts(before, settings);
    const owners = new Map<string, string | null>();
    for (const role of new Set(drafts.map((d) => d.ownerRole))) {
      owners.set(role, await projectOwnerCandidate(scope, before.projectId, role));
    }
    const actions = drafts.map((d) =>
      correctiveInsert(scope, {
        auditId: before.id,
        branchId: before.branchId,
        projectId: before.projectId,
        itemId: d.itemKey,
        description: d.description.zh,
        ownerId: owners.get(d.ownerRole) ?? scope.actor.id ?? 'unassigned',
        deadline: new Date(d.deadline),
        status: 'open',
        resolution: null,
        doneAt: null,
        verifiedBy: null,
        verifiedAt: null,
      }),
    );
    const row = await updateAudit(
      scope,
      before,
      { status: 'published', publishedAt: scope.now, publishedBy: scope.actor.id },
      'audits.publish',
      expectedVersion(c),
      [
        ...actions.flatMap((a) => a.statements),
        ...rules.publicationEvents(
          scope,
          before,
          actions.map((a) => a.row),
        ),
      ],
    );
    c.header('ETag', etagOf(row.version));
    return c.json(auditOut(row, await evidenceOf(scope, row.id)), 200);
  })
  // ---- corrective actions
  .openapi(listCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const { cursor, limit, overdue, ...query } = c.req.valid('query');
    const rows = await listCorrective(
      scope,
      r,
      { ...query, overdue: overdue === 'true' },
      { after: decodeCursor(cursor), limit },
    );
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((a) => correctiveOut(scope, a)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const row = await getCorrective(scope, auditReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope, row), 200);
  })
  .openapi(completeCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const before = await getCorrective(scope, r, c.req.valid('param').id);
    if (before.ownerId !== scope.actor.id && !canManageAudit(r, before)) {
      throw new AppError('forbidden', 'Only the owner or a manager reports the fix');
    }
    if (before.status !== 'open') throw new AppError('illegal_transition', `The action is ${before.status}`);
    const row = await updateCorrective(
      scope,
      before,
      { status: 'done', resolution: c.req.valid('json').resolution, doneAt: scope.now },
      'corrective_actions.complete',
      expectedVersion(c),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope, row), 200);
  })
  .openapi(verifyCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const r = auditReach(scope);
    const before = await getCorrective(scope, r, c.req.valid('param').id);
    if (!canManageAudit(r, before))
      throw new AppError('forbidden', 'Verification needs a supervisor (audits.manage)');
    if (before.ownerId === scope.actor.id) {
      throw new AppError('forbidden', 'The owner of an action cannot verify it');
    }
    if (before.status !== 'done') {
      throw new AppError('illegal_transition', `Only a done action can be verified (is ${before.status})`);
    }
    const { accepted } = c.req.valid('json');
    const row = await updateCorrective(
      scope,
      before,
      accepted
        ? { status: 'verified', verifiedBy: scope.actor.id, verifiedAt: scope.now }
        : { status: 'open', doneAt: null },
      accepted ? 'corrective_actions.verify' : 'corrective_actions.reopen',
      expectedVersion(c),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope, row), 200);
  });
