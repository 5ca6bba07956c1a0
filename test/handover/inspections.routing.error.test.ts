import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady } from '../star/star-support';
import { countEverywhere } from '../support/shards';
import { demo } from '../support/staff';
import { failedFinding, planBody, uploadPhoto } from './handover.test-support';

beforeAll(demoReady);

async function inspected() {
  const manager = await demoAt('cr_manager');
  const plan = (await manager.post('/v1/handover-plans', planBody())).body;
  const unitId = (await manager.get(`/v1/handover-plans/${plan.id}/inspections`)).body.data[0].unitId;
  const inspection = (
    await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
      unitId,
      findings: [failedFinding('入户门')],
    })
  ).body;
  return { manager, plan, unitId, inspection };
}

const counts = async () => ({
  issues: await countEverywhere(
    'SELECT COUNT(*) AS n FROM inspection_issues WHERE tenant_id = ?',
    demo.tenantId,
  ),
  cases: await countEverywhere('SELECT COUNT(*) AS n FROM cases WHERE tenant_id = ?', demo.tenantId),
});

describe('pre-handover inspection: errors', () => {
  it('a category outside the case tree or a photo never uploaded answers 400 at the finding and writes nothing', async () => {
    const { manager, plan } = await inspected();
    const unitId = (await manager.get(`/v1/handover-plans/${plan.id}/inspections`)).body.data[1].unitId;
    const before = await counts();
    const badCategory = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
      unitId,
      findings: [{ item: '墙面', passed: true }, failedFinding('入户门', { category: 'no.such' })],
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.issues[0].path).toBe('findings.1.category');
    const badPhoto = await manager.post(`/v1/handover-plans/${plan.id}/inspections`, {
      unitId,
      findings: [failedFinding('入户门', { photoKeys: ['iphoto_missing'] })],
    });
    expect(badPhoto.status).toBe(400);
    expect(badPhoto.body.issues[0].path).toBe('findings.0.photoKeys.0');
    expect(await counts()).toEqual(before);
  });

  it('a photo that is no image, or empty, is refused', async () => {
    const { manager, plan } = await inspected();
    expect((await uploadPhoto(manager.token, plan.id, '%PDF-1.4', 'application/pdf')).status).toBe(415);
    expect((await uploadPhoto(manager.token, plan.id, 'x', 'text/plain')).status).toBe(415);
    const empty = await uploadPhoto(manager.token, plan.id, '', 'image/jpeg');
    expect(empty.status).toBe(400);
  });

  it('a stale If-Match on a re-inspection is 412, a second resolve is 409, an empty resolution 400', async () => {
    const { manager, plan, inspection } = await inspected();
    const before = await counts();
    const stale = await manager.post(
      `/v1/handover-plans/${plan.id}/inspections/${inspection.id}/reinspect`,
      { findings: [{ item: '入户门', passed: true }] },
      { 'If-Match': `"${inspection.version + 5}"` },
    );
    expect(stale.status).toBe(412);
    expect(await counts()).toEqual(before);
    const missing = await manager.post(`/v1/handover-plans/${plan.id}/inspections/uinsp_nope/reinspect`, {
      findings: [{ item: '入户门', passed: true }],
    });
    expect(missing.status).toBe(404);
    const issue = inspection.issues[0];
    const blank = await manager.post(`/v1/handover-plans/${plan.id}/inspection-issues/${issue.id}/resolve`, {
      resolution: '  ',
    });
    expect(blank.status).toBe(400);
    const path = `/v1/handover-plans/${plan.id}/inspection-issues/${issue.id}/resolve`;
    expect((await manager.post(path, { resolution: '已更换' })).status).toBe(200);
    expect((await manager.post(path, { resolution: '又换了' })).status).toBe(409);
  });
});
