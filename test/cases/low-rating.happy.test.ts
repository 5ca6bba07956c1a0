import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { act, as, fx, hotlineRepair, intake } from './support';

const submit = (token: string, form: Record<string, string>) =>
  call('POST', `/owner-link/${token}/follow-up`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams(form).toString(),
  });

async function completedRepair(unit: number) {
  const hotline = await as('hotline_agent');
  const created = await intake(
    hotline,
    hotlineRepair({ unitId: fx.xixiUnit(unit), description: `低分原因 ${unit}` }),
  );
  await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
  const contractor = await as('contractor_staff');
  await act(contractor, created.id, {
    type: 'record_contact',
    visitBookedFor: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await act(contractor, created.id, { type: 'arrive' });
  await act(contractor, created.id, { type: 'complete', note: '已处理' });
  return { hotline, created };
}

describe('low ratings carry a reason', () => {
  it('the owner page offers the reasons; the owner’s and the caller’s reasons are on the case and in the follow-up report', async () => {
    const { hotline, created } = await completedRepair(1);
    const token = created.ownerLink.token;
    expect((await call('POST', `/owner-link/${token}/sign-off`)).status).toBe(303);
    const page = String((await call('GET', `/owner-link/${token}`)).body);
    for (const label of ['处理太慢', '问题没有解决', '服务态度', '费用问题', '其他'])
      expect(page).toContain(label);
    expect(page).toContain('name="lowRatingReason" value="not_fixed"');
    const en = String((await call('GET', `/owner-link/${token}?lang=en`)).body);
    expect(en).toContain('Not fixed');

    expect((await submit(token, { satisfaction: '2', lowRatingReason: 'slow' })).status).toBe(303);
    const rated = (await hotline.get(`/v1/cases/${created.id}`)).body;
    // An unsatisfied rating reopens the case and keeps its reason.
    expect(rated).toMatchObject({ status: 'reopened', satisfaction: 2, lowRatingReason: 'slow' });

    // The call centre's follow-up offers the same reasons.
    const second = await completedRepair(2);
    const called = await act(second.hotline, second.created.id, {
      type: 'follow_up',
      satisfaction: 1,
      lowRatingReason: 'attitude',
      comment: '师傅态度差',
    });
    expect(called.lowRatingReason).toBe('attitude');
    // A good rating carries no reason, even if one is sent.
    const third = await completedRepair(3);
    const happy = await act(third.hotline, third.created.id, {
      type: 'follow_up',
      satisfaction: 5,
      lowRatingReason: 'cost',
    });
    expect(happy.lowRatingReason).toBeNull();

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await hotline.get(
      `/v1/reports/followups?projectId=${fx.xixi}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.lowRatings).toEqual({
      total: 2,
      reasons: { slow: 1, not_fixed: 0, attitude: 1, cost: 0, other: 0, unspecified: 0 },
    });
  });

  it('a reason that is not one of the list is refused, naming the field', async () => {
    const { created } = await completedRepair(4);
    const hotline = await as('hotline_agent');
    const res = await hotline.post(`/v1/cases/${created.id}/actions`, {
      type: 'follow_up',
      satisfaction: 1,
      lowRatingReason: 'weather',
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain('lowRatingReason');
  });
});
