import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { call } from '../support/api';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { hotlineAnswers, planHotlineAudit, upload } from './audits-support';

beforeAll(demoReady);
afterEach(realTime);

describe('audit templates', () => {
  it('the four default templates appear on first use, and seeding again adds nothing', async () => {
    const manager = await demoAt('cr_manager');
    const list = await manager.get('/v1/audit-templates?limit=50');
    expect(list.status).toBe(200);
    const keys = list.body.data.map((t: { defaultKey: string }) => t.defaultKey).sort();
    expect(keys).toEqual(['front_desk', 'hotline', 'online_chat', 'sales_office']);
    const again = await (await demoAt('tenant_admin')).post('/v1/audit-templates/defaults');
    expect(again.body).toEqual({ created: 0 });
  });

  it('a group-wide manager creates and revises a template; the revision is the version', async () => {
    const admin = await demoAt('tenant_admin');
    const created = await admin.post('/v1/audit-templates', {
      name: '保安亭检查',
      channel: 'property_service',
      threshold: 70,
      sections: [
        {
          key: 'booth',
          label: { zh: '岗亭', en: 'Guard booth' },
          weight: 1,
          items: [{ key: 'salute', label: { zh: '敬礼问候', en: 'Salute' }, type: 'yes_no', weight: 1 }],
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version).toBe(1);
    const revised = await admin.patch(
      `/v1/audit-templates/${created.body.id}`,
      { threshold: 75 },
      { 'If-Match': created.headers.get('ETag') as string },
    );
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ threshold: 75, version: 2 });
  });
});

describe('an audit from plan to corrective action', () => {
  it('the shopper submits answers with evidence, the score comes from the template, publication below threshold creates corrective actions a supervisor sends back with a reason, then verifies', async () => {
    const { auditId, manager } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    // The auditor reads no organisation: its audits name their project.
    expect((await shopper.get(`/v1/audits/${auditId}`)).body.projectName).toBe('西溪花园');
    const mine = (await shopper.get('/v1/audits?status=draft&limit=100')).body.data;
    expect(mine.find((a: { id: string }) => a.id === auditId)?.projectName).toBe('西溪花园');
    const evidence = await upload(shopper.token, auditId, 'ID3 fake audio bytes', 'audio/mpeg');
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    const stored = await env.FILES.get(`${demo.tenantId}/audits/${auditId}/${evidence.body.id}`);
    expect(await stored?.text()).toBe('ID3 fake audio bytes');
    const download = await call('GET', evidence.headers.get('Location') as string, { token: shopper.token });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/mpeg');
    expect(download.body).toBe('ID3 fake audio bytes');

    const submitted = await shopper.post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 3600_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body).toMatchObject({ score: 0, passed: false, threshold: 80 });
    expect(submitted.body.result).toMatchObject({ vetoed: true });
    expect(submitted.body.result.rawScore).toBeGreaterThan(0);
    expect(submitted.body.result.failedCritical.map((i: { itemKey: string }) => i.itemKey)).toEqual([
      'no_forbidden_phrases',
    ]);
    expect(submitted.body.evidence).toHaveLength(1);

    // Staff of the audited project see nothing before publication.
    const desk = await demoAt('front_desk');
    expect((await desk.get(`/v1/audits/${auditId}`)).status).toBe(404);

    const published = await manager.post(`/v1/audits/${auditId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await desk.get(`/v1/audits/${auditId}`)).status).toBe(200);

    const actions = await manager.get(`/v1/corrective-actions?auditId=${auditId}`);
    expect(actions.body.data.length).toBeGreaterThan(0);
    const action = actions.body.data.find((a: { itemId: string }) => a.itemId === 'no_forbidden_phrases');
    expect(action).toMatchObject({ status: 'open', ownerId: staffId(9), overdue: false });
    expect(action.description).toContain('未使用服务禁语');
    // Core's rule: a failed critical item is due 3 days after the visit's local date, others in 7.
    const visitDay = new Date(Date.parse(submitted.body.visitedAt) + 8 * 3600_000).toISOString().slice(0, 10);
    const endOfDay = (days: number) =>
      new Date(Date.parse(`${visitDay}T00:00:00+08:00`) + (days + 1) * 86_400_000 - 1).toISOString();
    expect(action.deadline).toBe(endOfDay(3));
    const slow = actions.body.data.find((a: { itemId: string }) => a.itemId === 'answered_in_time');
    expect(slow.deadline).toBe(endOfDay(7));

    const events = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT type, payload FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.auditId') = ? ORDER BY id",
      )
      .bind(demo.tenantId, auditId)
      .all<{ type: string; payload: string }>();
    const types = events.results.map((e) => e.type);
    expect(types[0]).toBe('audit.published');
    expect(types.filter((t) => t === 'corrective_action.created')).toHaveLength(actions.body.data.length);
    const created = JSON.parse(
      events.results.find((e) => e.type === 'corrective_action.created')?.payload ?? '{}',
    );
    expect(created.ownerId).toBe(staffId(9));

    const pm = await demoAt('project_manager');
    const done = await pm.post(`/v1/corrective-actions/${action.id}/complete`, {
      resolution: '全员禁语培训',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('done');
    const supervisor = await demoAt('cs_supervisor');
    const back = await supervisor.post(`/v1/corrective-actions/${action.id}/verify`, {
      accepted: false,
      comment: '复查时仍听到禁语，请再培训',
    });
    expect(back.body).toMatchObject({ status: 'open', returnReason: '复查时仍听到禁语，请再培训' });
    await pm.post(`/v1/corrective-actions/${action.id}/complete`, { resolution: '二次培训并考核' });
    const verified = await supervisor.post(`/v1/corrective-actions/${action.id}/verify`, { accepted: true });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: staffId(4), returnReason: null });
  });

  it('a passing audit creates no corrective action; results rank projects with a monthly trend', async () => {
    const good = await planHotlineAudit(demo.qianjiang);
    const shopper = await demoAt('mystery_shopper');
    const submitted = await shopper.post(`/v1/audits/${good.auditId}/submit`, {
      visitedAt: new Date(Date.now() - 7200_000).toISOString(),
      answers: hotlineAnswers(true, '钱江府'),
    });
    expect(submitted.body).toMatchObject({ score: 100, passed: true });
    await good.manager.post(`/v1/audits/${good.auditId}/publish`);
    expect((await good.manager.get(`/v1/corrective-actions?auditId=${good.auditId}`)).body.data).toEqual([]);

    // The demo's own published audits are weeks old: today's window holds this one alone.
    const today = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const results = await good.manager.get(`/v1/audits/results?groupBy=project&from=${today}`);
    expect(results.status).toBe(200);
    const top = results.body.groups[0];
    expect(top).toMatchObject({ key: demo.qianjiang, rank: 1, count: 1, mean: 100, passRate: 1 });
    expect(top.trend).toEqual([
      { period: expect.stringMatching(/^\d{4}-\d{2}$/), count: 1, mean: 100, passRate: 1 },
    ]);
    const byBranch = await good.manager.get('/v1/audits/results?groupBy=branch');
    expect(byBranch.body.groups.map((g: { key: string }) => g.key)).toContain(demo.hangzhou);
  });

  it('overdue corrective actions are listed once their deadline passes', async () => {
    const { auditId, manager } = await planHotlineAudit(demo.binjiang);
    const shopper = await demoAt('mystery_shopper');
    await shopper.post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 3600_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    await manager.post(`/v1/audits/${auditId}/publish`);
    const later = new Date(Date.now() + 8 * 86_400_000);
    setNow(later);
    const overdue = await (await demoAt('cr_manager')).get(
      `/v1/corrective-actions?overdue=true&auditId=${auditId}`,
    );
    expect(overdue.status).toBe(200);
    expect(overdue.body.data.length).toBeGreaterThan(0);
    expect(overdue.body.data.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
  });
});
