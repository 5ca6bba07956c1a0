import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, staffId } from '../star/star-support';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { hotlineAnswers, planHotlineAudit, upload } from './audits-support';

beforeAll(demoReady);
afterEach(realTime);

const count = async (table: string) =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
      .bind(demo.tenantId)
      .first<{ n: number }>()
  )?.n;

const label = { zh: '检查项', en: 'Item' };

const stored = async (auditId: string) =>
  (await env.FILES.list({ prefix: `${demo.tenantId}/audits/${auditId}/` })).objects.length;

describe('evidence type and size limits', () => {
  it.each([
    ['text/plain', 'hello'],
    ['image/gif', 'GIF89a'],
    ['application/json', '{"a":1}'],
    ['video/mp4', 'ftyp'],
  ])('%s → 415 and nothing stored', async (type, body) => {
    const { auditId } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    const before = await count('audit_evidence');
    const res = await upload(shopper.token, auditId, body, type);
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await count('audit_evidence')).toBe(before);
    expect(await stored(auditId)).toBe(0);
  });

  it.each([
    'image/jpeg',
    'image/png',
    'image/webp',
    'audio/mp4',
    'audio/amr',
    'audio/wav',
    'application/pdf',
  ])('%s is accepted', async (type) => {
    const { auditId } = await planHotlineAudit();
    const res = await upload((await demoAt('mystery_shopper')).token, auditId, 'bytes', type);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ contentType: type, sizeBytes: 5 });
  });

  it('a file over 20 MB → 413 and nothing stored; exactly 20 MB is accepted', async () => {
    const { auditId } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    const before = await count('audit_evidence');
    const tooBig = 'x'.repeat(20 * 1024 * 1024 + 1);
    const res = await upload(shopper.token, auditId, tooBig, 'image/jpeg');
    expect(res.status).toBe(413);
    expect(await count('audit_evidence')).toBe(before);
    expect(await stored(auditId)).toBe(0);
    const limit = await upload(shopper.token, auditId, 'x'.repeat(20 * 1024 * 1024), 'application/pdf');
    expect(limit.status).toBe(201);
  });

  it('an empty file → 400; evidence after submission → 409', async () => {
    const { auditId } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    expect((await upload(shopper.token, auditId, '', 'image/png')).status).toBe(400);
    await shopper.post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(true),
    });
    expect((await upload(shopper.token, auditId, 'late', 'image/png')).status).toBe(409);
  });
});

describe('submitting', () => {
  it('needs every item answered, known items and a visit in the past; nothing is written otherwise', async () => {
    const { auditId } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    const before = await count('audit_log');
    const cases = [
      { visitedAt: new Date(Date.now() - 60_000).toISOString(), answers: hotlineAnswers(true).slice(1) },
      {
        visitedAt: new Date(Date.now() - 60_000).toISOString(),
        answers: [...hotlineAnswers(true), { itemKey: 'made_up', kind: 'yes_no', value: true }],
      },
      { visitedAt: new Date(Date.now() + 86_400_000).toISOString(), answers: hotlineAnswers(true) },
      { visitedAt: 'yesterday', answers: hotlineAnswers(true) },
      { visitedAt: new Date().toISOString(), answers: [] },
    ];
    for (const body of cases) {
      const res = await shopper.post(`/v1/audits/${auditId}/submit`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await count('audit_log')).toBe(before);
    expect((await shopper.get(`/v1/audits/${auditId}`)).body.status).toBe('draft');
  });

  it('twice → 409; by a manager who is not the auditor → 403', async () => {
    const { auditId, manager } = await planHotlineAudit();
    const body = { visitedAt: new Date(Date.now() - 60_000).toISOString(), answers: hotlineAnswers(true) };
    expect((await manager.post(`/v1/audits/${auditId}/submit`, body)).status).toBe(403);
    const shopper = await demoAt('mystery_shopper');
    expect((await shopper.post(`/v1/audits/${auditId}/submit`, body)).status).toBe(200);
    expect((await shopper.post(`/v1/audits/${auditId}/submit`, body)).status).toBe(409);
  });

  it('N/A items leave the base: a not-applicable timing item does not cost points', async () => {
    const { auditId } = await planHotlineAudit();
    const answers = hotlineAnswers(true).map((a) =>
      a.itemKey === 'answered_in_time' ? { itemKey: 'answered_in_time', kind: 'not_applicable' } : a,
    );
    const res = await (await demoAt('mystery_shopper')).post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers,
    });
    expect(res.body).toMatchObject({ score: 100, passed: true });
  });
});

describe('publication and corrective actions', () => {
  it('a draft cannot be published; publishing twice → 409', async () => {
    const { auditId, manager } = await planHotlineAudit();
    expect((await manager.post(`/v1/audits/${auditId}/publish`)).status).toBe(409);
    await (await demoAt('mystery_shopper')).post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    expect((await manager.post(`/v1/audits/${auditId}/publish`)).status).toBe(200);
    expect((await manager.post(`/v1/audits/${auditId}/publish`)).status).toBe(409);
  });

  it('verification needs a done action and a supervisor who is not its owner; sending back needs a reason and reopens it', async () => {
    const { auditId, manager } = await planHotlineAudit();
    await (await demoAt('mystery_shopper')).post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    await manager.post(`/v1/audits/${auditId}/publish`);
    const [action] = (await manager.get(`/v1/corrective-actions?auditId=${auditId}`)).body.data;
    const supervisor = await demoAt('cs_supervisor');
    expect(
      (await supervisor.post(`/v1/corrective-actions/${action.id}/verify`, { accepted: true })).status,
    ).toBe(409);
    const pm = await demoAt('project_manager');
    expect(action.ownerId).toBe(staffId(9));
    await pm.post(`/v1/corrective-actions/${action.id}/complete`, { resolution: '已整改' });
    expect((await pm.post(`/v1/corrective-actions/${action.id}/verify`, { accepted: true })).status).toBe(
      403,
    );
    const noReason = await supervisor.post(`/v1/corrective-actions/${action.id}/verify`, {
      accepted: false,
      comment: '  ',
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('comment');
    expect((await supervisor.get(`/v1/corrective-actions/${action.id}`)).body).toMatchObject({
      status: 'done',
      returnReason: null,
    });
    const refused = await supervisor.post(`/v1/corrective-actions/${action.id}/verify`, {
      accepted: false,
      comment: '现场复查仍有问题',
    });
    expect(refused.body).toMatchObject({
      status: 'open',
      verifiedAt: null,
      returnReason: '现场复查仍有问题',
    });
    expect((await pm.post(`/v1/corrective-actions/${action.id}/complete`, { resolution: '' })).status).toBe(
      400,
    );
  });
});

describe('templates and plans', () => {
  it('bad sections → 400 with the field; nothing written', async () => {
    const admin = await demoAt('tenant_admin');
    const before = await count('audit_templates');
    const bad = [
      [{ key: 's', label, weight: 1, items: [] }],
      [{ key: 's', label, weight: 1, items: [{ key: 'i', label, type: 'scale', weight: 1 }] }],
      [{ key: 's', label, weight: 0, items: [{ key: 'i', label, type: 'yes_no', weight: 1 }] }],
      [{ key: 's', label, weight: 1, items: [{ key: 'i', label, type: 'phrase', weight: 1 }] }],
      [
        { key: 's', label, weight: 1, items: [{ key: 'i', label, type: 'yes_no', weight: 1 }] },
        { key: 't', label, weight: 1, items: [{ key: 'i', label, type: 'yes_no', weight: 1 }] },
      ],
    ];
    for (const sections of bad) {
      const res = await admin.post('/v1/audit-templates', { name: 'x', channel: 'hotline', sections });
      expect(res.status, JSON.stringify(sections)).toBe(400);
      expect(res.body.issues[0].path).toMatch(/^sections/);
    }
    expect(await count('audit_templates')).toBe(before);
  });

  it('a branch-scoped manager may read templates but not change them', async () => {
    const branchManager = await demoAt('complaint_supervisor');
    expect((await branchManager.get('/v1/audit-templates')).status).toBe(200);
    const res = await branchManager.post('/v1/audit-templates', {
      name: 'x',
      channel: 'hotline',
      sections: [{ key: 's', label, weight: 1, items: [{ key: 'i', label, type: 'yes_no', weight: 1 }] }],
    });
    expect(res.status).toBe(403);
  });

  it('a plan needs an auditor who may perform audits, a known template and a date', async () => {
    const manager = await demoAt('cr_manager');
    const template = (await manager.get('/v1/audit-templates?channel=hotline')).body.data[0];
    const base = {
      templateId: template.id,
      projectId: demo.xixi,
      dueOn: '2030-02-01',
      auditorId: staffId(16),
    };
    for (const [patch, field] of [
      [{ auditorId: staffId(8) }, 'auditorId'],
      [{ templateId: 'atpl_nope' }, 'templateId'],
      [{ dueOn: '1 Feb' }, 'dueOn'],
      [{ projectId: 'prj_nope' }, 'projectId'],
    ] as const) {
      const res = await manager.post('/v1/audit-plans', { ...base, ...patch });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(res.body.issues)).toContain(field);
    }
  });
});
