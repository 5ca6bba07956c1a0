import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffInboxFor } from '../../workers/app/events/reactions';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { insertCase } from '../support/sla';
import { demo } from '../support/staff';

beforeAll(demoReady);
afterEach(realTime);

const xixi = { branchId: demo.hangzhou, projectId: demo.xixi };
const owner = (n: number) => `own_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;

async function complaint(at: string, values: Record<string, unknown> = {}) {
  return insertCase(demo.tenantId, xixi, {
    kind: 'complaint',
    category: 'property_service',
    channel: 'hotline',
    receivedAt: new Date(at),
    ...values,
  });
}

const summaryEvents = (type: string, projectId: string) =>
  rows<{ payload: string }>(
    "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = ? AND json_extract(payload, '$.projectId') = ? AND json_extract(payload, '$.month') = '2026-10'",
    demo.tenantId,
    type,
    projectId,
  );

describe('the monthly complaint summary', () => {
  it('is drafted on the first working day, submitted with its analysis, read, reviewed and flagged', async () => {
    await complaint('2026-10-08T02:00:00Z', {
      ownerId: owner(1),
      firstReplyAt: new Date('2026-10-08T03:00:00Z'),
      resolvedAt: new Date('2026-10-09T02:00:00Z'),
    });
    await complaint('2026-10-20T02:00:00Z', {
      ownerId: owner(1),
      claimAmountFen: 1_200_000,
      channel: 'wechat',
    });
    await complaint('2026-10-30T02:00:00Z', { ownerId: owner(2), reopenCount: 1 });
    await complaint('2026-09-15T02:00:00Z', { ownerId: owner(3) });

    // Monday 2 November 2026, 10:00 in Shanghai: the first working day drafts October.
    await cronTick(new Date('2026-11-02T02:00:00Z'));
    await cronTick(new Date('2026-11-02T02:01:00Z'));
    setNow('2026-11-02T03:00:00Z');
    const lead = await demoAt('cs_supervisor');
    const list = await lead.get('/v1/complaint-summaries?month=2026-10');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const draft = list.body.data[0];
    expect(draft).toMatchObject({
      projectId: demo.xixi,
      status: 'draft',
      dueOn: '2026-11-06',
      deadline: 'pending',
    });
    expect(draft.figures).toMatchObject({
      total: 3,
      repeatComplainants: 1,
      claims: 1,
      reopened: 1,
      unresolved: 2,
    });
    expect(draft.figures.byChannel).toEqual({ hotline: 2, wechat: 1 });
    expect(draft.figures.firstResponseMinutes.p50).toBe(60);
    expect(draft.changes.total).toMatchObject({ current: 3, previous: 1, delta: 2, ratio: 2 });
    expect(await summaryEvents('complaint_summary.drafted', demo.xixi)).toHaveLength(1);

    // The branch view lists every Hangzhou project's summary.
    const cs = await demoAt('branch_cs_manager');
    const branch = await cs.get(`/v1/complaint-summaries?month=2026-10&branchId=${demo.hangzhou}`);
    expect(branch.body.data.map((s: { projectId: string }) => s.projectId).sort()).toEqual(
      [demo.xixi, demo.qianjiang, demo.binjiang].sort(),
    );

    const submitted = await lead.post(`/v1/complaint-summaries/${draft.id}/submit`, {
      causeAnalysis: '物业服务响应慢，重复投诉集中在同一业主',
      measures: '专人回访，24小时内答复',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: staffId(4), readAt: null });
    const [sub] = await summaryEvents('complaint_summary.submitted', demo.xixi);
    expect(JSON.parse(sub?.payload ?? '{}').notifyStaffIds).toEqual([staffId(10)]);

    // The branch CS manager's first read is the receipt; the lead's reads are not.
    expect((await lead.get(`/v1/complaint-summaries/${draft.id}`)).body.readAt).toBeNull();
    const read = await cs.get(`/v1/complaint-summaries/${draft.id}`);
    expect(read.body).toMatchObject({ readBy: staffId(10), readAt: expect.any(String) });

    const reviewed = await cs.post(`/v1/complaint-summaries/${draft.id}/review`, {
      comment: '索赔金额超过1万元，需分公司协调',
      majorProblem: true,
    });
    expect(reviewed.body).toMatchObject({ status: 'reviewed', majorProblem: true, deadline: 'done' });
    const [rev] = await summaryEvents('complaint_summary.reviewed', demo.xixi);
    const payload = JSON.parse(rev?.payload ?? '{}');
    expect(payload.notifyStaffIds).toEqual(expect.arrayContaining([staffId(4), staffId(11)]));
    const inbox = staffInboxFor({
      id: 'evt_s',
      type: 'complaint_summary.reviewed',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date().toISOString(),
      branchId: demo.hangzhou,
      projectId: demo.xixi,
      data: payload,
    });
    expect(inbox[0]?.title).toBe('2026-10 月度投诉汇总已审阅（重大问题）');
  });

  it('a summary not submitted is warned before its due day and escalated after, once each', async () => {
    await cronTick(new Date('2026-11-02T02:00:00Z'));
    await cronTick(new Date('2026-11-04T02:00:00Z'));
    expect(await summaryEvents('complaint_summary.due_soon', demo.qianjiang)).toHaveLength(0);
    await cronTick(new Date('2026-11-05T02:00:00Z'));
    await cronTick(new Date('2026-11-05T03:00:00Z'));
    expect(await summaryEvents('complaint_summary.due_soon', demo.qianjiang)).toHaveLength(1);
    await cronTick(new Date('2026-11-10T02:00:00Z'));
    expect(await summaryEvents('complaint_summary.escalated', demo.qianjiang)).toHaveLength(0);
    await cronTick(new Date('2026-11-11T02:00:00Z'));
    await cronTick(new Date('2026-11-11T03:00:00Z'));
    const escalated = await summaryEvents('complaint_summary.escalated', demo.qianjiang);
    expect(escalated).toHaveLength(1);
    expect(JSON.parse(escalated[0]?.payload ?? '{}').notifyStaffIds).toContain(staffId(10));
    setNow('2026-11-11T03:00:00Z');
    const [row] = (
      await (
        await demoAt('branch_cs_manager')
      ).get(`/v1/complaint-summaries?month=2026-10&projectId=${demo.qianjiang}`)
    ).body.data;
    expect(row.deadline).toBe('escalated');
  });
});
