import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, staffId, tokenFor } from '../star/star-support';
import { countEverywhere } from '../support/shards';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { inspectionBody, planBody } from './handover.test-support';

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
