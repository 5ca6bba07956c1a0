import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady } from '../star/star-support';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { articleBody, uniqueWord, writeArticle } from './knowledge-support';

beforeAll(demoReady);

describe('tenants and places', () => {
  it("another tenant sees none of the demo's articles (404) and its search finds none", async () => {
    const word = uniqueWord();
    const { article } = await writeArticle({ title: `${word}门禁卡补办`, publish: true });
    const other = await newTenant('Other Group');
    expect((await other.admin.get(`/v1/knowledge/articles/${article.id}`)).status).toBe(404);
    expect((await other.admin.patch(`/v1/knowledge/articles/${article.id}`, { title: 'x' })).status).toBe(
      404,
    );
    expect((await other.admin.get(`/v1/knowledge/articles/${article.id}/versions`)).status).toBe(404);
    const search = await other.admin.get(`/v1/knowledge/articles?q=${encodeURIComponent(word)}`);
    expect(search.body.data).toEqual([]);
    const suggested = await other.admin.post('/v1/knowledge/suggestions', {
      description: `${word}门禁卡补办`,
    });
    expect(suggested.body.data).toEqual([]);
  });

  it('a Xixi project article is 404 to the Ningbo front desk and out of its search', async () => {
    const word = uniqueWord();
    const { article } = await writeArticle({
      title: `${word}西溪花园会所开放时间`,
      scope: { level: 'project', branchId: demo.hangzhou, projectId: demo.xixi },
      publish: true,
    });
    const ningbo = await demoAt('front_desk.nb');
    expect((await ningbo.get(`/v1/knowledge/articles/${article.id}`)).status).toBe(404);
    expect((await ningbo.get(`/v1/knowledge/articles?q=${encodeURIComponent(word)}`)).body.data).toEqual([]);
    expect((await (await demoAt('front_desk')).get(`/v1/knowledge/articles/${article.id}`)).status).toBe(200);
  });
});

describe('roles', () => {
  it('a front desk reads but does not write (403); a project editor cannot publish group-wide (403)', async () => {
    const desk = await demoAt('front_desk');
    expect((await desk.post('/v1/knowledge/articles', articleBody())).status).toBe(403);
    expect(
      (await desk.post('/v1/knowledge/categories', { code: 'x', labelZh: 'x', labelEn: 'x' })).status,
    ).toBe(403);
    const supervisor = await demoAt('cs_supervisor');
    expect((await supervisor.post('/v1/knowledge/articles', articleBody())).status).toBe(403);
    const own = await supervisor.post(
      '/v1/knowledge/articles',
      articleBody({ scope: { level: 'project', branchId: demo.hangzhou, projectId: demo.xixi } }),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const { article } = await writeArticle();
    expect((await supervisor.patch(`/v1/knowledge/articles/${article.id}`, { title: '改' })).status).toBe(
      403,
    );
    const shopper = await demoAt('mystery_shopper');
    expect((await shopper.get('/v1/knowledge/articles')).status).toBe(403);
  });
});
