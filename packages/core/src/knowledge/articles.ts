import { z } from 'zod';
import { checkPhrases, defaultForbiddenPhrases, defaultPoliteWords } from '../audits/phrases';

/*
 * The standard knowledge base and case library (标准知识库及案例库, seed 003: the complaint
 * supervisor 定期制定标准知识库及案例库): standard answers to inquiries (fees, rules, facilities),
 * procedures, scripts with their polite and forbidden phrases, and anonymised case examples.
 */

/** 标准答复 standard answer, 办事流程 procedure, 话术 script, 案例 case example (the case library). */
export const articleKinds = ['standard_answer', 'procedure', 'script', 'case_example'] as const;
export const ArticleKindSchema = z.enum(articleKinds);
export type ArticleKind = z.infer<typeof ArticleKindSchema>;

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

/** Where an article is published: the whole tenant, one branch (and its projects), or one project. */
export const ArticleScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('tenant') }),
  z.object({ level: z.literal('branch'), branchId: z.string().min(1) }),
  z.object({ level: z.literal('project'), branchId: z.string().min(1), projectId: z.string().min(1) }),
]);
export type ArticleScope = z.infer<typeof ArticleScopeSchema>;
export const articleScopeLevels = ['tenant', 'branch', 'project'] as const;

const phrases = z.array(z.string().trim().min(1).max(60)).max(50);

export const ArticleInputSchema = z
  .object({
    kind: ArticleKindSchema,
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(50000),
    /** A code of the knowledge categories (费用, 规章, 设施 ...), dotted like the case tree. */
    categoryCode: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'lower snake_case, dotted')
      .nullable()
      .default(null),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    scope: ArticleScopeSchema.default({ level: 'tenant' }),
    /** A script's 礼貌用语 and 服务禁语; null takes the service standards' lists (audits' phrases). */
    politePhrases: phrases.nullable().default(null),
    forbiddenPhrases: phrases.nullable().default(null),
    /** A case example's lesson learned (经验教训) and the resolved case it came from. */
    lesson: z.string().trim().max(5000).nullable().default(null),
    sourceCaseId: z.string().min(1).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'script' && (a.politePhrases || a.forbiddenPhrases)) {
      ctx.addIssue({ code: 'custom', path: ['politePhrases'], message: 'only a script has phrase lists' });
    }
    if (a.kind === 'case_example' && !a.lesson) {
      ctx.addIssue({ code: 'custom', path: ['lesson'], message: 'a case example says its lesson learned' });
    }
    if (a.kind !== 'case_example' && (a.lesson || a.sourceCaseId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lesson'],
        message: 'only a case example has a lesson and a source case',
      });
    }
    if (a.kind === 'script') {
      const heard = checkPhrases(a.body, { forbiddenPhrases: scriptPhrases(a).forbidden }).forbiddenHeard;
      if (heard.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['body'],
          message: `a script may not say a forbidden phrase: ${heard.map((h) => h.phrase).join('、')}`,
        });
      }
    }
  });
export type ArticleInput = z.input<typeof ArticleInputSchema>;
export type ArticleFields = z.output<typeof ArticleInputSchema>;

/** A script's phrase lists, the service standards' defaults where it sets none. */
export function scriptPhrases(a: Pick<ArticleFields, 'politePhrases' | 'forbiddenPhrases'>): {
  polite: readonly string[];
  forbidden: readonly string[];
} {
  return {
    polite: a.politePhrases ?? defaultPoliteWords,
    forbidden: a.forbiddenPhrases ?? defaultForbiddenPhrases,
  };
}

export interface Article extends ArticleFields {
  id: string;
  status: ArticleStatus;
  version: number;
}

/** Where a caller stands: the project (and its branch) a question is asked about; null for head office. */
export interface Place {
  branchId: string | null;
  projectId: string | null;
}

/**
 * Whether a reader at `place` sees an article published at `scope`: a tenant article everyone;
 * a branch article the branch and every project of it; a project article that project only.
 * Head office (no branch, no project) reads the tenant's articles; editing reach is the wiring's.
 */
export function isVisibleAt(scope: ArticleScope, place: Place): boolean {
  if (scope.level === 'tenant') return true;
  if (scope.level === 'branch') return place.branchId === scope.branchId;
  return place.projectId === scope.projectId;
}

const nearness: Record<ArticleScope['level'], number> = { project: 0, branch: 1, tenant: 2 };

/** The published articles a reader at `place` sees, the nearest scope first (a project's own answer before the group's). */
export function visibleArticles<A extends Pick<Article, 'id' | 'status' | 'scope'>>(
  articles: readonly A[],
  place: Place,
): A[] {
  return articles
    .filter((a) => a.status === 'published' && isVisibleAt(a.scope, place))
    .sort(
      (a, b) => nearness[a.scope.level] - nearness[b.scope.level] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** The scope-level nearness used in ranking (0 = the project's own). */
export const scopeNearness = (level: ArticleScope['level']) => nearness[level];
