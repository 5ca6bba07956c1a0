import { describe, expect, it } from 'vitest';
import { act, as, frontDeskComplaint, fx, intake } from '../cases/support';
import {
  arm,
  fireAlarm,
  insertCase,
  milestoneRows,
  minutesFromNow,
  outboxTypes,
  recordedKeys,
  shiftCase,
} from '../support/sla';

/*
 * Issue 19, items 2 and 3: no clock outlives the step it waits for, and what happened stays
 * what happened. Time is set by the test (cases written in the past, `shiftCase`).
 */

const xixi = { branchId: fx.hangzhou, projectId: fx.xixi };
const hour = 3_600_000;

async function slaOf(caseId: string) {
  const res = await (await as('tenant_admin')).get(`/v1/cases/${caseId}/sla`);
  expect(res.status).toBe(200);
  return res.body as {
    milestones: {
      milestone: string;
      cycle: number;
      status: string;
      endReason: string | null;
      endedAt: string | null;
      metAt: string | null;
      breachedAt: string | null;
      startedAt: string | null;
      dueAt: string | null;
      policyId: string | null;
      policyName: string | null;
      policyVersion: number | null;
    }[];
  };
}
const find = (sla: Awaited<ReturnType<typeof slaOf>>, milestone: string, cycle = 0) =>
  sla.milestones.find((m) => m.milestone === milestone && m.cycle === cycle);

describe('a milestone ends when the case can no longer meet it', () => {
  it('a complaint resolved before the department’s feedback cancels that milestone with a reason; no breach or escalation fires later', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    await act(desk, created.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
    expect(find(await slaOf(created.id), 'department_feedback')?.status).toBe('pending');
    await act(desk, created.id, { type: 'reply_owner', replyKind: 'result', message: '已为您处理' });
    const resolved = await act(desk, created.id, { type: 'resolve', note: '车位已落实' });
    expect(resolved.status).toBe('resolved');

    const sla = await slaOf(created.id);
    expect(find(sla, 'department_feedback')).toMatchObject({
      status: 'cancelled',
      endReason: 'case_moved_on',
      endedAt: resolved.resolvedAt,
    });
    expect(find(sla, 'first_reply')?.status).toBe('met');

    // 30 hours later (past the feedback's due time) the alarm fires: nothing for the feedback.
    await shiftCase(fx.tenantId, created.id, -30 * 60);
    await fireAlarm(fx.tenantId, created.id);
    const keys = (await recordedKeys(fx.tenantId, created.id)).map((r) => r.key);
    expect(keys.filter((k) => k.includes(':department_feedback:'))).toEqual([]);
    expect(keys.filter((k) => k.includes(':escalation:'))).toEqual([]);
    expect(await outboxTypes(fx.tenantId, created.id)).not.toContain('sla.breached');
    expect(find(await slaOf(created.id), 'department_feedback')).toMatchObject({
      status: 'cancelled',
      endReason: 'case_moved_on',
    });
  });
});

describe('what happened stays what happened', () => {
  it('a reply after the breach reads met late; the breach stays recorded', async () => {
    await as('tenant_admin');
    const receivedAt = minutesFromNow(-25 * 60);
    const c = await insertCase(fx.tenantId, xixi, {
      kind: 'complaint',
      category: 'noise',
      receivedAt,
    });
    await arm(fx.tenantId, c.id);
    await fireAlarm(fx.tenantId, c.id);
    expect(find(await slaOf(c.id), 'first_reply')?.status).toBe('breached');
    await act(await as('complaint_specialist'), c.id, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '抱歉久等，已在处理',
    });
    const late = find(await slaOf(c.id), 'first_reply');
    expect(late).toMatchObject({
      status: 'met_late',
      dueAt: new Date(receivedAt.getTime() + 24 * hour).toISOString(),
    });
    expect(late?.breachedAt).not.toBeNull();
    expect(late?.metAt).not.toBeNull();
    expect((await recordedKeys(fx.tenantId, c.id)).map((r) => r.key)).toContain(
      `${c.id}:first_reply:breach:0`,
    );
  });

  it('a policy added later starts from the change, is not met by earlier replies, and its rows keep their name after it is deleted', async () => {
    const admin = await as('tenant_admin');
    const receivedAt = minutesFromNow(-5 * 60);
    const c = await insertCase(fx.tenantId, xixi, { kind: 'complaint', category: 'noise', receivedAt }, [
      ['receive', receivedAt],
      ['reply_owner', minutesFromNow(-4 * 60), { replyKind: 'progress' }],
    ]);
    await arm(fx.tenantId, c.id);
    expect(find(await slaOf(c.id), 'first_reply')?.status).toBe('met');

    const before = Date.now();
    const policy = await admin.post('/v1/sla/policies', {
      name: '投诉：2 小时回电 (call back in 2 h)',
      match: { kinds: ['complaint'], projectIds: [fx.xixi] },
      milestones: [
        {
          key: 'callback',
          startOn: ['case.created'],
          stopOn: ['case.replied'],
          target: { kind: 'duration', minutes: 120 },
          calendar: 'round_the_clock',
        },
      ],
    });
    expect(policy.status).toBe(201);
    await arm(fx.tenantId, c.id);
    const added = find(await slaOf(c.id), 'callback');
    // Not back-dated to the receipt five hours ago, and the reply four hours ago does not meet it.
    expect(added?.status).toBe('pending');
    expect(Date.parse(added?.startedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(added).toMatchObject({
      policyId: policy.body.id,
      policyName: '投诉：2 小时回电 (call back in 2 h)',
      policyVersion: 1,
    });
    // The met first reply did not change.
    expect(find(await slaOf(c.id), 'first_reply')?.status).toBe('met');

    const deleted = await admin.delete(`/v1/sla/policies/${policy.body.id}`, {
      'if-match': policy.headers.get('etag') ?? '',
    });
    expect([200, 204]).toContain(deleted.status);
    await arm(fx.tenantId, c.id);
    expect(find(await slaOf(c.id), 'callback')).toMatchObject({
      status: 'cancelled',
      endReason: 'policy_changed',
      policyId: policy.body.id,
      policyName: '投诉：2 小时回电 (call back in 2 h)',
    });
  });

  it('a finished milestone keeps its status and times when its policy is disabled and enabled again', async () => {
    const admin = await as('tenant_admin');
    const receivedAt = minutesFromNow(-3 * 60);
    const c = await insertCase(fx.tenantId, xixi, {
      kind: 'complaint',
      category: 'noise',
      receivedAt,
      firstReplyAt: minutesFromNow(-2 * 60),
    });
    await arm(fx.tenantId, c.id);
    const met = await milestoneRows(fx.tenantId, c.id);
    const reply = met.find((m) => m.milestone === 'first_reply');
    expect(reply?.status).toBe('met');
    const list = await admin.get('/v1/sla/policies?limit=100');
    const complaints = list.body.data.find((p: { id: string; match: { kinds?: string[] } }) =>
      p.match.kinds?.includes('complaint'),
    );
    const get = await admin.get(`/v1/sla/policies/${complaints.id}`);
    const off = await admin.patch(
      `/v1/sla/policies/${complaints.id}`,
      { enabled: false },
      { 'if-match': get.headers.get('etag') ?? '' },
    );
    expect(off.status).toBe(200);
    try {
      await arm(fx.tenantId, c.id);
      expect(find(await slaOf(c.id), 'first_reply')).toMatchObject({
        status: 'met',
        metAt: new Date(reply!.metAt!).toISOString(),
      });
    } finally {
      const now = await admin.get(`/v1/sla/policies/${complaints.id}`);
      const { name, priority, match, milestones } = complaints;
      const on = await admin.patch(
        `/v1/sla/policies/${complaints.id}`,
        { name, priority, match, milestones, enabled: true },
        { 'if-match': now.headers.get('etag') ?? '' },
      );
      expect(on.status).toBe(200);
    }
    await arm(fx.tenantId, c.id);
    const after = (await milestoneRows(fx.tenantId, c.id)).find((m) => m.milestone === 'first_reply');
    expect(after).toEqual(reply);
  });

  it('a follow-up done with the owner unsatisfied is met; the reopen starts the next cycle', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    await act(desk, created.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
    await act(desk, created.id, { type: 'reply_owner', replyKind: 'result', message: '已处理' });
    await act(desk, created.id, { type: 'resolve', note: '已处理' });
    const followed = await act(desk, created.id, { type: 'follow_up', satisfaction: 1 });
    expect(followed.status).toBe('reopened');
    const sla = await slaOf(created.id);
    expect(find(sla, 'followup', 0)).toMatchObject({ status: 'met', metAt: followed.followedUpAt });
    expect(find(sla, 'first_reply', 1)?.status).toBe('pending');
  });
});
