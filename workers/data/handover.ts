import { AppError, newId, type Reach } from '@guanjia/core';
import {
  handoverAlerts,
  handoverChecklistItems,
  handoverChecklistTemplates,
  handoverPlans,
  unfinishedWorks,
} from '@guanjia/core/db/schema';
import { and, asc, eq, gte } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import type { TenantScope } from './scope';

/** Handover readiness (交付): plans per project batch, their checklist items and risk alerts. */

export type HandoverPlanRow = typeof handoverPlans.$inferSelect;
export type ChecklistItemRow = typeof handoverChecklistItems.$inferSelect;

export async function defaultTemplate(scope: TenantScope) {
  const row = await scope.db.query.handoverChecklistTemplates.findFirst({
    where: and(
      eq(handoverChecklistTemplates.tenantId, scope.tenantId),
      eq(handoverChecklistTemplates.isDefault, true),
    ),
  });
  return row ?? null;
}

export async function insertPlan(
  scope: TenantScope,
  plan: Omit<HandoverPlanRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
  items: Omit<ChecklistItemRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version' | 'planId'>[],
): Promise<HandoverPlanRow> {
  const row: HandoverPlanRow = {
    ...plan,
    id: newId('handoverPlan'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(handoverPlans).values(row),
    ...items.map((item) =>
      scope.db.insert(handoverChecklistItems).values({
        ...item,
        id: newId('handoverItem'),
        tenantId: scope.tenantId,
        planId: row.id,
        createdAt: scope.now,
        updatedAt: scope.now,
        version: 1,
      }),
    ),
    auditEntry(scope, 'handover_plans.create', { type: 'handoverPlan', id: row.id }, null, row),
  ]);
  return row;
}

export async function getPlanRow(scope: TenantScope, reach: Reach, id: string): Promise<HandoverPlanRow> {
  const row = await scope.db.query.handoverPlans.findFirst({
    where: and(eq(handoverPlans.tenantId, scope.tenantId), eq(handoverPlans.id, id)),
  });
  if (!row || !inReach(reach, row)) throw new AppError('not_found', `Handover plan ${id} not found`);
  return row;
}

export function listPlanRows(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string },
  page: PageRequest,
): Promise<HandoverPlanRow[]> {
  return keysetPage(
    scope,
    handoverPlans,
    [
      query.projectId ? eq(handoverPlans.projectId, query.projectId) : undefined,
      projectFilter(scope, reach, handoverPlans.projectId),
    ],
    page,
    'newest_first',
  );
}

export function planItems(scope: TenantScope, planId: string): Promise<ChecklistItemRow[]> {
  return scope.db
    .select()
    .from(handoverChecklistItems)
    .where(
      and(eq(handoverChecklistItems.tenantId, scope.tenantId), eq(handoverChecklistItems.planId, planId)),
    )
    .orderBy(asc(handoverChecklistItems.position));
}

export function updateItemRow(
  scope: TenantScope,
  before: ChecklistItemRow,
  changes: Partial<ChecklistItemRow>,
  expectedVersion: number | undefined,
): Promise<ChecklistItemRow> {
  return updateVersioned(scope, handoverChecklistItems, before, changes, {
    audit: { action: 'handover_items.update', type: 'handoverItem' },
    expectedVersion,
    conflict: 'The checklist item changed meanwhile',
  });
}

export function updatePlanRow(
  scope: TenantScope,
  before: HandoverPlanRow,
  changes: Partial<HandoverPlanRow>,
  expectedVersion: number | undefined,
): Promise<HandoverPlanRow> {
  return updateVersioned(scope, handoverPlans, before, changes, {
    audit: { action: 'handover_plans.update', type: 'handoverPlan' },
    expectedVersion,
    conflict: 'The handover plan changed meanwhile',
  });
}

/** Plans whose handover date is today or later (their checklists are watched), with recorded alert keys. */
export async function plansOnTheClock(scope: TenantScope, today: string) {
  const plans = await scope.db
    .select()
    .from(handoverPlans)
    .where(and(eq(handoverPlans.tenantId, scope.tenantId), gte(handoverPlans.handoverOn, today)))
    .limit(200);
  const recorded = new Set(
    (
      await scope.db
        .select({ key: handoverAlerts.key })
        .from(handoverAlerts)
        .where(eq(handoverAlerts.tenantId, scope.tenantId))
        .limit(10000)
    ).map((r) => r.key),
  );
  return { plans, recorded };
}

export async function recordHandoverAlert(
  scope: TenantScope,
  alert: { key: string; planId: string; itemKey: string; state: string },
  writes: unknown[],
): Promise<boolean> {
  try {
    await commit(scope, [
      scope.db
        .insert(handoverAlerts)
        .values({ id: newId('handoverAlert'), tenantId: scope.tenantId, ...alert, at: scope.now }),
      ...writes,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return false;
    throw error;
  }
}

export type UnfinishedWorkRow = typeof unfinishedWorks.$inferSelect;

export async function insertUnfinishedWork(
  scope: TenantScope,
  values: Omit<UnfinishedWorkRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
): Promise<UnfinishedWorkRow> {
  const row: UnfinishedWorkRow = {
    ...values,
    id: newId('unfinishedWork'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(unfinishedWorks).values(row),
    auditEntry(scope, 'unfinished_works.create', { type: 'unfinishedWork', id: row.id }, null, row),
  ]);
  return row;
}

export function planUnfinishedWorks(scope: TenantScope, planId: string): Promise<UnfinishedWorkRow[]> {
  return scope.db
    .select()
    .from(unfinishedWorks)
    .where(and(eq(unfinishedWorks.tenantId, scope.tenantId), eq(unfinishedWorks.planId, planId)))
    .orderBy(asc(unfinishedWorks.id))
    .limit(1000);
}

export async function getUnfinishedWorkRow(
  scope: TenantScope,
  id: string,
): Promise<UnfinishedWorkRow | null> {
  const row = await scope.db.query.unfinishedWorks.findFirst({
    where: and(eq(unfinishedWorks.tenantId, scope.tenantId), eq(unfinishedWorks.id, id)),
  });
  return row ?? null;
}

export function updateUnfinishedWorkRow(
  scope: TenantScope,
  before: UnfinishedWorkRow,
  changes: Partial<UnfinishedWorkRow>,
  expectedVersion: number | undefined,
): Promise<UnfinishedWorkRow> {
  return updateVersioned(scope, unfinishedWorks, before, changes, {
    audit: { action: 'unfinished_works.complete', type: 'unfinishedWork' },
    expectedVersion,
    conflict: 'The unfinished work changed meanwhile',
  });
}

export type TemplateRow = typeof handoverChecklistTemplates.$inferSelect;

/** Saves the tenant's default template: the first save inserts it, later ones are version-checked. */
export async function saveDefaultTemplate(
  scope: TenantScope,
  before: TemplateRow | null,
  items: TemplateRow['items'],
  expectedVersion: number | undefined,
): Promise<TemplateRow> {
  if (before) {
    return updateVersioned(
      scope,
      handoverChecklistTemplates,
      before,
      { items },
      {
        audit: { action: 'handover_templates.update', type: 'handoverTemplate' },
        expectedVersion,
        conflict: 'The template changed meanwhile',
      },
    );
  }
  const row: TemplateRow = {
    id: newId('handoverTemplate'),
    tenantId: scope.tenantId,
    name: '默认',
    items,
    isDefault: true,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(handoverChecklistTemplates).values(row),
    auditEntry(scope, 'handover_templates.create', { type: 'handoverTemplate', id: row.id }, null, row),
  ]);
  return row;
}
