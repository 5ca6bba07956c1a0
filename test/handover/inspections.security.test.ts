import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, staffId, tokenFor } from '../star/star-support';
import { countEverywhere } from '../support/shards';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { failedFinding, inspectionBody, planBody, uploadPhoto } from './handover.test-support';

beforeAll(demoReady);

const firstUnit = async (c: Awaited<ReturnType<typeof demoAt>>, planId: string) =>
  (await c.get(`/v1/handover-plans/${planId}/inspections`)).body.data[0].unitId as string;

describe('unit inspections: tenants, reach, bad bodies', () => {
  it("another tenant's plan answers 404 on read and write", async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const unitId = await firstUnit(manager, plan.id);
    const other = await newTenant('Other Group');
    expect((await other.admin.get(`/v1/handover-plans/${plan.id}/inspections`)).status).toBe(404);
    expect(
      (await other.admin.post(`/v1/handover-plans/${plan.id}/inspections`, inspectionBody(unitId))).status,
    ).toBe(404);
  });

  it('a project-scoped quality lead cannot reach a plan of another project, nor inspect a unit of another project', async () => {
    const manager = await demoAt('cr_manager');
    const elsewhere = (await manager.post('/v1/handover-plans', planBody({ projectId: demo.qianjiang })))
      .body;
    const unitThere = await firstUnit(manager, elsewhere.id);
    const lead = await tokenFor(staffId(9), [
      { role: 'complaint_supervisor', scopeType: 'project', scopeId: demo.xixi },
    ]);
    expect((await lead.get(`/v1/handover-plans/${elsewhere.id}/inspections`)).status).toBe(404);
    expect(
      (await lead.post(`/v1/handover-plans/${elsewhere.id}/inspections`, inspectionBody(unitThere))).status,
    ).toBe(404);
    // Its own project's plan, with the other project's unit: 400 at unitId.
    const own = (await manager.post('/v1/handover-plans', planBody())).body;
    const wrongUnit = await lead.post(`/v1/handover-plans/${own.id}/inspections`, inspectionBody(unitThere));
    expect(wrongUnit.status, JSON.stringify(wrongUnit.body)).toBe(400);
    expect(JSON.stringify(wrongUnit.body)).toContain('unitId');
    const ok = await lead.post(
      `/v1/handover-plans/${own.id}/inspections`,
      inspectionBody(await firstUnit(manager, own.id)),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a bad body answers 400 naming the field and writes nothing', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const unitId = await firstUnit(manager, plan.id);
    const counts = async () => ({
      inspections: await countEverywhere(
        'SELECT COUNT(*) AS n FROM unit_inspections WHERE tenant_id = ?',
        demo.tenantId,
      ),
      issues: await countEverywhere(
        'SELECT COUNT(*) AS n FROM inspection_issues WHERE tenant_id = ?',
        demo.tenantId,
      ),
      defects: await countEverywhere(
        'SELECT COUNT(*) AS n FROM product_defects WHERE tenant_id = ?',
        demo.tenantId,
      ),
    });
    const before = await counts();
    const body = inspectionBody(unitId);
    (body.findings[2] as Record<string, unknown>).description = '';
    const bad = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, body);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('findings.2.description');
    const empty = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, { unitId, findings: [] });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('findings');
    expect(await counts()).toEqual(before);
    expect(
      (
        await (
          await demoAt('project_manager')
        ).post(`/v1/handover-plans/${plan.id}/inspections`, inspectionBody(unitId))
      ).status,
    ).toBe(403);
  });
});

describe('re-inspection, resolving and photos: tenants and reach', () => {
  it("another tenant cannot re-inspect, resolve, upload to or read a photo of a plan; a plan cannot use another plan's photo", async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const unitId = await firstUnit(manager, plan.id);
    const photo = (await uploadPhoto(manager.token, plan.id, new Uint8Array([1, 2, 3]), 'image/jpeg')).body;
    const inspection = (
      await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
        unitId,
        findings: [failedFinding('入户门', { photoKeys: [photo.id] })],
      })
    ).body;
    const issue = inspection.issues[0];
    const other = await newTenant('Other Group');
    const base = `/v1/handover-plans/${plan.id}`;
    expect(
      (
        await other.admin.post(`${base}/inspections/${inspection.id}/reinspect`, {
          findings: [{ item: 'x', passed: true }],
        })
      ).status,
    ).toBe(404);
    expect(
      (await other.admin.post(`${base}/inspection-issues/${issue.id}/resolve`, { resolution: 'x' })).status,
    ).toBe(404);
    expect((await other.admin.get(`${base}/inspection-photos/${photo.id}`)).status).toBe(404);
    expect((await uploadPhoto(other.admin.token, plan.id, new Uint8Array([1]), 'image/jpeg')).status).toBe(
      404,
    );

    // Another plan of the same tenant does not see this plan's photo or issue.
    const second = (await manager.post('/v1/handover-plans', planBody())).body;
    const borrowed = await manager.post(`/v1/handover-plans/${second.id}/inspections`, {
      unitId: await firstUnit(manager, second.id),
      findings: [failedFinding('入户门', { photoKeys: [photo.id] })],
    });
    expect(borrowed.status).toBe(400);
    expect(
      (
        await manager.post(`/v1/handover-plans/${second.id}/inspection-issues/${issue.id}/resolve`, {
          resolution: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('a reader without quality.manage cannot re-inspect or resolve', async () => {
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const inspection = (
      await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
        unitId: await firstUnit(manager, plan.id),
        findings: [failedFinding('入户门')],
      })
    ).body;
    const agent = await tokenFor(staffId(9), [
      { role: 'hotline_agent', scopeType: 'project', scopeId: demo.xixi },
    ]);
    const re = await agent.post(`/v1/handover-plans/${plan.id}/inspections/${inspection.id}/reinspect`, {
      findings: [{ item: '入户门', passed: true }],
    });
    expect([403, 404]).toContain(re.status);
    const res = await agent.post(
      `/v1/handover-plans/${plan.id}/inspection-issues/${inspection.issues[0].id}/resolve`,
      { resolution: '已修' },
    );
    expect([403, 404]).toContain(res.status);
  });
});
