import type { satisfaction } from '@guanjia/core';
import { AppError, newId } from '@guanjia/core';
import { surveyTemplates } from '@guanjia/core/db/schema';
import { and, desc, eq } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { keysetPage, type PageRequest } from './records';
import type { TenantScope } from './scope';

/** Questionnaire templates (满意度调查问卷), one row per version; versions are never edited. */

export type SurveyTemplateRow = typeof surveyTemplates.$inferSelect;

export function listTemplates(scope: TenantScope, query: { key?: string }, page: PageRequest) {
  return keysetPage(
    scope,
    surveyTemplates,
    [query.key ? eq(surveyTemplates.key, query.key) : undefined],
    page,
  );
}

export async function findTemplate(
  scope: TenantScope,
  key: string,
  version: number,
): Promise<SurveyTemplateRow | undefined> {
  return scope.db.query.surveyTemplates.findFirst({
    where: and(
      eq(surveyTemplates.tenantId, scope.tenantId),
      eq(surveyTemplates.key, key),
      eq(surveyTemplates.templateVersion, version),
    ),
  });
}

export async function latestTemplate(
  scope: TenantScope,
  key: string,
): Promise<SurveyTemplateRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.tenantId, scope.tenantId), eq(surveyTemplates.key, key)))
    .orderBy(desc(surveyTemplates.templateVersion))
    .limit(1);
  return row;
}

export async function getTemplate(scope: TenantScope, id: string): Promise<SurveyTemplateRow> {
  const row = await scope.db.query.surveyTemplates.findFirst({
    where: and(eq(surveyTemplates.tenantId, scope.tenantId), eq(surveyTemplates.id, id)),
  });
  if (!row) throw new AppError('not_found', `Survey template ${id} not found`);
  return row;
}

/** Stores one version; a clash on (key, version) is a 409 naming `key`, `templateVersion`. */
export async function insertTemplate(
  scope: TenantScope,
  template: satisfaction.QuestionnaireTemplate,
): Promise<SurveyTemplateRow> {
  const row: SurveyTemplateRow = {
    id: newId('surveyTemplate'),
    tenantId: scope.tenantId,
    key: template.key,
    templateVersion: template.version,
    title: template.title,
    questions: template.questions,
    createdAt: scope.now,
    updatedAt: scope.now,
  };
  await commit(scope, [
    scope.db.insert(surveyTemplates).values(row),
    auditEntry(scope, 'satisfaction.templates.create', { type: 'surveyTemplate', id: row.id }, null, row),
  ]);
  return row;
}

/** The stored row as core's template. */
export const templateOf = (row: SurveyTemplateRow): satisfaction.QuestionnaireTemplate =>
  ({
    key: row.key,
    version: row.templateVersion,
    title: row.title,
    questions: row.questions,
  }) as satisfaction.QuestionnaireTemplate;
