import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady } from '../star/star-support';
import { shardOf } from '../support/shards';
import { insertCase } from '../support/sla';
import { demo } from '../support/staff';
import { articleBody, writeArticle } from './knowledge-support';

beforeAll(demoReady);

const articles = async () =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare('SELECT count(*) AS n FROM knowledge_articles WHERE tenant_id = ?')
      .bind(demo.tenantId)
      .first<{ n: number }>()
  )?.n;
const field = (res: { body: { issues?: { path: string }[] } }) => res.body.issues?.[0]?.path;

describe('bad articles are a 400 naming the field, and nothing is written', () => {
  it('refuses an empty title, a script saying a forbidden phrase, a lesson on an answer, unknown places and categories', async () => {
    const editor = await demoAt('cr_manager');
    const before = await articles();
    expect(field(await editor.post('/v1/knowledge/articles', articleBody({ title: '' })))).toBe('title');
    const script = await editor.post(
      '/v1/knowledge/articles',
      articleBody({ kind: 'script', body: '这个我不知道，你找别人', forbiddenPhrases: ['我不知道'] }),
    );
    expect(script.status).toBe(400);
    expect(field(script)).toBe('body');
    expect(field(await editor.post('/v1/knowledge/articles', articleBody({ lesson: '教训' })))).toBe(
      'lesson',
    );
    expect(
      field(await editor.post('/v1/knowledge/articles', articleBody({ categoryCode: 'nope.none' }))),
    ).toBe('categoryCode');
    const project = await editor.post(
      '/v1/knowledge/articles',
      articleBody({ scope: { level: 'project', branchId: demo.hangzhou, projectId: 'prj_nope' } }),
    );
    expect(field(project)).toBe('scope.projectId');
    const mismatch = await editor.post(
      '/v1/knowledge/articles',
      articleBody({ scope: { level: 'project', branchId: demo.ningbo, projectId: demo.xixi } }),
    );
    expect(field(mismatch)).toBe('scope.branchId');
    expect(field(await editor.post('/v1/knowledge/articles', articleBody({ kind: 'faq' })))).toBe('kind');
    expect(await articles()).toBe(before);
  });

  it('an edit that breaks a rule changes nothing; a stale If-Match is a 412; publishing twice is a 409', async () => {
    const { editor, article } = await writeArticle({ kind: 'script', body: '您好，请问有什么可以帮您？' });
    const bad = await editor.patch(`/v1/knowledge/articles/${article.id}`, { body: '这个我们不管' });
    expect(bad.status).toBe(400);
    expect(field(bad)).toBe('body');
    const now = await editor.get(`/v1/knowledge/articles/${article.id}`);
    expect(now.body).toMatchObject({ version: 1, body: '您好，请问有什么可以帮您？' });
    expect(
      (await editor.patch(`/v1/knowledge/articles/${article.id}`, { title: '新' }, { 'if-match': '"7"' }))
        .status,
    ).toBe(412);
    expect((await editor.post(`/v1/knowledge/articles/${article.id}/publish`)).status).toBe(200);
    expect((await editor.post(`/v1/knowledge/articles/${article.id}/publish`)).status).toBe(409);
  });

  it('a case example needs a resolved case and a lesson; suggestions need a description', async () => {
    const editor = await demoAt('cr_manager');
    const open = await insertCase(demo.tenantId, { branchId: demo.hangzhou, projectId: demo.xixi });
    const res = await editor.post('/v1/knowledge/case-examples', {
      caseId: open.id,
      title: 't',
      lesson: 'l',
    });
    expect(res.status).toBe(400);
    expect(field(res)).toBe('caseId');
    expect(
      field(await editor.post('/v1/knowledge/case-examples', { caseId: open.id, title: 't', lesson: '' })),
    ).toBe('lesson');
    expect(field(await editor.post('/v1/knowledge/suggestions', { description: '' }))).toBe('description');
    expect(
      field(await editor.post('/v1/knowledge/suggestions', { description: '电梯困人', projectId: 'prj_x' })),
    ).toBe('projectId');
  });
});
