import { AppError, fieldError, knowledge, type Reach, reachOf } from '@guanjia/core';
import { ZodError } from 'zod';
import {
  type ArticleQuery,
  type ArticleRow,
  type ArticleVersionRow,
  allCategoryRows,
  type CategoryRow,
  categoryExists,
  getArticleRow,
  insertArticle,
  insertCategory,
  listArticleRows,
  listVersionRows,
  updateArticleRow,
} from '../../data/knowledge';
import { findBranch, projectPlace } from '../../data/org-lookups';
import { inReach, requireReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';

/** The knowledge base (知识库): articles with categories, versions and where they are published. */

export const knowledgeReader = (scope: TenantScope): Reach => requireReach(scope, 'knowledge.read');
export const knowledgeEditor = (scope: TenantScope): Reach => requireReach(scope, 'knowledge.manage');

/** A core schema's refusal as the API's 400 with every field named. */
export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('validation_failed', issues[0]?.message ?? 'Invalid article', { issues });
    }
    throw error;
  }
}

/** The article's fields as core reads them. */
export function fieldsOf(row: ArticleRow): knowledge.ArticleFields {
  return {
    kind: row.kind,
    title: row.title,
    body: row.body,
    categoryCode: row.categoryCode,
    tags: row.tags,
    scope:
      row.scopeLevel === 'tenant'
        ? { level: 'tenant' }
        : row.scopeLevel === 'branch'
          ? { level: 'branch', branchId: row.branchId ?? '' }
          : { level: 'project', branchId: row.branchId ?? '', projectId: row.projectId ?? '' },
    politePhrases: row.politePhrases,
    forbiddenPhrases: row.forbiddenPhrases,
    lesson: row.lesson,
    sourceCaseId: row.sourceCaseId,
  };
}

function columnsOf(f: knowledge.ArticleFields) {
  return {
    kind: f.kind,
    title: f.title,
    body: f.body,
    categoryCode: f.categoryCode,
    tags: f.tags,
    scopeLevel: f.scope.level,
    branchId: f.scope.level === 'tenant' ? null : f.scope.branchId,
    projectId: f.scope.level === 'project' ? f.scope.projectId : null,
    politePhrases: f.politePhrases,
    forbiddenPhrases: f.forbiddenPhrases,
    lesson: f.lesson,
    sourceCaseId: f.sourceCaseId,
  };
}

/** Whether an editor's reach covers where an article is published (a group article needs a group-wide editor). */
function editsAt(reach: Reach, s: knowledge.ArticleScope): boolean {
  if (s.level === 'tenant') return reach.kind === 'tenant';
  if (s.level === 'branch') return inReach(reach, { branchId: s.branchId });
  return inReach(reach, { branchId: s.branchId, projectId: s.projectId });
}

/** The place an article is published at must exist, lie in the editor's reach, and its category too. */
async function checkPlacement(scope: TenantScope, reach: Reach, f: knowledge.ArticleFields) {
  const s = f.scope;
  if (s.level === 'branch' && !(await findBranch(scope, s.branchId))) {
    throw fieldError('scope.branchId', `Branch ${s.branchId} not found`);
  }
  if (s.level === 'project') {
    const project = await projectPlace(scope, s.projectId, 'scope.projectId');
    if (project.branchId !== s.branchId)
      throw fieldError('scope.branchId', 'The project is of another branch');
  }
  if (!editsAt(reach, s)) {
    throw new AppError(
      'forbidden',
      'Publishing there needs an editor of that place (a group article: group-wide)',
    );
  }
  if (f.categoryCode && !(await categoryExists(scope, f.categoryCode))) {
    throw fieldError('categoryCode', `Category ${f.categoryCode} not found`);
  }
}

/** Whether the caller edits anywhere (drafts and archived articles are the editors'). */
const isEditor = (scope: TenantScope) => reachOf(scope.grants, 'knowledge.manage').kind !== 'none';

export function listArticles(
  scope: TenantScope,
  reach: Reach,
  query: ArticleQuery,
  page: PageRequest,
): Promise<ArticleRow[]> {
  return listArticleRows(scope, reach, isEditor(scope) ? query : { ...query, status: 'published' }, page);
}

export async function getArticle(scope: TenantScope, reach: Reach, id: string): Promise<ArticleRow> {
  const row = await getArticleRow(scope, reach, id);
  if (
    row.status !== 'published' &&
    !editsAt(reachOf(scope.grants, 'knowledge.manage'), fieldsOf(row).scope)
  ) {
    throw new AppError('not_found', `Article ${id} not found`);
  }
  return row;
}

/** A new article (a draft until published), its version 1 recorded. */
export async function createArticle(
  scope: TenantScope,
  reach: Reach,
  input: knowledge.ArticleInput & { publish?: boolean },
): Promise<ArticleRow> {
  const { publish, ...body } = input;
  const fields = parsed(() => knowledge.ArticleInputSchema.parse(body));
  await checkPlacement(scope, reach, fields);
  const first = knowledge.nextArticleVersion(null, fields, scope.actor.id ?? 'system', scope.now);
  return insertArticle(
    scope,
    {
      ...columnsOf(fields),
      status: publish ? 'published' : 'draft',
      publishedAt: publish ? scope.now : null,
      createdBy: scope.actor.id,
      updatedBy: scope.actor.id,
    },
    first as knowledge.ArticleVersion,
  );
}

/** Saves an edit: a new version naming the fields that changed (none when nothing did). */
export async function updateArticle(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; patch: Partial<knowledge.ArticleInput>; expectedVersion: number | undefined },
): Promise<ArticleRow> {
  const before = await getArticleRow(scope, reach, input.id);
  const old = fieldsOf(before);
  if (!editsAt(reach, old.scope))
    throw new AppError('forbidden', 'The article is published beyond your reach');
  const fields = parsed(() => knowledge.ArticleInputSchema.parse({ ...old, ...input.patch }));
  await checkPlacement(scope, reach, fields);
  const version = knowledge.nextArticleVersion(
    { version: before.version, fields: old },
    fields,
    scope.actor.id ?? 'system',
    scope.now,
  );
  if (!version) {
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      throw new AppError('precondition_failed', `Current version is ${before.version}`);
    }
    return before;
  }
  return updateArticleRow(
    scope,
    before,
    { ...columnsOf(fields), updatedBy: scope.actor.id },
    version,
    'knowledge_articles.update',
    input.expectedVersion,
  );
}

/** Publishes a draft (or an archived article again), or archives one. */
export async function setArticleStatus(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; status: 'published' | 'archived'; expectedVersion: number | undefined },
): Promise<ArticleRow> {
  const before = await getArticleRow(scope, reach, input.id);
  if (!editsAt(reach, fieldsOf(before).scope))
    throw new AppError('forbidden', 'The article is published beyond your reach');
  if (before.status === input.status)
    throw new AppError('illegal_transition', `The article is already ${input.status}`);
  return updateArticleRow(
    scope,
    before,
    { status: input.status, ...(input.status === 'published' ? { publishedAt: scope.now } : {}) },
    null,
    input.status === 'published' ? 'knowledge_articles.publish' : 'knowledge_articles.archive',
    input.expectedVersion,
  );
}

export async function articleVersions(
  scope: TenantScope,
  reach: Reach,
  id: string,
): Promise<ArticleVersionRow[]> {
  await getArticle(scope, reach, id);
  return listVersionRows(scope, id);
}

export function listKnowledgeCategories(scope: TenantScope): Promise<CategoryRow[]> {
  return allCategoryRows(scope);
}

/** Categories are the tenant's: a group-wide editor adds one. */
export async function createKnowledgeCategory(
  scope: TenantScope,
  reach: Reach,
  input: { code: string; labelZh: string; labelEn: string; position: number },
): Promise<CategoryRow> {
  if (reach.kind !== 'tenant') throw new AppError('forbidden', 'Categories need a group-wide editor');
  const parent = input.code.includes('.') ? input.code.slice(0, input.code.lastIndexOf('.')) : null;
  if (parent && !(await categoryExists(scope, parent)))
    throw fieldError('code', `Parent category ${parent} not found`);
  return insertCategory(scope, input);
}

export type { PageRequest };
