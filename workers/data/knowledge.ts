import { AppError, type knowledge, newId, type Reach } from '@guanjia/core';
import {
  caseParties,
  cases,
  caseTimeline,
  knowledgeArticles,
  knowledgeArticleVersions,
  knowledgeCategories,
  owners,
  units,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { branchFilter, projectFilter } from './reach';
import { keysetPage, type PageRequest } from './records';
import type { TenantScope } from './scope';

/** The knowledge base and case library (知识库 / 案例库): categories, articles, their versions. */

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type ArticleVersionRow = typeof knowledgeArticleVersions.$inferSelect;
export type CategoryRow = typeof knowledgeCategories.$inferSelect;

/** Shortest query the trigram index answers; shorter ones are a substring scan of the tenant's articles. */
export const minTrigramLength = 3;
const ftsPhrase = (q: string) => `"${q.replaceAll('"', '""')}"`;

/**
 * The articles a reach sees: every article for a group-wide reach; otherwise the tenant's, and
 * the branch's and project's articles of the reached places (a project reach sees its branch's).
 */
export function articleReach(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  return or(
    eq(knowledgeArticles.scopeLevel, 'tenant'),
    and(eq(knowledgeArticles.scopeLevel, 'branch'), branchFilter(scope, reach, knowledgeArticles.branchId)),
    and(
      eq(knowledgeArticles.scopeLevel, 'project'),
      projectFilter(scope, reach, knowledgeArticles.projectId),
    ),
  );
}

/** Published articles visible at a place (core's `isVisibleAt` as SQL). */
function visibleAt(place: knowledge.Place): SQL | undefined {
  return or(
    eq(knowledgeArticles.scopeLevel, 'tenant'),
    place.branchId
      ? and(eq(knowledgeArticles.scopeLevel, 'branch'), eq(knowledgeArticles.branchId, place.branchId))
      : undefined,
    place.projectId
      ? and(eq(knowledgeArticles.scopeLevel, 'project'), eq(knowledgeArticles.projectId, place.projectId))
      : undefined,
  );
}

export interface ArticleQuery {
  q?: string;
  kind?: ArticleRow['kind'];
  categoryCode?: string;
  status?: ArticleRow['status'];
  place?: knowledge.Place | null;
}

function searchFilter(scope: TenantScope, q: string | undefined): SQL {
  const text = q?.trim();
  if (text && [...text].length >= minTrigramLength) {
    return and(
      sql`+${knowledgeArticles.tenantId} = ${scope.tenantId}`,
      sql`${knowledgeArticles}.rowid IN (SELECT rowid FROM knowledge_articles_fts WHERE knowledge_articles_fts MATCH ${ftsPhrase(text)})`,
    ) as SQL;
  }
  return and(
    eq(knowledgeArticles.tenantId, scope.tenantId),
    text
      ? sql`(instr(${knowledgeArticles.title}, ${text}) > 0 OR instr(${knowledgeArticles.body}, ${text}) > 0)`
      : undefined,
  ) as SQL;
}

/** A keyset page of the articles in reach matching the query, newest first. */
export async function listArticleRows(
  scope: TenantScope,
  reach: Reach,
  query: ArticleQuery,
  page: PageRequest,
): Promise<ArticleRow[]> {
  return scope.db
    .select()
    .from(knowledgeArticles)
    .where(
      and(
        searchFilter(scope, query.q),
        page.after ? sql`${knowledgeArticles.id} < ${page.after}` : undefined,
        query.kind ? eq(knowledgeArticles.kind, query.kind) : undefined,
        query.status ? eq(knowledgeArticles.status, query.status) : undefined,
        query.categoryCode
          ? or(
              eq(knowledgeArticles.categoryCode, query.categoryCode),
              sql`${knowledgeArticles.categoryCode} LIKE ${`${query.categoryCode}.%`}`,
            )
          : undefined,
        query.place ? visibleAt(query.place) : undefined,
        articleReach(scope, reach),
      ),
    )
    .orderBy(desc(knowledgeArticles.id))
    .limit(page.limit + 1);
}

/** Published articles visible at `place` matching any of the trigrams (candidates for suggestions). */
export async function candidateArticles(
  scope: TenantScope,
  reach: Reach,
  trigrams: string[],
  place: knowledge.Place | null,
  limit = 30,
): Promise<ArticleRow[]> {
  if (trigrams.length === 0) return [];
  const match = trigrams.map(ftsPhrase).join(' OR ');
  return scope.db
    .select()
    .from(knowledgeArticles)
    .where(
      and(
        sql`+${knowledgeArticles.tenantId} = ${scope.tenantId}`,
        sql`${knowledgeArticles}.rowid IN (SELECT rowid FROM knowledge_articles_fts WHERE knowledge_articles_fts MATCH ${match} ORDER BY rank LIMIT ${limit * 3})`,
        eq(knowledgeArticles.status, 'published'),
        place ? visibleAt(place) : undefined,
        articleReach(scope, reach),
      ),
    )
    .limit(limit * 3);
}

export async function getArticleRow(scope: TenantScope, reach: Reach, id: string): Promise<ArticleRow> {
  const [row] = await scope.db
    .select()
    .from(knowledgeArticles)
    .where(
      and(
        eq(knowledgeArticles.tenantId, scope.tenantId),
        eq(knowledgeArticles.id, id),
        articleReach(scope, reach),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Article ${id} not found`);
  return row;
}

function versionInsert(scope: TenantScope, articleId: string, v: knowledge.ArticleVersion) {
  return scope.db.insert(knowledgeArticleVersions).values({
    id: newId('articleVersion'),
    tenantId: scope.tenantId,
    articleId,
    version: v.version,
    changedBy: v.changedBy,
    changedAt: v.changedAt,
    changedFields: v.changedFields,
    snapshot: v.snapshot,
  });
}

export type NewArticle = Omit<ArticleRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>;

/** A new article and its version 1, in one batch. */
export async function insertArticle(
  scope: TenantScope,
  values: NewArticle,
  first: knowledge.ArticleVersion,
): Promise<ArticleRow> {
  const row: ArticleRow = {
    ...values,
    id: newId('article'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(knowledgeArticles).values(row),
    versionInsert(scope, row.id, first),
    auditEntry(scope, 'knowledge_articles.create', { type: 'article', id: row.id }, null, row),
  ]);
  return row;
}

/**
 * Saves a change: the row (if its version still matches) and, when `version` is given, the
 * version row of the fields that changed; a status change alone (publish, archive) makes none.
 */
export async function updateArticleRow(
  scope: TenantScope,
  before: ArticleRow,
  changes: Partial<ArticleRow>,
  version: knowledge.ArticleVersion | null,
  action: string,
  expectedVersion: number | undefined,
): Promise<ArticleRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  const versionOf = version ? { ...version, version: after.version } : null;
  const [result] = await commit(scope, [
    scope.db
      .update(knowledgeArticles)
      .set(next)
      .where(
        and(
          eq(knowledgeArticles.tenantId, scope.tenantId),
          eq(knowledgeArticles.id, before.id),
          eq(knowledgeArticles.version, before.version),
        ),
      ),
    ...(versionOf ? [versionInsert(scope, before.id, versionOf)] : []),
    auditEntry(scope, action, { type: 'article', id: before.id }, before, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The article changed meanwhile');
  }
  return after;
}

export function listVersionRows(scope: TenantScope, articleId: string): Promise<ArticleVersionRow[]> {
  return scope.db
    .select()
    .from(knowledgeArticleVersions)
    .where(
      and(
        eq(knowledgeArticleVersions.tenantId, scope.tenantId),
        eq(knowledgeArticleVersions.articleId, articleId),
      ),
    )
    .orderBy(desc(knowledgeArticleVersions.version))
    .limit(200);
}

// Categories

export function listCategoryRows(scope: TenantScope, page: PageRequest): Promise<CategoryRow[]> {
  return keysetPage(scope, knowledgeCategories, [], page);
}

export async function allCategoryRows(scope: TenantScope): Promise<CategoryRow[]> {
  return scope.db
    .select()
    .from(knowledgeCategories)
    .where(eq(knowledgeCategories.tenantId, scope.tenantId))
    .orderBy(asc(knowledgeCategories.position), asc(knowledgeCategories.code))
    .limit(500);
}

export async function categoryExists(scope: TenantScope, code: string): Promise<boolean> {
  const row = await scope.db.query.knowledgeCategories.findFirst({
    columns: { id: true },
    where: and(eq(knowledgeCategories.tenantId, scope.tenantId), eq(knowledgeCategories.code, code)),
  });
  return Boolean(row);
}

export async function insertCategory(
  scope: TenantScope,
  values: { code: string; labelZh: string; labelEn: string; position: number },
): Promise<CategoryRow> {
  const row: CategoryRow = {
    ...values,
    id: newId('knowledgeCategory'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(knowledgeCategories).values(row),
    auditEntry(scope, 'knowledge_categories.create', { type: 'knowledgeCategory', id: row.id }, null, row),
  ]);
  return row;
}

// The case library's source: a case with what it knows of its people

export async function caseForLibrary(scope: TenantScope, caseId: string, visibility: SQL | undefined) {
  const [row] = await scope.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId), visibility))
    .limit(1);
  if (!row) return null;
  const [timeline, parties] = await Promise.all([
    scope.db
      .select({ action: caseTimeline.action, note: caseTimeline.note })
      .from(caseTimeline)
      .where(and(eq(caseTimeline.tenantId, scope.tenantId), eq(caseTimeline.caseId, caseId)))
      .orderBy(asc(caseTimeline.id))
      .limit(200),
    scope.db
      .select({ partyType: caseParties.partyType, partyId: caseParties.partyId })
      .from(caseParties)
      .where(and(eq(caseParties.tenantId, scope.tenantId), eq(caseParties.caseId, caseId)))
      .limit(50),
  ]);
  const ownerIds = [
    ...new Set([row.ownerId, ...parties.filter((p) => p.partyType === 'owner').map((p) => p.partyId)]),
  ].filter((id): id is string => Boolean(id));
  const unitIds = [
    ...new Set([row.unitId, ...parties.filter((p) => p.partyType === 'unit').map((p) => p.partyId)]),
  ].filter((id): id is string => Boolean(id));
  const [people, places] = await Promise.all([
    ownerIds.length
      ? scope.db
          .select({
            name: owners.name,
            phone: owners.phone,
            altPhone: owners.altPhone,
            email: owners.email,
            wechatOpenId: owners.wechatOpenId,
          })
          .from(owners)
          .where(and(eq(owners.tenantId, scope.tenantId), inArray(owners.id, ownerIds)))
      : Promise.resolve([]),
    unitIds.length
      ? scope.db
          .select({ number: units.number })
          .from(units)
          .where(and(eq(units.tenantId, scope.tenantId), inArray(units.id, unitIds)))
      : Promise.resolve([]),
  ]);
  return { row, timeline, people, unitNumbers: places.map((u) => u.number) };
}

export async function articlesBySourceCase(scope: TenantScope, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return scope.db
    .select({ id: knowledgeArticles.id, sourceCaseId: knowledgeArticles.sourceCaseId })
    .from(knowledgeArticles)
    .where(
      and(eq(knowledgeArticles.tenantId, scope.tenantId), inArray(knowledgeArticles.sourceCaseId, caseIds)),
    );
}
