import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { act, as, fx, hotlineRepair, intake } from '../cases/support';
import { call } from '../support/api';
import { localDay } from '../support/staff';

async function repairByContractor1(unit: number, satisfaction: number) {
  const hotline = await as('hotline_agent');
  const contractor = await as('contractor_staff');
  const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(unit) }));
  await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
  await act(contractor, created.id, {
    type: 'record_contact',
    visitBookedFor: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await act(contractor, created.id, { type: 'arrive' });
  await act(contractor, created.id, { type: 'complete', note: '已修复' });
  if (satisfaction >= 3) {
    expect((await call('POST', `/public/v1/owner-link/${created.ownerLink.token}/sign-off`)).status).toBe(
      200,
    );
  }
  await act(hotline, created.id, {
    type: 'follow_up',
    satisfaction,
    comment: satisfaction < 3 ? '没修好' : '满意',
  });
  return created.id as string;
}

describe('the contractor scorecard of a month', () => {
  it('scores each job from the follow-up result and the failures, as JSON and as CSV, with the tenant rules', async () => {
    await repairByContractor1(1, 5);
    await repairByContractor1(2, 1);
    const month = localDay().slice(0, 7);
    const cs = await as('branch_cs_manager');
    const res = await cs.get(`/v1/contractor-scorecards?month=${month}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const card = res.body.scorecards.find((c: { contractorId: string }) => c.contractorId === fx.contractor1);
    expect(card).toMatchObject({ jobs: 2, forfeits: 0, signOffs: 1, reworks: 1, firstTimeFixRate: 0.5 });
    expect(card.followUps).toMatchObject({ very_satisfied: 1, dissatisfied: 1 });
    // Defaults: +2 very satisfied; −3 dissatisfied, −3 rework, −1 no sign-off.
    expect(card.points).toBe(2 - 3 - 3 - 1);

    const csv = await exports.default.fetch(
      `http://api.test/v1/contractor-scorecards?month=${month}&format=csv`,
      {
        headers: { Authorization: `Bearer ${cs.token}` },
      },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('施工单位,工单数');

    const admin = await as('tenant_admin');
    const rules = await admin.get('/v1/contractor-scoring-rules');
    expect(rules.body).toMatchObject({ stored: false, version: 0 });
    const saved = await admin.put(
      '/v1/contractor-scoring-rules',
      { ...rules.body.rules, rework: -5 },
      { 'If-Match': rules.headers.get('ETag') as string },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ stored: true, version: 1 });
    const after = await cs.get(`/v1/contractor-scorecards?month=${month}`);
    expect(
      after.body.scorecards.find((c: { contractorId: string }) => c.contractorId === fx.contractor1).points,
    ).toBe(2 - 3 - 5 - 1);
  });

  it('respects reach and roles', async () => {
    const month = localDay().slice(0, 7);
    const ningbo = await as('branch_gm.nb');
    const res = await ningbo.get(`/v1/contractor-scorecards?month=${month}`);
    expect(res.status).toBe(200);
    expect(
      res.body.scorecards.find((c: { contractorId: string }) => c.contractorId === fx.contractor1),
    ).toBeUndefined();
    expect((await (await as('front_desk')).get(`/v1/contractor-scorecards?month=${month}`)).status).toBe(403);
    const cs = await as('branch_cs_manager');
    expect(
      (
        await cs.put(
          '/v1/contractor-scoring-rules',
          (
            await cs.get('/v1/contractor-scoring-rules')
          ).body.rules,
        )
      ).status,
    ).toBe(403);
    const bad = await cs.get('/v1/contractor-scorecards?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('query.month');
  });
});
