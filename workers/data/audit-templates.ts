import { AppError, fieldError, newId } from '@guanjia/core';
import { auditPlans, auditTemplates } from '@guanjia/core/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import type { TenantScope } from './scope';

/** Mystery-shopper checklists (暗访模板): tenant-wide, versioned, the defaults seeded once. */

export type TemplateRow = typeof auditTemplates.$inferSelect;

export type TemplateValues = Pick<TemplateRow, 'name' | 'channel' | 'sections' | 'threshold'> & {
  defaultKey?: string | null;
};

export function listTemplates(
  scope: TenantScope,
  query: { channel?: string },
  page: PageRequest,
): Promise<TemplateRow[]> {
  return keysetPage(
    scope,
    auditTemplates,
    [query.channel ? eq(auditTemplates.channel, query.channel as TemplateRow['channel']) : undefined],
    page,
  );
}

/** A template of the tenant; unknown is a 404, or a 400 at `path` when the id came in a body. */
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
  await commit(scope, [
    scope.db.insert(auditTemplates).values(row),
    auditEntry(scope, 'audit_templates.create', { type: 'auditTemplate', id: row.id }, null, row),
  ]);
  return row;
}

/** Inserts the default templates the tenant does not have yet (unique per default key); seeding twice changes nothing. */
export async function seedDefaultTemplates(scope: TenantScope, defaults: TemplateValues[]): Promise<number> {
  const rows = defaults.map((d) => templateRow(scope, d));
  const results = (await commit(
    scope,
    rows.flatMap((row) => [
      scope.db.insert(auditTemplates).values(row).onConflictDoNothing().returning({ id: auditTemplates.id }),
    ]),
  )) as { id: string }[][];
  const created = rows.filter((_, i) => (results[i]?.length ?? 0) > 0);
  if (created.length > 0) {
    await commit(
      scope,
      created.map((row) =>
        auditEntry(scope, 'audit_templates.seed_default', { type: 'auditTemplate', id: row.id }, null, row),
      ),
    );
  }
  return created.length;
}

export function updateTemplate(
  scope: TenantScope,
  before: TemplateRow,
  changes: Partial<TemplateRow>,
  expectedVersion: number | undefined,
): Promise<TemplateRow> {
  return updateVersioned(scope, auditTemplates, before, changes, {
    audit: { action: 'audit_templates.update', type: 'auditTemplate' },
    expectedVersion,
    conflict: 'The template changed while you were editing it',
  });
}

/** Whether any plan uses the template (then it can only be deactivated). */
export async function templateInUse(scope: TenantScope, templateId: string): Promise<boolean> {
  const [used] = await scope.db
    .select({ id: auditPlans.id })
    .from(auditPlans)
    .where(and(eq(auditPlans.tenantId, scope.tenantId), eq(auditPlans.templateId, templateId)))
    .limit(1);
  return !!used;
}

export async function deleteTemplate(scope: TenantScope, before: TemplateRow): Promise<void> {
  await commit(scope, [
    scope.db
      .delete(auditTemplates)
      .where(and(eq(auditTemplates.tenantId, scope.tenantId), eq(auditTemplates.id, before.id))),
    auditEntry(scope, 'audit_templates.delete', { type: 'auditTemplate', id: before.id }, before, null),
  ]);
}
