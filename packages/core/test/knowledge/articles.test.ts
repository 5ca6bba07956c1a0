import { describe, expect, it } from 'vitest';
import { defaultForbiddenPhrases } from '../../src/audits/phrases';
import {
  type Article,
  ArticleInputSchema,
  isVisibleAt,
  nextArticleVersion,
  rankSuggestions,
  scriptPhrases,
  visibleArticles,
} from '../../src/knowledge/index';

const place = { branchId: 'br_hz', projectId: 'prj_xh' };
const article = (id: string, scope: Article['scope'], status: Article['status'] = 'published'): Article => ({
  ...ArticleInputSchema.parse({
    kind: 'standard_answer',
    title: '物业费收费标准',
    body: '住宅物业费每月每平方米2.8元。',
    scope,
  }),
  id,
  status,
  version: 1,
});

describe('knowledge articles', () => {
  it('a script uses the service standards’ phrase lists by default, the audits’ own list', () => {
    const script = ArticleInputSchema.parse({
      kind: 'script',
      title: '报修受理话术',
      body: '您好，这里是西湖花园物业服务中心，请问有什么可以帮您？',
    });
    expect(scriptPhrases(script).forbidden).toBe(defaultForbiddenPhrases);
  });

  it('a script that says a forbidden phrase is refused, naming it', () => {
    const bad = ArticleInputSchema.safeParse({
      kind: 'script',
      title: '回复话术',
      body: '这个我不知道，我们不管这个。',
    });
    expect(bad.error?.issues).toMatchObject([
      { path: ['body'], message: 'a script may not say a forbidden phrase: 不知道、我们不管' },
    ]);
  });

  it('a case example needs its lesson; other kinds have none', () => {
    expect(
      ArticleInputSchema.safeParse({ kind: 'case_example', title: '案例', body: '正文' }).error?.issues[0]
        ?.path,
    ).toEqual(['lesson']);
    expect(
      ArticleInputSchema.safeParse({
        kind: 'procedure',
        title: '装修申请流程',
        body: '1. 提交申请',
        lesson: 'x',
      }).success,
    ).toBe(false);
  });

  it('a project article is read at that project only, a branch article in its projects, a tenant article everywhere', () => {
    expect(isVisibleAt({ level: 'tenant' }, { branchId: null, projectId: null })).toBe(true);
    expect(isVisibleAt({ level: 'branch', branchId: 'br_hz' }, place)).toBe(true);
    expect(isVisibleAt({ level: 'branch', branchId: 'br_nb' }, place)).toBe(false);
    expect(isVisibleAt({ level: 'project', branchId: 'br_hz', projectId: 'prj_xh' }, place)).toBe(true);
    expect(isVisibleAt({ level: 'project', branchId: 'br_hz', projectId: 'prj_other' }, place)).toBe(false);
    expect(isVisibleAt({ level: 'branch', branchId: 'br_hz' }, { branchId: null, projectId: null })).toBe(
      false,
    );
  });

  it('readers see published articles, the nearest scope first', () => {
    const list = [
      article('a1', { level: 'tenant' }),
      article('a2', { level: 'project', branchId: 'br_hz', projectId: 'prj_xh' }),
      article('a3', { level: 'branch', branchId: 'br_hz' }),
      article('a4', { level: 'tenant' }, 'draft'),
      article('a5', { level: 'branch', branchId: 'br_nb' }),
    ];
    expect(visibleArticles(list, place).map((a) => a.id)).toEqual(['a2', 'a3', 'a1']);
  });

  it('every save that changes something is a version naming who changed which fields', () => {
    const v1Fields = ArticleInputSchema.parse({
      kind: 'standard_answer',
      title: '停车费',
      body: '月租300元。',
    });
    const v1 = nextArticleVersion(null, v1Fields, 'stf_a', new Date('2026-11-01T02:00:00Z'));
    expect(v1).toMatchObject({ version: 1, changedBy: 'stf_a' });
    const v2Fields = { ...v1Fields, body: '月租350元（2027年起）。', tags: ['停车'] };
    expect(
      nextArticleVersion(
        { version: 1, fields: v1Fields },
        v2Fields,
        'stf_b',
        new Date('2026-12-01T02:00:00Z'),
      ),
    ).toMatchObject({
      version: 2,
      changedBy: 'stf_b',
      changedFields: ['body', 'tags'],
    });
    expect(
      nextArticleVersion({ version: 2, fields: v2Fields }, { ...v2Fields }, 'stf_b', new Date()),
    ).toBeNull();
  });
});

describe('suggestions at intake', () => {
  const c = (
    articleId: string,
    matchScore: number,
    scopeLevel: 'tenant' | 'branch' | 'project' = 'tenant',
    kind: Article['kind'] = 'standard_answer',
  ) => ({ articleId, matchScore, scopeLevel, kind });

  it('shows the best three, drops noise and what falls far below the best', () => {
    const r = rankSuggestions('卫生间漏水怎么报修', [
      c('a', 0.9),
      c('b', 0.7),
      c('c', 0.5),
      c('d', 0.46),
      c('e', 0.44),
      c('f', 0.1),
    ]);
    expect(r.map((x) => x.articleId)).toEqual(['a', 'b', 'c']);
    expect(rankSuggestions('卫生间漏水', [c('a', 0.9), c('e', 0.44)]).map((x) => x.articleId)).toEqual(['a']);
  });

  it('the project’s own answer wins a near tie with the group’s; a clearly better group answer still wins', () => {
    expect(
      rankSuggestions('物业费标准', [c('group', 0.62), c('own', 0.6, 'project')]).map((x) => x.articleId),
    ).toEqual(['own', 'group']);
    expect(
      rankSuggestions('物业费标准', [c('group', 0.8), c('own', 0.6, 'project')]).map((x) => x.articleId),
    ).toEqual(['group', 'own']);
  });

  it('answers before scripts on a tie; one article once; nothing for a description too short', () => {
    expect(
      rankSuggestions('电梯困人', [c('s', 0.5, 'tenant', 'script'), c('a', 0.5), c('a', 0.3)]).map((x) => [
        x.articleId,
        x.rank,
      ]),
    ).toEqual([
      ['a', 1],
      ['s', 2],
    ]);
    expect(rankSuggestions('漏，', [c('a', 0.9)])).toEqual([]);
  });
});
