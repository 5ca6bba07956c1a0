import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, tokenFor } from '../star/star-support';
import { demo, newStaff } from '../support/staff';
import { newTenant } from '../support/tenants';
import { hotlineAnswers, planHotlineAudit, upload } from './audits-support';

beforeAll(demoReady);
afterEach(realTime);

describe('an external auditor sees only its assigned audits', () => {
  it("another shopper's audit is 404 on every route and absent from its list", async () => {
    const admin = await demoAt('tenant_admin');
    const other = await newStaff(admin, [{ role: 'mystery_shopper', scopeType: 'group' }]);
    const otherClient = await tokenFor(other.id, [
      { role: 'mystery_shopper', scopeType: 'group', scopeId: null },
    ]);
    const mine = await planHotlineAudit();
    const theirs = await planHotlineAudit(demo.qianjiang, other.id);

    const shopper = await demoAt('mystery_shopper');
    const list = await shopper.get('/v1/audits?limit=200');
    const ids = list.body.data.map((a: { id: string }) => a.id);
    expect(ids).toContain(mine.auditId);
    expect(ids).not.toContain(theirs.auditId);
    expect(list.body.data.every((a: { auditorId: string }) => a.auditorId === demo.staff(16))).toBe(true);

    expect((await shopper.get(`/v1/audits/${theirs.auditId}`)).status).toBe(404);
    expect((await upload(shopper.token, theirs.auditId, 'x', 'image/png')).status).toBe(404);
    const submit = await shopper.post(`/v1/audits/${theirs.auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(true),
    });
    expect(submit.status).toBe(404);
    const theirFile = await upload(otherClient.token, theirs.auditId, 'photo', 'image/jpeg');
    expect(theirFile.status).toBe(201);
    expect((await shopper.get(theirFile.headers.get('Location') as string)).status).toBe(404);
    expect((await otherClient.get(theirFile.headers.get('Location') as string)).status).toBe(200);
    expect((await (await demoAt('front_desk')).get(theirFile.headers.get('Location') as string)).status).toBe(
      404,
    );
    expect((await otherClient.get(`/v1/audits/${mine.auditId}`)).status).toBe(404);
    expect((await otherClient.get(`/v1/audits/${theirs.auditId}`)).status).toBe(200);
  });

  it('a shopper cannot plan, read plans or templates, publish, or see results of others', async () => {
    const { auditId } = await planHotlineAudit();
    const shopper = await demoAt('mystery_shopper');
    expect((await shopper.get('/v1/audit-plans')).status).toBe(403);
    expect((await shopper.get('/v1/audit-templates')).status).toBe(403);
    await shopper.post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    expect((await shopper.post(`/v1/audits/${auditId}/publish`)).status).toBe(403);
  });
});

describe('project staff see results only after publication, and only of their reach', () => {
  it('the Xixi front desk sees nothing before, the audit after; Ningbo never', async () => {
    const { auditId, manager } = await planHotlineAudit();
    await (await demoAt('mystery_shopper')).post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    const desk = await demoAt('front_desk');
    const ningboGm = await demoAt('branch_gm.nb');
    expect((await desk.get(`/v1/audits/${auditId}`)).status).toBe(404);
    expect((await desk.get('/v1/audits?limit=200')).body.data.map((a: { id: string }) => a.id)).not.toContain(
      auditId,
    );
    await manager.post(`/v1/audits/${auditId}/publish`);
    expect((await desk.get(`/v1/audits/${auditId}`)).status).toBe(200);
    expect((await ningboGm.get(`/v1/audits/${auditId}`)).status).toBe(404);
    const [action] = (await manager.get(`/v1/corrective-actions?auditId=${auditId}`)).body.data;
    expect((await ningboGm.get(`/v1/corrective-actions/${action.id}`)).status).toBe(404);
    expect(
      (await ningboGm.post(`/v1/corrective-actions/${action.id}/complete`, { resolution: 'x' })).status,
    ).toBe(404);
    const results = await ningboGm.get('/v1/audits/results?groupBy=project');
    expect(results.body.groups.map((g: { key: string }) => g.key)).not.toContain(demo.xixi);
    // The front desk reads the project's published audit but cannot verify its actions.
    expect((await desk.post(`/v1/corrective-actions/${action.id}/verify`, { accepted: true })).status).toBe(
      403,
    );
  });

  it('a Xixi supervisor cannot plan an audit of a Ningbo project', async () => {
    const supervisor = await demoAt('cs_supervisor');
    const template = (await (await demoAt('cr_manager')).get('/v1/audit-templates?channel=hotline')).body
      .data[0];
    const res = await supervisor.post('/v1/audit-plans', {
      templateId: template.id,
      projectId: demo.donghu,
      dueOn: '2030-01-01',
      auditorId: demo.staff(16),
    });
    expect(res.status).toBe(400);
    const { plan } = await planHotlineAudit(demo.donghu);
    expect((await supervisor.get(`/v1/audit-plans/${plan.id}`)).status).toBe(404);
  });
});

describe("another tenant's audit records", () => {
  it('answer 404', async () => {
    const { auditId, plan, template, manager } = await planHotlineAudit();
    await (await demoAt('mystery_shopper')).post(`/v1/audits/${auditId}/submit`, {
      visitedAt: new Date(Date.now() - 60_000).toISOString(),
      answers: hotlineAnswers(false),
    });
    await manager.post(`/v1/audits/${auditId}/publish`);
    const [action] = (await manager.get(`/v1/corrective-actions?auditId=${auditId}`)).body.data;
    const other = await newTenant('Other Group');
    expect((await other.admin.get(`/v1/audits/${auditId}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/audit-plans/${plan.id}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/audit-templates/${template.id}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/corrective-actions/${action.id}`)).status).toBe(404);
    expect((await other.admin.post(`/v1/audits/${auditId}/publish`)).status).toBe(404);
    expect((await upload(other.admin.token, auditId, 'x', 'image/png')).status).toBe(404);
    expect((await other.admin.get('/v1/audits')).body.data).toEqual([]);
  });
});
