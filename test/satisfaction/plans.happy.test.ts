import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffInboxFor } from '../../workers/app/events/reactions';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { closedCampaign } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

const measure = (over: Record<string, unknown> = {}) => ({
  id: 'm1',
  indicator: 'dimension:repairs',
  action: '维修30分钟内联系业主，超时施工单位放弃本次维修机会',
  ownerId: staffId(13),
  dueOn: '2027-03-31',
  ...over,
});

const eventsOf = (type: string, planId: string) =>
  rows<{ payload: string }>(
    "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = ? AND json_extract(payload, '$.planId') = ?",
    demo.tenantId,
    type,
    planId,
  );

describe('an improvement plan from the ranking to its quarterly re-check', () => {
  it('is filed by a bottom-three project, returned with a reason, approved, presented and re-checked', async () => {
    const campaign = await closedCampaign(() => demoAt('tenant_admin'));
    const results = await (await demoAt('tenant_admin')).get(
      `/v1/satisfaction/campaigns/${campaign.id}/results`,
    );
    expect(results.body.bottomThree.sort()).toEqual([demo.xixi, demo.qianjiang, demo.donghu].sort());

    const pm = await demoAt('project_manager');
    const filed = await pm.post('/v1/satisfaction/plans', {
      campaignId: campaign.id,
      subject: { kind: 'project', projectId: demo.xixi },
      ownerId: staffId(9),
      measures: [measure()],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'draft', department: '', allowedSteps: ['submit'] });
    const id = filed.body.id;

    const submitted = await pm.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'submit' });
    expect(submitted.body.status).toBe('submitted');
    const [submitEvent] = await eventsOf('improvement_plan.changed', id);
    expect(JSON.parse(submitEvent?.payload ?? '{}').notifyStaffIds).toEqual(
      expect.arrayContaining([staffId(2), staffId(10)]),
    );

    const cs = await demoAt('branch_cs_manager');
    const returned = await cs.post(`/v1/satisfaction/plans/${id}/steps`, {
      type: 'return',
      reason: '措施泛泛而谈，请落到一次维修成功率',
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReason: '措施泛泛而谈，请落到一次维修成功率',
      // Each side is offered only its own steps: the returned plan is the project's to resubmit.
      allowedSteps: [],
    });
    expect((await pm.get(`/v1/satisfaction/plans/${id}`)).body.allowedSteps).toEqual(['submit']);

    const revised = await pm.put(`/v1/satisfaction/plans/${id}/measures`, {
      ownerId: staffId(9),
      measures: [
        measure(),
        measure({ id: 'm2', indicator: 'first_time_fix_rate', action: '疑难维修由专业技术人员制定方案' }),
      ],
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body.measures).toHaveLength(2);
    await pm.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'submit' });
    const approved = await cs.post(`/v1/satisfaction/plans/${id}/steps`, { type: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', returnReason: null, reviewedBy: staffId(10) });

    const presented = await cs.post(`/v1/satisfaction/plans/${id}/steps`, {
      type: 'present',
      presentedTo: staffId(11),
      presentedOn: '2026-12-10',
    });
    expect(presented.body).toMatchObject({ status: 'presented', presentedTo: staffId(11) });
    // One re-check a quarter from the next quarter, due on its last working day.
    expect(
      presented.body.rechecks.map((r: { year: number; quarter: number }) => `${r.year}-Q${r.quarter}`),
    ).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    const q1 = presented.body.rechecks[0];
    expect(q1.dueOn).toBe('2027-03-31');
    const presentEvent = (await eventsOf('improvement_plan.changed', id))
      .map((e) => JSON.parse(e.payload))
      .at(-1);
    expect(presentEvent.notifyStaffIds).toEqual(expect.arrayContaining([staffId(9), staffId(11)]));
    const inbox = staffInboxFor({
      id: 'evt_p',
      type: 'improvement_plan.changed',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date().toISOString(),
      branchId: demo.hangzhou,
      projectId: demo.xixi,
      data: presentEvent,
    });
    expect(inbox[0]?.title).toBe('提高计划 已向总经理汇报');

    // The Q1 re-check: warned before, overdue after, escalated to the branch GM, once each.
    for (const at of ['2027-03-20T02:00:00Z', '2027-03-26T02:00:00Z', '2027-03-26T03:00:00Z']) {
      await cronTick(new Date(at));
    }
    expect(await eventsOf('plan_recheck.due_soon', id)).toHaveLength(1);
    expect(await eventsOf('plan_recheck.overdue', id)).toHaveLength(0);
    await cronTick(new Date('2027-04-01T02:00:00Z'));
    await cronTick(new Date('2027-04-01T03:00:00Z'));
    expect(await eventsOf('plan_recheck.overdue', id)).toHaveLength(1);
    expect(await eventsOf('plan_recheck.escalated', id)).toHaveLength(0);
    await cronTick(new Date('2027-04-14T02:00:00Z'));
    await cronTick(new Date('2027-04-14T03:00:00Z'));
    const escalated = await eventsOf('plan_recheck.escalated', id);
    expect(escalated).toHaveLength(1);
    expect(JSON.parse(escalated[0]?.payload ?? '{}').notifyStaffIds).toContain(staffId(11));

    // The CS centre records the re-check late; the next quarter's is untouched.
    setNow('2027-04-14T04:00:00Z');
    const checked = await (await demoAt('branch_cs_manager')).post(
      `/v1/satisfaction/plans/${id}/rechecks/${q1.id}`,
      {
        progress: [
          { measureId: 'm1', status: 'in_progress', note: '3月超时2单' },
          { measureId: 'm2', status: 'done' },
        ],
      },
    );
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.rechecks[0]).toMatchObject({ checkedBy: staffId(10), warnedAt: expect.any(String) });
    expect(checked.body.rechecks[0].progress).toHaveLength(2);
    expect(checked.body.rechecks[1].checkedAt).toBeNull();
  });
});
