import { AppError, fieldError, knowledge, type Reach } from '@guanjia/core';
import { caseVisibility } from '../../data/case-support';
import { type ArticleRow, caseForLibrary, insertArticle } from '../../data/knowledge';
import { requireReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';
import { parsed } from './articles';

/** Statuses of a case whose handling is over: what the case library takes. */
export const resolvedCaseStatuses = [
  'completed',
  'signed_off',
  'resolved',
  'answered',
  'acknowledged',
  'adopted',
  'noted',
  'followed_up',
  'closed',
] as const;

/**
 * Adds a resolved case to the case library (案例库) as an anonymised example with its lesson
 * learned: core's `caseExampleDraft` removes the owner's (and every party's) name, phones,
 * units, WeChat OpenID and email from the description, the handling notes, the title and the
 * lesson. The example is a draft until an editor publishes it; a case is added once (409).
 */
export async function addCaseExample(
  scope: TenantScope,
  reach: Reach,
  input: { caseId: string; title: string; lesson: string; categoryCode?: string | null; tags?: string[] },
): Promise<{ article: ArticleRow; removed: Record<knowledge.PersonalDataKind, number> }> {
  const source = await caseForLibrary(
    scope,
    input.caseId,
    caseVisibility(scope, requireReach(scope, 'cases.read')),
  );
  if (!source) throw fieldError('caseId', `Case ${input.caseId} not found`);
  if (!(resolvedCaseStatuses as readonly string[]).includes(source.row.status)) {
    throw fieldError('caseId', `Only a resolved case becomes an example (this one is ${source.row.status})`);
  }
  const notes = source.timeline.map((t) => t.note?.trim()).filter((n): n is string => Boolean(n));
  const draft = knowledge.caseExampleDraft(
    {
      caseId: source.row.id,
      kind: source.row.kind,
      category: source.row.category,
      description: source.row.description,
      handling: notes.slice(0, -1),
      resolution: notes.at(-1) ?? '已处理完毕',
    },
    {
      title: input.title,
      lesson: input.lesson,
      known: {
        names: [...source.people.map((p) => p.name), source.row.contactName].filter((n): n is string =>
          Boolean(n),
        ),
        phones: [...source.people.flatMap((p) => [p.phone, p.altPhone]), source.row.contactPhone].filter(
          (n): n is string => Boolean(n),
        ),
        emails: [...source.people.map((p) => p.email), source.row.contactEmail].filter((n): n is string =>
          Boolean(n),
        ),
        openIds: source.people.map((p) => p.wechatOpenId).filter((n): n is string => Boolean(n)),
        unitNumbers: source.unitNumbers,
      },
    },
  );
  const where: knowledge.ArticleScope =
    reach.kind === 'tenant'
      ? { level: 'tenant' }
      : { level: 'project', branchId: source.row.branchId, projectId: source.row.projectId };
  if (where.level === 'project' && !inProject(reach, source.row)) {
    throw new AppError('forbidden', 'Adding an example needs an editor of its project');
  }
  const fields = parsed(() =>
    knowledge.ArticleInputSchema.parse({
      kind: 'case_example',
      title: draft.title,
      body: draft.body,
      lesson: draft.lesson,
      sourceCaseId: draft.sourceCaseId,
      categoryCode: input.categoryCode ?? null,
      tags: input.tags ?? [],
      scope: where,
    }),
  );
  const first = knowledge.nextArticleVersion(null, fields, scope.actor.id ?? 'system', scope.now);
  const article = await insertArticle(
    scope,
    {
      kind: 'case_example',
      title: fields.title,
      body: fields.body,
      categoryCode: fields.categoryCode,
      tags: fields.tags,
      scopeLevel: where.level,
      branchId: where.level === 'tenant' ? null : where.branchId,
      projectId: where.level === 'project' ? where.projectId : null,
      politePhrases: null,
      forbiddenPhrases: null,
      lesson: fields.lesson,
      sourceCaseId: fields.sourceCaseId,
      status: 'draft',
      publishedAt: null,
      createdBy: scope.actor.id,
      updatedBy: scope.actor.id,
    },
    first as knowledge.ArticleVersion,
  );
  return { article, removed: draft.removed };
}

function inProject(reach: Reach, place: { branchId: string; projectId: string }) {
  if (reach.kind === 'tenant') return true;
  if (reach.kind === 'none') return false;
  return reach.projectIds.has(place.projectId) || reach.branchIds.has(place.branchId);
}
