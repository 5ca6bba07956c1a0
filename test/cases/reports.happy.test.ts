import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import type { Client } from '../support/api';
import { shiftCase } from '../support/sla';
import { act, as, fx, hotlineRepair, intake } from './support';

const hour = 3_600_000;
const around = (projectId: string) => {
  const now = Date.now();
  return `from=${new Date(now - hour).toISOString()}&to=${new Date(now + hour).toISOString()}&projectId=${projectId}`;
};

/** Dispatch to the demo contractor, contact, arrive, complete. */
async function repairDone(hotline: Client, contractor: Client, body: Record<string, unknown>) {
  const created = await intake(hotline, hotlineRepair(body));
  await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
  await act(contractor, created.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
  await act(contractor, created.id, { type: 'arrive' });
  await act(contractor, created.id, { type: 'complete', note: '已修好' });
  return created;
}

describe('first-time fix report (一次维修成功率)', () => {
  it('counts a re-reported repair and a reopened one as repeats, by category, sorted by repeats', async () => {
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const leak = await repairDone(hotline, contractor, { unitId: fx.xixiUnit(1), category: 'plumbing' });
    const again = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(1), category: 'plumbing.pipe_burst', description: '又漏了' }),
    );
    expect(again.reworkOfCaseId).toBe(leak.id);
    await repairDone(hotline, contractor, { unitId: fx.xixiUnit(2), category: 'electrical' });
    const door = await repairDone(hotline, contractor, { unitId: fx.xixiUnit(3), category: 'doors_windows' });
    const reopened = await act(hotline, door.id, { type: 'follow_up', satisfaction: 1, comment: '没修好' });
    expect(reopened.status).toBe('reopened');

    const res = await hotline.get(`/v1/reports/first-time-fix?${around(fx.xixi)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ repairs: 3, repeats: 2, firstTimeFixRate: 1 / 3 });
    expect(res.body.categories).toEqual([
      {
        category: 'doors_windows',
        repairs: 1,
        repeats: 1,
        firstTimeFixes: 0,
        firstTimeFixRate: 0,
        repeatShare: 0.5,
      },
      {
        category: 'plumbing',
        repairs: 1,
        repeats: 1,
        firstTimeFixes: 0,
        firstTimeFixRate: 0,
        repeatShare: 0.5,
      },
      {
        category: 'electrical',
        repairs: 1,
        repeats: 0,
        firstTimeFixes: 1,
        firstTimeFixRate: 1,
        repeatShare: 0,
      },
    ]);

    // By contractor: the three were all the demo contractor's jobs.
    const byContractor = await hotline.get(
      `/v1/reports/first-time-fix?${around(fx.xixi)}&contractorId=${fx.contractor2}`,
    );
    expect(byContractor.body).toMatchObject({
      repairs: 0,
      repeats: 0,
      firstTimeFixRate: null,
      categories: [],
    });

    // A window before the completions has none of them.
    const before = new Date(Date.now() - 2 * hour).toISOString();
    const earlier = await hotline.get(
      `/v1/reports/first-time-fix?from=${new Date(Date.now() - 3 * hour).toISOString()}&to=${before}`,
    );
    expect(earlier.body.repairs).toBe(0);

    // Scope-filtered: the Ningbo front desk sees none of Hangzhou's repairs.
    const ningbo = await as('front_desk.nb');
    const theirs = await ningbo.get(`/v1/reports/first-time-fix?${around(fx.xixi)}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.repairs).toBe(0);
  });

  it('refuses a window that ends before it starts, or is longer than a year, and callers without case access', async () => {
    const hotline = await as('hotline_agent');
    const now = Date.now();
    const backwards = await hotline.get(
      `/v1/reports/first-time-fix?from=${new Date(now).toISOString()}&to=${new Date(now - hour).toISOString()}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues[0].path).toBe('to');
    const long = await hotline.get(
      `/v1/reports/followups?from=${new Date(now - 400 * 24 * hour).toISOString()}&to=${new Date(now).toISOString()}`,
    );
    expect(long.status).toBe(400);
    expect((await hotline.get('/v1/reports/followups?from=yesterday')).status).toBe(400);
    const hr = await as('branch_hr');
    expect((await hr.get('/v1/reports/followups')).status).toBe(403);
  });
});

describe('follow-up done rate (回访)', () => {
  it('counts follow-ups due by now or done, per kind, due when the SLA policy says (3 days after completion)', async () => {
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const qianjiangUnit = (n: number) => demoId('unit', 8 + n);

    const done = await repairDone(hotline, contractor, {
      projectId: fx.qianjiang,
      unitId: qianjiangUnit(1),
      category: 'electrical',
    });
    const waiting = await repairDone(hotline, contractor, {
      projectId: fx.qianjiang,
      unitId: qianjiangUnit(2),
      category: 'noise',
    });
    // Just completed: the policy's follow-up is 3 days away, so nothing is due in this hour.
    const fresh = await hotline.get(`/v1/reports/followups?${around(fx.qianjiang)}`);
    expect(fresh.body.repair).toEqual({ due: 0, done: 0, overdue: 0, rate: null });
    // Three days pass: both cases move back in time, their follow-ups fell due a minute ago.
    for (const c of [done, waiting]) await shiftCase(fx.tenantId, c.id, -(3 * 24 * 60 + 1));

    const followed = await act(hotline, done.id, { type: 'follow_up', satisfaction: 5, comment: '满意' });
    expect(followed.status).toBe('followed_up');

    const res = await hotline.get(`/v1/reports/followups?${around(fx.qianjiang)}`);
    expect(res.status).toBe(200);
    expect(res.body.repair).toEqual({ due: 2, done: 1, overdue: 1, rate: 0.5 });
    expect(res.body.complaint).toEqual({ due: 0, done: 0, overdue: 0, rate: null });
    expect(res.body.all).toEqual({ due: 2, done: 1, overdue: 1, rate: 0.5 });

    // Another project's window is empty; the default window (the last 30 days) includes them.
    const xixi = await hotline.get(`/v1/reports/followups?${around(fx.binjiang)}`);
    expect(xixi.body.all).toEqual({ due: 0, done: 0, overdue: 0, rate: null });
    const recent = await hotline.get(`/v1/reports/followups?projectId=${fx.qianjiang}`);
    expect(recent.body.repair.done).toBe(1);
  });
});
