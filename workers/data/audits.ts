import { AppError, newId, type Reach, type Role, reachOf, rolePermissions } from '@guanjia/core';
import {
  auditEvidence,
  auditPlans,
  audits,
  auditTemplates,
  correctiveActions,
  roleAssignments,
  staffUsers,
} from '@guanjia/core/db/schema';
import { and, asc, eq, gt, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit';
import { inReach, projectFilter } from './reach';
import { runBatch } from './records';
import type { TenantScope } from './scope';

export type TemplateRow = typeof auditTemplates.$inferSelect;
export type PlanRow = typeof auditPlans.$inferSelect;
export type AuditRow = typeof audits.$inferSelect;
export type EvidenceRow = typeof auditEvidence.$inferSelect;
export type CorrectiveRow = typeof correctiveActions.$inferSelect;

const never = sql`0`;
const always = sql`1`;

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

/**
 * Who sees an audit:
 * - a manager (`audits.manage`) of its project;
 * - its assigned auditor (`audits.perform`): an external mystery shopper sees only its own audits;
 * - staff who read the project (`org.read`), once it is published.
 */
export interface AuditReach {
  manage: Reach;
  perform: Reach;
  read: Reach;
}

export function auditReachOf(scope: TenantScope): AuditReach {
  return {
    manage: reachOf(scope.grants, 'audits.manage'),
    perform: reachOf(scope.grants, 'audits.perform'),
    read: reachOf(scope.grants, 'org.read'),
  };
}

const projectIn = (scope: TenantScope, reach: Reach, column: Parameters<typeof projectFilter>[2]) =>
  reach.kind === 'none' ? never : (projectFilter(scope, reach, column) ?? always);

export function auditVisible(scope: TenantScope, r: AuditReach): SQL {
  return (
    or(
      projectIn(scope, r.manage, audits.projectId),
      r.perform.kind === 'none' || !scope.actor.id
        ? never
        : and(eq(audits.auditorId, scope.actor.id), projectIn(scope, r.perform, audits.projectId)),
      and(eq(audits.status, 'published'), projectIn(scope, r.read, audits.projectId)),
    ) ?? never
  );
}

export function canSeeAudit(scope: TenantScope, r: AuditReach, row: AuditRow): boolean {
  const place = { branchId: row.branchId, projectId: row.projectId };
  return (
    inReach(r.manage, place) ||
    (row.auditorId === scope.actor.id && inReach(r.perform, place)) ||
    (row.status === 'published' && inReach(r.read, place))
  );
}

export function canManageAudit(r: AuditReach, row: { branchId: string; projectId: string }): boolean {
  return inReach(r.manage, { branchId: row.branchId, projectId: row.projectId });
}

// ---------------------------------------------------------------------------
// Templates

export async function listTemplates(
  scope: TenantScope,
  query: { channel?: string },
  page: { after?: string; limit: number },
): Promise<TemplateRow[]> {
  return scope.db
    .select()
    .from(auditTemplates)
    .where(
      and(
        eq(auditTemplates.tenantId, scope.tenantId),
        page.after ? gt(auditTemplates.id, page.after) : undefined,
        query.channel ? eq(auditTemplates.channel, query.channel as TemplateRow['channel']) : undefined,
      ),
    )
    .orderBy(asc(auditTemplates.id))
    .limit(page.limit + 1);
}

export async function getTemplate(scope: TenantScope, id: string, path?: string): Promise<TemplateRow> {
  const row = await scope.db.query.auditTemplates.findFirst({
    where: and(eq(auditTemplates.tenantId, scope.tenantId), eq(auditTemplates.id, id)),
  });
  if (!row) {
    if (path) throw fieldError(path, `Template ${id} not found`);
    throw new AppError('not_found', `Audit template ${id} not found`);
  }
  return row;
}

export async function hasDefaultTemplates(scope: TenantScope): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: auditTemplates.id })
    .from(auditTemplates)
    .where(and(eq(auditTemplates.tenantId, scope.tenantId), sql`${auditTemplates.defaultKey} is not null`))
    .limit(1);
  return !!row;
}

export type TemplateValues = Pick<TemplateRow, 'name' | 'channel' | 'sections' | 'threshold'> & {
  defaultKey?: string | null;
};

function templateRow(scope: TenantScope, values: TemplateValues): TemplateRow {
  return {
    id: newId('auditTemplate'),
    tenantId: scope.tenantId,
    name: values.name,
    channel: values.channel,
    sections: values.sections,
    threshold: values.threshold ?? null,
    defaultKey: values.defaultKey ?? null,
    active: true,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
}

export async function insertTemplate(scope: TenantScope, values: TemplateValues): Promise<TemplateRow> {
  const row = templateRow(scope, values);
  await runBatch(scope.db, [
    scope.db.insert(auditTemplates).values(row),
    auditEntry(scope, 'audit_templates.create', { type: 'auditTemplate', id: row.id }, null, row),
  ]);
  return row;
}

/** Inserts the default templates the tenant does not have yet (unique per default key); seeding twice changes nothing. */
export async function seedDefaultTemplates(scope: TenantScope, defaults: TemplateValues[]): Promise<number> {
  const rows = defaults.map((d) => templateRow(scope, d));
  const results = (await runBatch(
    scope.db,
    rows.flatMap((row) => [
      scope.db.insert(auditTemplates).values(row).onConflictDoNothing().returning({ id: auditTemplates.id }),
    ]),
  )) as { id: string }[][];
  const created = rows.filter((_, i) => (results[i]?.length ?? 0) > 0);
  if (created.length > 0) {
    await runBatch(
      scope.db,
      created.map((row) =>
        auditEntry(scope, 'audit_templates.seed_default', { type: 'auditTemplate', id: row.id }, null, row),
      ),
    );
  }
  return created.length;
}

export async function updateTemplate(
  scope: TenantScope,
  before: TemplateRow,
  changes: Partial<TemplateRow>,
  expectedVersion: number | undefined,
): Promise<TemplateRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const [result] = await runBatch(scope.db, [
    scope.db
      .update(auditTemplates)
      .set(next)
      .where(
        and(
          eq(auditTemplates.tenantId, scope.tenantId),
          eq(auditTemplates.id, before.id),
          eq(auditTemplates.version, before.version),
        ),
      ),
    auditEntry(scope, 'audit_templates.update', { type: 'auditTemplate', id: before.id }, before, {
      ...before,
      ...next,
    }),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The template changed while you were editing it');
  }
  return { ...before, ...next };
}

export async function deleteTemplate(scope: TenantScope, before: TemplateRow): Promise<void> {
  const [used] = await scope.db
    .select({ id: auditPlans.id })
    .from(auditPlans)
    .where(and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.templateId, before.id)))
    .limit(1);
  if (used) throw new AppError('conflict', 'Plans use this template; deactivate it instead');
  await runBatch(scope.db, [
    scope.db
      .delete(auditTemplates)
      .where(and(eq(auditTemplates.tenantId, scope.tenantId), eq(auditTemplates.id, before.id))),
    auditEntry(scope, 'audit_templates.delete', { type: 'auditTemplate', id: before.id }, before, null),
  ]);
}

// ---------------------------------------------------------------------------
// Plans (each plan carries its audit, created in the same batch)

/** The auditor must be an active staff member of the tenant whose roles may perform audits. */
export async function checkAuditor(scope: TenantScope, auditorId: string): Promise<void> {
  const performers = Object.entries(rolePermissions)
    .filter(([, perms]) => perms.includes('audits.perform'))
    .map(([role]) => role);
  const [row] = await scope.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .innerJoin(
      roleAssignments,
      and(eq(roleAssignments.tenantId, staffUsers.tenantId), eq(roleAssignments.userId, staffUsers.id)),
    )
    .where(
      and(
        eq(staffUsers.tenantId, scope.tenantId),
        eq(staffUsers.id, auditorId),
        eq(staffUsers.status, 'active'),
        inArray(roleAssignments.role, performers as never[]),
      ),
    )
    .limit(1);
  if (!row) throw fieldError('auditorId', `No active auditor ${auditorId}`);
}

export async function listPlans(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; auditorId?: string; status?: string },
  page: { after?: string; limit: number },
): Promise<PlanRow[]> {
  return scope.db
    .select()
    .from(auditPlans)
    .where(
      and(
        eq(auditPlans.tenantId, scope.tenantId),
        page.after ? gt(auditPlans.id, page.after) : undefined,
        query.projectId ? eq(auditPlans.projectId, query.projectId) : undefined,
        query.auditorId ? eq(auditPlans.auditorId, query.auditorId) : undefined,
        query.status ? eq(auditPlans.status, query.status as PlanRow['status']) : undefined,
        projectFilter(scope, reach, auditPlans.projectId),
      ),
    )
    .orderBy(asc(auditPlans.id))
    .limit(page.limit + 1);
}

export async function getPlan(scope: TenantScope, reach: Reach, id: string): Promise<PlanRow> {
  const row = await scope.db.query.auditPlans.findFirst({
    where: and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.id, id)),
  });
  if (!row || !inReach(reach, { branchId: row.branchId, projectId: row.projectId })) {
    throw new AppError('not_found', `Audit plan ${id} not found`);
  }
  return row;
}

export async function auditOfPlan(scope: TenantScope, planId: string): Promise<AuditRow | undefined> {
  return scope.db.query.audits.findFirst({
    where: and(eq(audits.tenantId, scope.tenantId), eq(audits.planId, planId)),
  });
}

export async function insertPlan(
  scope: TenantScope,
  plan: Omit<PlanRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'createdBy'>,
  template: TemplateRow,
  threshold: number,
): Promise<{ plan: PlanRow; audit: AuditRow }> {
  const planRow: PlanRow = {
    ...plan,
    id: newId('auditPlan'),
    tenantId: scope.tenantId,
    status: 'planned',
    createdBy: scope.actor.id,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  const auditRow: AuditRow = {
    id: newId('mysteryAudit'),
    tenantId: scope.tenantId,
    planId: planRow.id,
    templateId: template.id,
    templateVersion: template.version,
    template: {
      name: template.name,
      channel: template.channel,
      sections: template.sections,
      defaultKey: template.defaultKey,
      version: template.version,
    },
    branchId: plan.branchId,
    projectId: plan.projectId,
    channel: plan.channel,
    auditorId: plan.auditorId,
    status: 'draft',
    visitedAt: null,
    answers: [],
    score: null,
    passed: null,
    threshold,
    result: null,
    submittedAt: null,
    publishedAt: null,
    publishedBy: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await runBatch(scope.db, [
    scope.db.insert(auditPlans).values(planRow),
    scope.db.insert(audits).values(auditRow),
    auditEntry(scope, 'audit_plans.create', { type: 'auditPlan', id: planRow.id }, null, planRow),
  ]);
  return { plan: planRow, audit: auditRow };
}

// ---------------------------------------------------------------------------
// Audits

export interface AuditQuery {
  projectId?: string;
  branchId?: string;
  status?: string;
  planId?: string;
}

export async function listAudits(
  scope: TenantScope,
  r: AuditReach,
  query: AuditQuery,
  page: { after?: string; limit: number },
): Promise<AuditRow[]> {
  return scope.db
    .select()
    .from(audits)
    .where(
      and(
        eq(audits.tenantId, scope.tenantId),
        page.after ? gt(audits.id, page.after) : undefined,
        query.projectId ? eq(audits.projectId, query.projectId) : undefined,
        query.branchId ? eq(audits.branchId, query.branchId) : undefined,
        query.planId ? eq(audits.planId, query.planId) : undefined,
        query.status ? eq(audits.status, query.status as AuditRow['status']) : undefined,
        auditVisible(scope, r),
      ),
    )
    .orderBy(asc(audits.id))
    .limit(page.limit + 1);
}

export async function getAudit(scope: TenantScope, r: AuditReach, id: string): Promise<AuditRow> {
  const row = await scope.db.query.audits.findFirst({
    where: and(eq(audits.tenantId, scope.tenantId), eq(audits.id, id)),
  });
  if (!row || !canSeeAudit(scope, r, row)) throw new AppError('not_found', `Audit ${id} not found`);
  return row;
}

/** Published (and, for `includeSubmitted`, submitted) audits visited in [from, to) within the caller's view. */
export async function scoredAudits(
  scope: TenantScope,
  r: AuditReach,
  window: { from?: Date; to?: Date },
): Promise<AuditRow[]> {
  return scope.db
    .select()
    .from(audits)
    .where(
      and(
        eq(audits.tenantId, scope.tenantId),
        eq(audits.status, 'published'),
        window.from ? gte(audits.visitedAt, window.from) : undefined,
        window.to ? lt(audits.visitedAt, window.to) : undefined,
        auditVisible(scope, r),
      ),
    )
    .orderBy(asc(audits.visitedAt))
    .limit(5000);
}

export async function updateAudit(
  scope: TenantScope,
  before: AuditRow,
  changes: Partial<AuditRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
): Promise<AuditRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  const [result] = await runBatch(scope.db, [
    scope.db
      .update(audits)
      .set(next)
      .where(
        and(
          eq(audits.tenantId, scope.tenantId),
          eq(audits.id, before.id),
          eq(audits.version, before.version),
        ),
      ),
    ...extra,
    auditEntry(scope, action, { type: 'mysteryAudit', id: before.id }, before, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The audit changed while you were working on it');
  }
  return after;
}

export function planDone(scope: TenantScope, planId: string) {
  return scope.db
    .update(auditPlans)
    .set({ status: 'done', updatedAt: scope.now, version: sql`${auditPlans.version} + 1` })
    .where(and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.id, planId)));
}

export async function evidenceOf(scope: TenantScope, auditId: string): Promise<EvidenceRow[]> {
  return scope.db
    .select()
    .from(auditEvidence)
    .where(and(eq(auditEvidence.tenantId, scope.tenantId), eq(auditEvidence.auditId, auditId)))
    .orderBy(asc(auditEvidence.id))
    .limit(500);
}

export async function getEvidence(scope: TenantScope, auditId: string, id: string): Promise<EvidenceRow> {
  const row = await scope.db.query.auditEvidence.findFirst({
    where: and(
      eq(auditEvidence.tenantId, scope.tenantId),
      eq(auditEvidence.auditId, auditId),
      eq(auditEvidence.id, id),
    ),
  });
  if (!row) throw new AppError('not_found', `Evidence ${id} not found`);
  return row;
}

export async function insertEvidence(scope: TenantScope, row: EvidenceRow): Promise<void> {
  await runBatch(scope.db, [
    scope.db.insert(auditEvidence).values(row),
    auditEntry(scope, 'audits.evidence', { type: 'mysteryAudit', id: row.auditId }, null, row),
  ]);
}

/**
 * A staff member of the project to own a corrective action: a holder of the role the template
 * names for it, else the project manager, else a CS supervisor.
 */
export async function projectOwnerCandidate(
  scope: TenantScope,
  projectId: string,
  preferredRole?: Role,
): Promise<string | null> {
  const rows = await scope.db
    .select({ id: roleAssignments.userId, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.tenantId, roleAssignments.tenantId), eq(staffUsers.id, roleAssignments.userId)),
    )
    .where(
      and(
        eq(roleAssignments.tenantId, scope.tenantId),
        eq(roleAssignments.scopeType, 'project'),
        eq(roleAssignments.scopeId, projectId),
        inArray(roleAssignments.role, [
          'project_manager',
          'cs_supervisor',
          ...(preferredRole ? [preferredRole] : []),
        ]),
        eq(staffUsers.status, 'active'),
      ),
    )
    .orderBy(asc(roleAssignments.id));
  const manager =
    rows.find((r) => r.role === preferredRole) ?? rows.find((r) => r.role === 'project_manager') ?? rows[0];
  return manager?.id ?? null;
}

// ---------------------------------------------------------------------------
// Corrective actions

export function correctiveInsert(
  scope: TenantScope,
  values: Omit<CorrectiveRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
) {
  const row: CorrectiveRow = {
    ...values,
    id: newId('correctiveAction'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  return {
    row,
    statements: [
      scope.db.insert(correctiveActions).values(row),
      auditEntry(scope, 'corrective_actions.create', { type: 'correctiveAction', id: row.id }, null, row),
    ],
  };
}

/** Managers of the project, the action's owner, and readers of the project (actions exist only once published). */
export function correctiveVisible(scope: TenantScope, r: AuditReach): SQL {
  return (
    or(
      projectIn(scope, r.manage, correctiveActions.projectId),
      scope.actor.id ? eq(correctiveActions.ownerId, scope.actor.id) : never,
      projectIn(scope, r.read, correctiveActions.projectId),
    ) ?? never
  );
}

export async function listCorrective(
  scope: TenantScope,
  r: AuditReach,
  query: { projectId?: string; auditId?: string; status?: string; overdue?: boolean },
  page: { after?: string; limit: number },
): Promise<CorrectiveRow[]> {
  return scope.db
    .select()
    .from(correctiveActions)
    .where(
      and(
        eq(correctiveActions.tenantId, scope.tenantId),
        page.after ? gt(correctiveActions.id, page.after) : undefined,
        query.projectId ? eq(correctiveActions.projectId, query.projectId) : undefined,
        query.auditId ? eq(correctiveActions.auditId, query.auditId) : undefined,
        query.status ? eq(correctiveActions.status, query.status as CorrectiveRow['status']) : undefined,
        query.overdue
          ? and(ne(correctiveActions.status, 'verified'), lt(correctiveActions.deadline, scope.now))
          : undefined,
        correctiveVisible(scope, r),
      ),
    )
    .orderBy(asc(correctiveActions.id))
    .limit(page.limit + 1);
}

export async function getCorrective(scope: TenantScope, r: AuditReach, id: string): Promise<CorrectiveRow> {
  const row = await scope.db.query.correctiveActions.findFirst({
    where: and(eq(correctiveActions.tenantId, scope.tenantId), eq(correctiveActions.id, id)),
  });
  const place = row ? { branchId: row.branchId, projectId: row.projectId } : null;
  if (
    !row ||
    !place ||
    !(inReach(r.manage, place) || row.ownerId === scope.actor.id || inReach(r.read, place))
  ) {
    throw new AppError('not_found', `Corrective action ${id} not found`);
  }
  return row;
}

export async function updateCorrective(
  scope: TenantScope,
  before: CorrectiveRow,
  changes: Partial<CorrectiveRow>,
  action: string,
  expectedVersion: number | undefined,
): Promise<CorrectiveRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  const [result] = await runBatch(scope.db, [
    scope.db
      .update(correctiveActions)
      .set(next)
      .where(
        and(
          eq(correctiveActions.tenantId, scope.tenantId),
          eq(correctiveActions.id, before.id),
          eq(correctiveActions.version, before.version),
        ),
      ),
    auditEntry(scope, action, { type: 'correctiveAction', id: before.id }, before, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The corrective action changed meanwhile');
  }
  return after;
}
