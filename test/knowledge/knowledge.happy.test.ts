import { beforeAll, describe, expect, it } from 'vitest';
import { demoId, demoOwnerName } from '../../workers/seed/demo-data';
import { demoAt, demoReady, staffId } from '../star/star-support';
import { shardOf } from '../support/shards';
import { insertCase } from '../support/sla';
import { demo } from '../support/staff';
import { articleBody, uniqueWord, writeArticle } from './knowledge-support';

beforeAll(demoReady);

describe('articles', () => {
  it('a draft is written, edited into a new version naming the fields, published and found by Chinese words', async () => {
    const word = uniqueWord();
    const { editor, article } = await writeArticle({
      title: `${word}停车月卡办理`,
      body: '携带行驶证、身份证到服务中心办理月卡。',
    });
    expect(article).toMatchObject({ status: 'draft', version: 1, scope: { level: 'tenant' } });

    const desk = await demoAt('front_desk');
    expect((await desk.get(`/v1/knowledge/articles/${article.id}`)).status).toBe(404);

    const edited = await editor.patch(
      `/v1/knowledge/articles/${article.id}`,
      { body: '携带行驶证、身份证、购房合同到服务中心办理月卡，月卡费用按物价局备案标准收取。' },
      { 'if-match': '"1"' },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(2);
    const same = await editor.patch(`/v1/knowledge/articles/${article.id}`, { body: edited.body.body });
    expect(same.body.version).toBe(2);

    const published = await editor.post(`/v1/knowledge/articles/${article.id}/publish`);
    expect(published.body).toMatchObject({ status: 'published', version: 3 });
    const versions = await editor.get(`/v1/knowledge/articles/${article.id}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.data[0]).toMatchObject({ changedBy: staffId(2), changedFields: ['body'] });

    // The trigram index: part of a word in the middle of the title; two characters scan.
    const found = await desk.get(`/v1/knowledge/articles?q=${encodeURIComponent(`${word}停车`)}`);
    expect(found.body.data.map((a: { id: string }) => a.id)).toEqual([article.id]);
    const short = await desk.get(`/v1/knowledge/articles?q=${encodeURIComponent('月卡')}&limit=100`);
    expect(short.body.data.map((a: { id: string }) => a.id)).toContain(article.id);
    expect((await desk.get(`/v1/knowledge/articles/${article.id}`)).status).toBe(200);
  });

  it("suggests the best matching articles at intake, the project's own answer first", async () => {
    const word = uniqueWord();
    const { editor, article: group } = await writeArticle({
      title: `${word}电梯困人应急处理`,
      body: '接到电梯困人报告，安抚被困人员，立即通知电梯维保单位，30分钟内到达现场。',
      kind: 'procedure',
      publish: true,
    });
    const own = await editor.post(
      '/v1/knowledge/articles',
      articleBody({
        title: `${word}电梯困人应急处理`,
        body: '接到电梯困人报告，安抚被困人员，立即通知奥的斯维保值班（电话见前台），30分钟内到达现场。',
        kind: 'procedure',
        scope: { level: 'project', branchId: demo.hangzhou, projectId: demo.xixi },
        publish: true,
      }),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    await writeArticle({
      title: `${word}垃圾分类投放时间`,
      body: '厨余垃圾每日7:00-9:00投放。',
      publish: true,
    });
    const desk = await demoAt('front_desk');
    const res = await desk.post('/v1/knowledge/suggestions', {
      description: `${word}业主来电：3号楼电梯困人，里面有老人`,
      projectId: demo.xixi,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.data.map((s: { article: { id: string } }) => s.article.id);
    expect(ids.slice(0, 2)).toEqual([own.body.id, group.id]);
    // At another project the Xixi article is not suggested (the hotline reaches 西溪花园 and 东湖湾).
    const hotline = await demoAt('hotline_agent');
    const elsewhere = await hotline.post('/v1/knowledge/suggestions', {
      description: `${word}业主来电：电梯困人`,
      projectId: demo.donghu,
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
    expect(elsewhere.body.data.map((s: { article: { id: string } }) => s.article.id)).not.toContain(
      own.body.id,
    );
    // A project out of the desk's reach is refused like one that does not exist.
    const outside = await desk.post('/v1/knowledge/suggestions', {
      description: `${word}电梯困人`,
      projectId: demo.qianjiang,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.issues[0].path).toBe('projectId');
  });

  it('categories order the base; a script keeps its phrase lists', async () => {
    const editor = await demoAt('cr_manager');
    const code = `fees_${Date.now().toString(36)}`;
    expect(
      (await editor.post('/v1/knowledge/categories', { code, labelZh: '费用', labelEn: 'Fees' })).status,
    ).toBe(201);
    expect(
      (
        await editor.post('/v1/knowledge/categories', {
          code: `${code}.parking`,
          labelZh: '停车费',
          labelEn: 'Parking',
        })
      ).status,
    ).toBe(201);
    const list = await editor.get('/v1/knowledge/categories');
    expect(list.body.data.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining([code, `${code}.parking`]),
    );
    const script = await editor.post(
      '/v1/knowledge/articles',
      articleBody({
        kind: 'script',
        title: '接听电话标准话术',
        body: '您好，这里是物业服务中心，请问有什么可以帮您？',
        categoryCode: `${code}.parking`,
        politePhrases: ['您好', '请稍等', '谢谢'],
        forbiddenPhrases: ['不知道', '不归我们管'],
      }),
    );
    expect(script.status, JSON.stringify(script.body)).toBe(201);
    const inCategory = await editor.get(`/v1/knowledge/articles?categoryCode=${code}`);
    expect(inCategory.body.data.map((a: { id: string }) => a.id)).toContain(script.body.id);
  });
});

describe('the case library', () => {
  it('a resolved case becomes an anonymised example with its lesson', async () => {
    const owner = demoOwnerName(1);
    const c = await insertCase(
      demo.tenantId,
      { branchId: demo.hangzhou, projectId: demo.xixi, unitId: demoId('unit', 1) },
      {
        kind: 'complaint',
        status: 'resolved',
        category: 'noise',
        ownerId: demoId('own', 1),
        description: `${owner}（电话13800000001）投诉1-101楼上装修噪音，午休时间施工`,
      },
    );
    await (await shardOf(demo.tenantId))
      .prepare(
        "INSERT INTO case_timeline (id, tenant_id, case_id, at, actor_type, actor_id, action, visibility, note) VALUES (?, ?, ?, ?, 'staff', ?, 'note', 'internal', ?)",
      )
      .bind(
        `tl_${Date.now()}`,
        demo.tenantId,
        c.id,
        Date.now(),
        staffId(7),
        `已致电${owner}，约定楼上住户午休不施工`,
      )
      .run();
    const editor = await demoAt('cr_manager');
    const res = await editor.post('/v1/knowledge/case-examples', {
      caseId: c.id,
      title: '装修噪音投诉的处理',
      lesson: '装修前告知施工时间，午休时间巡查；投诉当日回复业主。',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const text = `${res.body.article.title}\n${res.body.article.body}\n${res.body.article.lesson}`;
    expect(text).not.toContain(owner);
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('1-101');
    expect(res.body.article.body).toContain('[业主]');
    expect(res.body.article).toMatchObject({ kind: 'case_example', status: 'draft', sourceCaseId: c.id });
    expect(res.body.removed.phone).toBeGreaterThan(0);
    const again = await editor.post('/v1/knowledge/case-examples', {
      caseId: c.id,
      title: '再次',
      lesson: '再次',
    });
    expect(again.status).toBe(409);
  });
});
