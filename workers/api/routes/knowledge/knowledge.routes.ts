import { DateTimeString, knowledge } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';

/** The knowledge base (知识库) and case library (案例库). */

const tags = ['knowledge'];
const id = z.string().min(1).max(64);
const time = DateTimeString;
const phrases = z.array(z.string().trim().min(1).max(60)).max(50);
const categoryCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'lower snake_case, dotted')
  .openapi({ example: 'fees.property_fee' });

const ArticleScope = z
  .discriminatedUnion('level', [
    z.object({ level: z.literal('tenant') }),
    z.object({ level: z.literal('branch'), branchId: id }),
    z.object({ level: z.literal('project'), branchId: id, projectId: id }),
  ])
  .openapi('ArticleScope', {
    description: 'Where the article is published: the whole group, a branch, a project',
  });

export const ArticleInput = z
  .object({
    kind: z.enum(knowledge.articleKinds).openapi({
      description: '标准答复 standard_answer, 办事流程 procedure, 话术 script, 案例 case_example',
    }),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(50000),
    categoryCode: categoryCode.nullable().default(null),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    scope: ArticleScope.default({ level: 'tenant' }),
    politePhrases: phrases
      .nullable()
      .default(null)
      .openapi({ description: "A script's 礼貌用语; null: the service standards' list" }),
    forbiddenPhrases: phrases
      .nullable()
      .default(null)
      .openapi({ description: "A script's 服务禁语 (its body may not say one); null: the standards' list" }),
    lesson: z.string().trim().max(5000).nullable().default(null),
    sourceCaseId: id.nullable().default(null),
    publish: z.boolean().default(false).openapi({ description: 'Publish at once instead of saving a draft' }),
  })
  .openapi('KnowledgeArticleInput');

export const ArticleUpdate = updateSchemaOf(ArticleInput.omit({ publish: true })).openapi(
  'KnowledgeArticleUpdate',
);

export const Article = z
  .object({
    id: z.string(),
    kind: z.enum(knowledge.articleKinds),
    title: z.string(),
    body: z.string(),
    categoryCode: z.string().nullable(),
    tags: z.array(z.string()),
    scope: ArticleScope,
    politePhrases: z.array(z.string()).nullable(),
    forbiddenPhrases: z.array(z.string()).nullable(),
    lesson: z.string().nullable(),
    sourceCaseId: z.string().nullable(),
    status: z.enum(knowledge.articleStatuses),
    publishedAt: time.nullable(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
    version: z.number().int(),
  })
  .openapi('KnowledgeArticle');

export const ArticleVersion = z
  .object({
    version: z.number().int(),
    changedBy: z.string(),
    changedAt: time,
    changedFields: z.array(z.string()).openapi({ description: 'Every field on version 1' }),
    title: z.string(),
    body: z.string(),
  })
  .openapi('KnowledgeArticleVersion');

export const Category = z
  .object({
    id: z.string(),
    code: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    position: z.number().int(),
  })
  .openapi('KnowledgeCategory');

export const CategoryInput = z
  .object({
    code: categoryCode,
    labelZh: z.string().trim().min(1).max(60),
    labelEn: z.string().trim().min(1).max(60),
    position: z.number().int().min(0).max(10000).default(0),
  })
  .openapi('KnowledgeCategoryInput');

export const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/knowledge/categories',
  operationId: 'listKnowledgeCategories',
  summary: 'The knowledge categories, in their order',
  tags,
  security: bearerSecurity,
  responses: {
    200: jsonContent(
      z.object({ data: z.array(Category) }).openapi('KnowledgeCategoryList'),
      'The categories',
    ),
    ...commonErrors,
  },
});

export const createCategoryRoute = createRoute({
  method: 'post',
  path: '/knowledge/categories',
  operationId: 'createKnowledgeCategory',
  summary: 'Add a knowledge category (a group-wide editor)',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(CategoryInput) },
  responses: { 201: jsonContent(Category, 'The category'), ...writeErrors },
});

export const listArticlesRoute = createRoute({
  method: 'get',
  path: '/knowledge/articles',
  operationId: 'listKnowledgeArticles',
  summary: 'Search the knowledge base (Chinese full text by trigrams), newest first',
  tags,
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      q: z
        .string()
        .trim()
        .max(200)
        .optional()
        .openapi({ description: 'Words of the title or body; 3+ characters use the index' }),
      kind: z.enum(knowledge.articleKinds).optional(),
      categoryCode: z
        .string()
        .max(120)
        .optional()
        .openapi({ description: 'The code and every code below it' }),
      status: z
        .enum(knowledge.articleStatuses)
        .optional()
        .openapi({ description: 'Readers who do not edit see published only' }),
      projectId: id.optional().openapi({ description: 'Only what a reader at this project sees' }),
    }),
  },
  responses: {
    200: jsonContent(pageSchema(Article, 'KnowledgeArticlePage'), 'A page of articles'),
    ...commonErrors,
  },
});

export const getArticleRoute = createRoute({
  method: 'get',
  path: '/knowledge/articles/{id}',
  operationId: 'getKnowledgeArticle',
  summary: 'Read a knowledge article',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Article, 'The article'), ...commonErrors },
});

export const createArticleRoute = createRoute({
  method: 'post',
  path: '/knowledge/articles',
  operationId: 'createKnowledgeArticle',
  summary: 'Write a knowledge article (a draft unless publish is true)',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(ArticleInput) },
  responses: { 201: jsonContent(Article, 'The article'), ...writeErrors },
});

export const updateArticleRoute = createRoute({
  method: 'patch',
  path: '/knowledge/articles/{id}',
  operationId: 'updateKnowledgeArticle',
  summary: 'Edit an article: a new version records who changed which fields',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(ArticleUpdate) },
  responses: { 200: jsonContent(Article, 'The article'), ...writeErrors },
});

const statusRoute = (step: 'publish' | 'archive', summary: string) =>
  createRoute({
    method: 'post',
    path: `/knowledge/articles/{id}/${step}`,
    operationId: `${step}KnowledgeArticle`,
    summary,
    tags,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
    responses: { 200: jsonContent(Article, 'The article'), ...writeErrors },
  });

export const publishArticleRoute = statusRoute('publish', 'Publish an article where its scope says');
export const archiveArticleRoute = statusRoute('archive', 'Archive an article (readers no longer see it)');

export const versionsRoute = createRoute({
  method: 'get',
  path: '/knowledge/articles/{id}/versions',
  operationId: 'listKnowledgeArticleVersions',
  summary: 'The versions of an article, latest first: who changed which fields',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(
      z.object({ data: z.array(ArticleVersion) }).openapi('KnowledgeArticleVersionList'),
      'The versions',
    ),
    ...commonErrors,
  },
});

export const Suggestions = z
  .object({
    data: z.array(
      z.object({
        rank: z.number().int(),
        score: z.number(),
        article: Article,
      }),
    ),
  })
  .openapi('KnowledgeSuggestions');

export const suggestRoute = createRoute({
  method: 'post',
  path: '/knowledge/suggestions',
  operationId: 'suggestKnowledgeArticles',
  summary: 'The best matching published articles for a case description (at intake and on a case)',
  tags,
  security: bearerSecurity,
  request: {
    body: jsonBody(
      z
        .object({
          description: z.string().trim().min(1).max(4000),
          projectId: id
            .optional()
            .openapi({ description: "The case's project: its own and its branch's articles count" }),
          limit: z.number().int().min(1).max(10).default(3),
        })
        .openapi('KnowledgeSuggestionInput'),
    ),
  },
  responses: { 200: jsonContent(Suggestions, 'The suggestions, best first'), ...commonErrors },
});

export const CaseExampleInput = z
  .object({
    caseId: id,
    title: z.string().trim().min(1).max(200),
    lesson: z.string().trim().min(1).max(5000).openapi({ description: '经验教训' }),
    categoryCode: categoryCode.nullable().default(null),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  })
  .openapi('CaseExampleInput');

export const caseExampleRoute = createRoute({
  method: 'post',
  path: '/knowledge/case-examples',
  operationId: 'addCaseExample',
  summary: "Add a resolved case to the case library, anonymised (the owner's data removed), with its lesson",
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(CaseExampleInput) },
  responses: {
    201: jsonContent(
      z
        .object({
          article: Article,
          removed: z
            .object({
              name: z.number().int(),
              phone: z.number().int(),
              unit: z.number().int(),
              openId: z.number().int(),
              email: z.number().int(),
            })
            .openapi({ description: 'How many values of each kind were removed' }),
        })
        .openapi('CaseExample'),
      'The draft example',
    ),
    ...writeErrors,
  },
});
