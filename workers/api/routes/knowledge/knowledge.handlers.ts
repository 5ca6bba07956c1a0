import * as kb from '../../../app/knowledge';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  archiveArticleRoute,
  caseExampleRoute,
  createArticleRoute,
  createCategoryRoute,
  getArticleRoute,
  listArticlesRoute,
  listCategoriesRoute,
  publishArticleRoute,
  suggestRoute,
  updateArticleRoute,
  versionsRoute,
} from './knowledge.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function articleOut(a: kb.ArticleRow) {
  const f = kb.fieldsOf(a);
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    categoryCode: a.categoryCode,
    tags: a.tags,
    scope: f.scope,
    politePhrases: a.politePhrases,
    forbiddenPhrases: a.forbiddenPhrases,
    lesson: a.lesson,
    sourceCaseId: a.sourceCaseId,
    status: a.status,
    publishedAt: iso(a.publishedAt),
    createdBy: a.createdBy,
    updatedBy: a.updatedBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

function categoryOut(c: kb.CategoryRow) {
  return { id: c.id, code: c.code, labelZh: c.labelZh, labelEn: c.labelEn, position: c.position };
}

export const knowledgeRouter = createRouter()
  .openapi(listCategoriesRoute, async (c) => {
    const scope = c.get('scope');
    kb.knowledgeReader(scope);
    return c.json({ data: (await kb.listKnowledgeCategories(scope)).map(categoryOut) }, 200);
  })
  .openapi(createCategoryRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.createKnowledgeCategory(scope, kb.knowledgeEditor(scope), c.req.valid('json'));
    c.header('Location', `/v1/knowledge/categories/${row.id}`);
    return c.json(categoryOut(row), 201);
  })
  .openapi(listArticlesRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, projectId, ...query } = c.req.valid('query');
    const reach = kb.knowledgeReader(scope);
    const place = projectId ? await kb.placeOfProject(scope, reach, projectId) : null;
    const rows = await kb.listArticles(
      scope,
      reach,
      { ...query, place },
      { after: decodeCursor(cursor), limit },
    );
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(articleOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getArticleRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.getArticle(scope, kb.knowledgeReader(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(articleOut(row), 200);
  })
  .openapi(createArticleRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.createArticle(scope, kb.knowledgeEditor(scope), c.req.valid('json'));
    c.header('Location', `/v1/knowledge/articles/${row.id}`);
    c.header('ETag', etagOf(row.version));
    return c.json(articleOut(row), 201);
  })
  .openapi(updateArticleRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.updateArticle(scope, kb.knowledgeEditor(scope), {
      id: c.req.valid('param').id,
      patch: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(articleOut(row), 200);
  })
  .openapi(publishArticleRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.setArticleStatus(scope, kb.knowledgeEditor(scope), {
      id: c.req.valid('param').id,
      status: 'published',
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(articleOut(row), 200);
  })
  .openapi(archiveArticleRoute, async (c) => {
    const scope = c.get('scope');
    const row = await kb.setArticleStatus(scope, kb.knowledgeEditor(scope), {
      id: c.req.valid('param').id,
      status: 'archived',
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(articleOut(row), 200);
  })
  .openapi(versionsRoute, async (c) => {
    const scope = c.get('scope');
    const rows = await kb.articleVersions(scope, kb.knowledgeReader(scope), c.req.valid('param').id);
    return c.json(
      {
        data: rows.map((v) => ({
          version: v.version,
          changedBy: v.changedBy,
          changedAt: v.changedAt.toISOString(),
          changedFields: v.changedFields,
          title: v.snapshot.title,
          body: v.snapshot.body,
        })),
      },
      200,
    );
  })
  .openapi(suggestRoute, async (c) => {
    const scope = c.get('scope');
    const found = await kb.suggestArticles(scope, kb.knowledgeReader(scope), c.req.valid('json'));
    return c.json(
      { data: found.map((s) => ({ rank: s.rank, score: s.score, article: articleOut(s.article) })) },
      200,
    );
  })
  .openapi(caseExampleRoute, async (c) => {
    const scope = c.get('scope');
    const result = await kb.addCaseExample(scope, kb.knowledgeEditor(scope), c.req.valid('json'));
    c.header('Location', `/v1/knowledge/articles/${result.article.id}`);
    return c.json({ article: articleOut(result.article), removed: result.removed }, 201);
  });
