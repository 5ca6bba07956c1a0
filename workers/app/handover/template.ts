import { AppError, handover, type Reach } from '@guanjia/core';
import { defaultTemplate, saveDefaultTemplate } from '../../data/handover';
import type { TenantScope } from '../../data/scope';

/**
 * The tenant's readiness checklist template (交付风险表, seed 000 part 2.V): the seed's list until
 * the tenant edits it; a new plan copies the template of the day, plans already made keep theirs.
 */

export interface TemplateView {
  items: handover.ChecklistTemplate;
  /** 0 while the tenant uses the seed's list unedited. */
  version: number;
}

export async function getChecklistTemplate(scope: TenantScope, _reach: Reach): Promise<TemplateView> {
  const row = await defaultTemplate(scope);
  return row
    ? { items: row.items, version: row.version }
    : { items: handover.defaultHandoverChecklist, version: 0 };
}

/** Replaces the template's items; the whole tenant's, so only a group-wide quality manager may. */
export async function saveChecklistTemplate(
  scope: TenantScope,
  reach: Reach,
  input: { items: handover.ChecklistTemplate; expectedVersion: number | undefined },
): Promise<TemplateView> {
  if (reach.kind !== 'tenant') {
    throw new AppError(
      'forbidden',
      'The checklist template is the whole group’s: a group-wide quality manager edits it',
    );
  }
  const items = handover.ChecklistTemplateSchema.parse(input.items);
  const before = await defaultTemplate(scope);
  if (!before && input.expectedVersion !== undefined && input.expectedVersion !== 0) {
    throw new AppError('precondition_failed', 'Current version is 0');
  }
  const row = await saveDefaultTemplate(scope, before, items, before ? input.expectedVersion : undefined);
  return { items: row.items, version: row.version };
}
