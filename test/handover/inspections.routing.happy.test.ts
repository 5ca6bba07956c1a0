import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow } from '../star/star-support';
import { call } from '../support/api';
import { countEverywhere, shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { failedFinding, planBody, uploadPhoto } from './handover.test-support';

beforeAll(demoReady);
afterEach(realTime);

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function planWithUnits() {
  const manager = await demoAt('cr_manager');
  const plan = (await manager.post('/v1/handover-plans', planBody())).body;
  const units = (await manager.get(`/v1/handover-plans/${plan.id}/inspections`)).body.data as {
    unitId: string;
    buildingId: string;
  }[];
  return { manager, plan, units };
}

describe('pre-handover inspection: routing, photos, re-inspection, resolving', () => {
  it("a workmanship issue of one unit becomes the unit's repair case in the same commit, with its photo", async () => {
    setNow('2030-04-02T02:00:00Z');
    const { manager, plan, units } = await planWithUnits();
    const unit = units[0]!;
    const photo = await uploadPhoto(manager.token, plan.id, png, 'image/png');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const got = await call('GET', `/v1/handover-plans/${plan.id}/inspection-photos/${photo.body.id}`, {
      token: manager.token,
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');

    const defects = () =>
      countEverywhere('SELECT COUNT(*) AS n FROM product_defects WHERE tenant_id = ?', demo.tenantId);
    const defectsBefore = await defects();
    const res = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
      unitId: unit.unitId,
      findings: [
        { item: '墙面', passed: true },
        failedFinding('入户门', { photoKeys: [photo.body.id] }),
        failedFinding('窗户'),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.round).toBe(1);
    expect(res.body.issues).toHaveLength(2);
    const [door, window] = res.body.issues;
    expect(door).toMatchObject({
      route: 'repair_case',
      defectId: null,
      item: '入户门',
      photoKeys: [photo.body.id],
    });
    // One repair case for the unit's round, listing both items.
    expect(window.caseId).toBe(door.caseId);
    expect(await defects()).toBe(defectsBefore);
    const repair = await manager.get(`/v1/cases/${door.caseId}`);
    expect(repair.status, JSON.stringify(repair.body)).toBe(200);
    expect(repair.body).toMatchObject({ kind: 'repair', unitId: unit.unitId, category: 'doors_windows' });
    expect(repair.body.description).toContain('入户门');
    expect(repair.body.description).toContain('窗户');
    const audit = await (await shardOf(demo.tenantId))
      .prepare('SELECT action FROM audit_log WHERE tenant_id = ? AND target_id IN (?, ?) ORDER BY action')
      .bind(demo.tenantId, door.caseId, res.body.id)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['cases.create', 'unit_inspections.create']);
  });

  it('the same kind of workmanship issue in a third unit of the batch is a defect (recurring)', async () => {
    setNow('2030-04-02T02:00:00Z');
    const { manager, plan, units } = await planWithUnits();
    expect(units.length).toBeGreaterThanOrEqual(3);
    const routes: string[] = [];
    for (const unit of units.slice(0, 3)) {
      const res = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
        unitId: unit.unitId,
        findings: [failedFinding('入户门')],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      routes.push(res.body.issues[0].route);
    }
    expect(routes).toEqual(['repair_case', 'repair_case', 'defect']);
  });

  it('a re-inspection resolves the items that pass, keeps the others open and routes a new failure; an issue is resolved by hand', async () => {
    setNow('2030-04-02T02:00:00Z');
    const { manager, plan, units } = await planWithUnits();
    const unit = units[0]!;
    const first = (
      await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
        unitId: unit.unitId,
        findings: [
          failedFinding('入户门'),
          failedFinding('外窗', { nature: 'design', category: 'leaks.window', description: '窗台倒坡' }),
        ],
      })
    ).body;
    const [door, windowIssue] = first.issues;
    expect(windowIssue.route).toBe('defect');

    setNow('2030-04-09T02:00:00Z');
    const later = await demoAt('cr_manager');
    const again = await later.post(
      `/v1/handover-plans/${plan.id}/inspections/${first.id}/reinspect`,
      {
        findings: [
          { item: '入户门', passed: true },
          failedFinding('外窗', { nature: 'design', category: 'leaks.window', description: '窗台倒坡' }),
          failedFinding('地面', { category: 'renovation', description: '地砖空鼓' }),
        ],
      },
      { 'If-Match': `"${first.version}"` },
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ round: 2, result: 'failed', version: first.version + 1 });
    const byItem = new Map(again.body.issues.map((i: { item: string }) => [i.item, i]));
    expect(byItem.get('入户门')).toMatchObject({ id: door.id, resolution: '复查通过 (2)' });
    expect((byItem.get('入户门') as { resolvedAt: string }).resolvedAt).toBe('2030-04-09T02:00:00.000Z');
    expect(byItem.get('外窗')).toMatchObject({ id: windowIssue.id, resolvedAt: null });
    expect(byItem.get('地面')).toMatchObject({ route: 'repair_case' });
    expect(again.body.issues).toHaveLength(3);

    const resolved = await later.post(
      `/v1/handover-plans/${plan.id}/inspection-issues/${windowIssue.id}/resolve`,
      { resolution: '窗台重做顺坡，淋水试验无渗漏' },
    );
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({
      resolution: '窗台重做顺坡，淋水试验无渗漏',
      version: windowIssue.version + 1,
    });
    expect(resolved.body.resolvedBy).toBeTruthy();
    const list = (await later.get(`/v1/handover-plans/${plan.id}/inspections`)).body;
    const progress = list.progress.find((p: { buildingId: string }) => p.buildingId === unit.buildingId);
    expect(progress.openIssues).toBe(1);
    const row = list.data.find((u: { unitId: string }) => u.unitId === unit.unitId);
    expect(row.inspection.round).toBe(2);
  });
});
