import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ArticleFields } from '../../knowledge/articles';
import { articleKinds, articleScopeLevels, articleStatuses } from '../../knowledge/articles';
import type { VersionedArticleField } from '../../knowledge/versions';
import { instant, tenantOwned, versioned } from './columns';

/** The knowledge categories (费用, 规章制度, 公共设施 ...), dotted codes like the case tree. */
export const knowledgeCategories = sqliteTable(
  'knowledge_categories',
  {
    ...tenantOwned(),
    ...versioned(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('knowledge_categories_tenant_code_uq').on(t.tenantId, t.code)],
);

/**
 * 知识库文章 and 案例: the current version of an article; `version` is both the ETag and the
 * number of its latest row in `knowledge_article_versions`. Searched through `knowledge_articles_fts`.
 */
export const knowledgeArticles = sqliteTable(
  'knowledge_articles',
  {
    ...tenantOwned(),
    ...versioned(),
    kind: text('kind', { enum: articleKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    categoryCode: text('category_code'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    scopeLevel: text('scope_level', { enum: articleScopeLevels }).notNull().default('tenant'),
    branchId: text('branch_id'),
    projectId: text('project_id'),
    politePhrases: text('polite_phrases', { mode: 'json' }).$type<string[] | null>(),
    forbiddenPhrases: text('forbidden_phrases', { mode: 'json' }).$type<string[] | null>(),
    lesson: text('lesson'),
    sourceCaseId: text('source_case_id'),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    publishedAt: instant('published_at'),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('knowledge_articles_tenant_status_scope_idx').on(t.tenantId, t.status, t.scopeLevel, t.id),
    index('knowledge_articles_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
    index('knowledge_articles_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('knowledge_articles_tenant_kind_idx').on(t.tenantId, t.kind, t.id),
    // A resolved case is added to the library once.
    uniqueIndex('knowledge_articles_tenant_source_case_uq')
      .on(t.tenantId, t.sourceCaseId)
      .where(sql`source_case_id is not null`),
  ],
);

/** Every saved change of an article: who, when, which fields, and the article as it then stood. */
export const knowledgeArticleVersions = sqliteTable(
  'knowledge_article_versions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    articleId: text('article_id').notNull(),
    version: integer('version').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: instant('changed_at').notNull(),
    changedFields: text('changed_fields', { mode: 'json' }).$type<VersionedArticleField[]>().notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<ArticleFields>().notNull(),
  },
  (t) => [
    uniqueIndex('knowledge_article_versions_tenant_article_version_uq').on(
      t.tenantId,
      t.articleId,
      t.version,
    ),
  ],
);
