import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow } from '../star/star-support';
import { countEverywhere, shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { inspectionBody, planBody } from './handover.test-support';

beforeAll(demoReady);
afterEach(realTime);

describe('pre-handover unit inspection (分户查验)', () => {
  it("lists the plan's units, records a passed and a failed unit; the failed item is a defect of the register", async () => {
    setNow('2030-04-02T02:00:00Z');
    const manager = await demoAt('cr_manager');
    const plan = (await manager.post('/v1/handover-plans', planBody())).body;
    const before = await manager.get(`/v1/handover-plans/${plan.id}/inspections`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.data.length).toBeGreaterThanOrEqual(2);
    expect(before.body.data.every((u: { status: string }) => u.status === 'not_inspected')).toBe(true);
    const [first, second] = before.body.data;

    const passed = await manager.post(
      `/v1/handover-plans/${plan.id}/inspections`,
      inspectionBody(first.unitId, true),
    );
    expect(passed.status, JSON.stringify(passed.body)).toBe(201);
    expect(passed.body).toMatchObject({ result: 'passed', unitId: first.unitId, issues: [] });

    const failed = await manager.post(
      `/v1/handover-plans/${plan.id}/inspections`,
      inspectionBody(second.unitId),
    );
    expect(failed.status, JSON.stringify(failed.body)).toBe(201);
    expect(failed.body.result).toBe('failed');
    expect(failed.body.findings).toHaveLength(3);
    expect(failed.body.issues).toHaveLength(1);
    const issue = failed.body.issues[0];
    expect(issue).toMatchObject({ route: 'defect', category: 'leaks', violatesStandard: true });

    const defect = await manager.get(`/v1/defects/${issue.defectId}`);
    expect(defect.status, JSON.stringify(defect.body)).toBe(200);
    expect(JSON.stringify(defect.body)).toContain('pre_handover_inspection');
    expect(JSON.stringify(defect.body)).toContain('闭水试验渗漏至楼下');

    const after = (await manager.get(`/v1/handover-plans/${plan.id}/inspections`)).body;
    const status = new Map(after.data.map((u: { unitId: string; status: string }) => [u.unitId, u.status]));
    expect(status.get(first.unitId)).toBe('passed');
    expect(status.get(second.unitId)).toBe('failed');
    const building = after.progress.find((p: { buildingId: string }) => p.buildingId === second.buildingId);
    expect(building.inspected).toBeGreaterThanOrEqual(second.buildingId === first.buildingId ? 2 : 1);
    expect(building.openIssues).toBe(1);

    // Audited: the inspection, the issue and the defect.
    const audit = await (await shardOf(demo.tenantId))
      .prepare('SELECT action FROM audit_log WHERE tenant_id = ? AND target_id IN (?, ?, ?) ORDER BY action')
      .bind(demo.tenantId, failed.body.id, issue.id, issue.defectId)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual([
      'defects.create',
      'inspection_issues.create',
      'unit_inspections.create',
    ]);

    // A unit is inspected once per plan: the second try (with a failed item) writes no defect.
    const defects = () =>
      countEverywhere('SELECT COUNT(*) AS n FROM product_defects WHERE tenant_id = ?', demo.tenantId);
    const defectsBefore = await defects();
    expect(
      (await manager.post(`/v1/handover-plans/${plan.id}/inspections`, inspectionBody(first.unitId))).status,
    ).toBe(409);
    expect(await defects()).toBe(defectsBefore);
  });
});
