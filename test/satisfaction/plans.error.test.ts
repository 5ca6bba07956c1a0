import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, staffId } from '../star/star-support';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { closedCampaign, createCampaign } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

const measure = (over: Record<string, unknown> = {}) => ({
  id: 'm1',
  indicator: 'dimension:repairs',
  action: '30分钟内联系业主',
  ownerId: staffId(13),
  dueOn: '2027-03-31',
  ...over,
});
const planCount = async () =>
  (
    await rows<{ n: number }>(
      'SELECT count(*) AS n FROM improvement_plans WHERE tenant_id = ?',
      demo.tenantId,
    )
  )[0]?.n;

describe('plans that are refused', () => {
  it('only the bottom three file, once, with real staff, and each step in its order', async () => {
    const campaign = await closedCampaign(() => demoAt('tenant_admin'));
    const admin = await demoAt('tenant_admin');
    const before = await planCount();
    const file = (over: Record<string, unknown>) =>
      admin.post('/v1/satisfaction/plans', {
        campaignId: campaign.id,
        subject: { kind: 'project', projectId: demo.qianjiang },
        ownerId: staffId(9),
        measures: [measure()],
        ...over,
      });
    // Binjiang ranked first: no plan.
    const top = await file({ subject: { kind: 'project', projectId: demo.binjiang } });
    expect(top.status).toBe(409);
    expect(top.body.bottomThree).toBeDefined();
    expect((await file({ measures: [measure({ ownerId: 'stf_nobody' })] })).body.issues[0].path).toBe(
      'measures.0.ownerId',
    );
    expect((await file({ measures: [] })).body.issues[0].path).toBe('measures');
    expect((await file({ measures: [measure(), measure()] })).body.issues[0].path).toBe('measures.1.id');
    expect((await file({ campaignId: 'svc_nope' })).body.issues[0].path).toBe('campaignId');
    expect(await planCount()).toBe(before);

    const ok = await file({});
    expect(ok.status).toBe(201);
    expect((await file({})).status).toBe(409);

    const id = ok.body.id;
    const step = (body: Record<string, unknown>) => admin.post(`/v1/satisfaction/plans/${id}/steps`, body);
    expect((await step({ type: 'approve' })).status).toBe(409);
    await step({ type: 'submit' });
    const noReason = await step({ type: 'return', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    expect(
      (await step({ type: 'present', presentedTo: staffId(11), presentedOn: '2026-12-10' })).status,
    ).toBe(409);
    await step({ type: 'approve' });
    const present = await step({ type: 'present', presentedTo: staffId(11), presentedOn: '2026-12-10' });
    const recheck = present.body.rechecks[0];
    const bad = await admin.post(`/v1/satisfaction/plans/${id}/rechecks/${recheck.id}`, {
      progress: [{ measureId: 'm9', status: 'done' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('progress.0.measureId');
    expect((await rows('SELECT checked_at FROM plan_rechecks WHERE id = ?', recheck.id))[0]).toEqual({
      checked_at: null,
    });
    // A stale version is refused.
    const stale = await admin.post(
      `/v1/satisfaction/plans/${id}/steps`,
      { type: 'close' },
      { 'If-Match': '"1"' },
    );
    expect(stale.status).toBe(412);
  });

  it('a campaign still open takes no plan', async () => {
    const open = await createCampaign(await demoAt('tenant_admin'));
    const res = await (await demoAt('tenant_admin')).post('/v1/satisfaction/plans', {
      campaignId: open.id,
      subject: { kind: 'project', projectId: demo.xixi },
      ownerId: staffId(9),
      measures: [measure()],
    });
    expect(res.status).toBe(409);
  });
});
