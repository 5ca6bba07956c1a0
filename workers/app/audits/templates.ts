import { AppError, type audits } from '@guanjia/core';
import type { TemplateRow } from '../../data/audit-templates';
import * as templates from '../../data/audit-templates';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { defaultTemplates, parseSections } from './scoring';

/** Audit templates (暗访模板): the edge has checked `audits.manage` (reading) or a group-wide writer. */

/** A page of the tenant's templates; the platform's defaults are seeded on the first list. */
export async function listAuditTemplates(
  scope: TenantScope,
  query: { channel?: string },
  page: PageRequest,
): Promise<TemplateRow[]> {
  if (!(await templates.hasDefaultTemplates(scope))) {
    await templates.seedDefaultTemplates(scope, defaultTemplates());
  }
  return templates.listTemplates(scope, query, page);
}

/** Adds the default templates the tenant lacks; answers how many were added. */
export function seedDefaultAuditTemplates(scope: TenantScope): Promise<number> {
  return templates.seedDefaultTemplates(scope, defaultTemplates());
}

export function getAuditTemplate(scope: TenantScope, id: string): Promise<TemplateRow> {
  return templates.getTemplate(scope, id);
}

export interface TemplateInput {
  name: string;
  channel: audits.AuditChannel;
  sections: unknown[];
  threshold?: number | null;
  active?: boolean;
}

/** A new template; its sections must follow core's template schema (400 naming each bad field). */
export function createAuditTemplate(scope: TenantScope, input: TemplateInput): Promise<TemplateRow> {
  return templates.insertTemplate(scope, {
    name: input.name,
    channel: input.channel,
    sections: parseSections(input.channel, input.sections),
    threshold: input.threshold ?? null,
  });
}

/** A new revision of a template (audits planned before keep their snapshot). */
export async function updateAuditTemplate(
  scope: TenantScope,
  input: { id: string; changes: Partial<TemplateInput>; expectedVersion: number | undefined },
): Promise<TemplateRow> {
  const before = await templates.getTemplate(scope, input.id);
  const changes: Partial<TemplateRow> = { ...input.changes } as Partial<TemplateRow>;
  if (input.changes.sections) {
    changes.sections = parseSections(input.changes.channel ?? before.channel, input.changes.sections);
  }
  return templates.updateTemplate(scope, before, changes, input.expectedVersion);
}

/** Deletes a template no plan uses (409 otherwise: deactivate it instead). */
export async function deleteAuditTemplate(
  scope: TenantScope,
  input: { id: string; expectedVersion: number | undefined },
): Promise<void> {
  const before = await templates.getTemplate(scope, input.id);
  if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
    throw new AppError('precondition_failed');
  }
  if (await templates.templateInUse(scope, before.id)) {
    throw new AppError('conflict', 'Plans use this template; deactivate it instead');
  }
  await templates.deleteTemplate(scope, before);
}
