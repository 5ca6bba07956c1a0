import { AppError, fieldError, satisfaction } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as templates from '../../data/survey-templates';

export type { SurveyTemplateRow } from '../../data/survey-templates';

/**
 * The default questionnaire (core's `defaultQuestionnaire`, in Chinese from the standards), stored
 * for the tenant the first time anyone reads the templates or pins it in a campaign.
 */
export async function ensureDefaultTemplate(scope: TenantScope): Promise<templates.SurveyTemplateRow> {
  const d = satisfaction.defaultQuestionnaire;
  const found = await templates.findTemplate(scope, d.key, d.version);
  if (found) return found;
  try {
    return await templates.insertTemplate(scope, d);
  } catch (error) {
    // Two first readers at once: the other one stored it.
    const again = await templates.findTemplate(scope, d.key, d.version);
    if (again) return again;
    throw error;
  }
}

export async function listTemplates(scope: TenantScope, query: { key?: string }, page: PageRequest) {
  await ensureDefaultTemplate(scope);
  return templates.listTemplates(scope, query, page);
}

export const getTemplate = (scope: TenantScope, id: string) => templates.getTemplate(scope, id);

/**
 * Saves a questionnaire: a new key starts at version 1, an existing key gets the next version
 * (versions are never edited, so answered surveys keep their meaning).
 */
export async function saveTemplate(
  scope: TenantScope,
  input: Omit<satisfaction.QuestionnaireTemplate, 'version'>,
): Promise<templates.SurveyTemplateRow> {
  if (input.key === satisfaction.defaultQuestionnaire.key) await ensureDefaultTemplate(scope);
  const latest = await templates.latestTemplate(scope, input.key);
  const parsed = satisfaction.QuestionnaireTemplateSchema.safeParse({
    ...input,
    version: (latest?.templateVersion ?? 0) + 1,
  });
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The questionnaire is not valid', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return templates.insertTemplate(scope, parsed.data);
}

/** The template a campaign pins (the default is stored on first use). */
export async function pinnedTemplate(scope: TenantScope, key: string, version: number, path = 'templateKey') {
  const d = satisfaction.defaultQuestionnaire;
  if (key === d.key && version === d.version) await ensureDefaultTemplate(scope);
  const row = await templates.findTemplate(scope, key, version);
  if (!row) {
    throw fieldError(path, `No questionnaire ${key} version ${version}`);
  }
  return row;
}
