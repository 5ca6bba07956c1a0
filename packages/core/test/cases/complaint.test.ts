import { describe, expect, it } from 'vitest';
import { allowedActions, parseCaseSettings } from '../../src/cases/index';
import {
  agent,
  at,
  branchGm,
  crManager,
  days,
  hours,
  newCase,
  owner,
  rejection,
  Story,
  supervisor,
} from './support';

function complaintInProgress(severity: 'normal' | 'major' | 'group' = 'normal') {
  const story = new Story(newCase('complaint', { severity }));
  story.step(
    { type: 'assign_department', departmentId: 'dept_engineering', assigneeId: 'stf_eng' },
    agent,
    at(hours(1)),
  );
  story.step({ type: 'add_feedback', note: '已联系电梯维保单位，明日更换主板' }, agent, at(hours(20)));
  return story;
}

describe('a complaint with department feedback, the 24-hour reply, resolution and follow-up', () => {
  it('records every fact the clocks need and closes after a satisfied follow-up', () => {
    const story = complaintInProgress();
    expect(story.snapshot).toMatchObject({
      status: 'in_progress',
      departmentId: 'dept_engineering',
      lastDepartmentFeedbackAt: at(hours(20)),
    });

    story.step(
      { type: 'reply_owner', replyKind: 'progress', message: '维保单位明日更换主板' },
      agent,
      at(hours(21)),
    );
    story.step({ type: 'add_feedback', note: '主板已更换' }, agent, at(hours(40)));
    story.step({ type: 'reply_owner', replyKind: 'result', message: '电梯已修复' }, agent, at(hours(41)));
    // The first reply is the 24-hour one; later replies do not move it.
    expect(story.snapshot.firstReplyAt).toEqual(at(hours(21)));
    const replies = story.events.filter((e) => e.name === 'case.replied').map((e) => e.data.first);
    expect(replies).toEqual([true, false]);

    story.step({ type: 'resolve', note: '电梯主板已更换，运行正常' }, agent, at(hours(42)));
    expect(story.snapshot).toMatchObject({ status: 'resolved', resolvedAt: at(hours(42)) });
    expect(story.snapshot.followupDueAt).toEqual(at(hours(42) + days(3)));

    story.step({ type: 'follow_up', satisfaction: 4 }, owner, at(hours(42) + days(2)));
    story.step({ type: 'close' }, supervisor, at(hours(42) + days(3)));
    expect(story.snapshot.status).toBe('closed');
    expect(story.snapshot.firstAskOwnerId).toBe(agent.id);
    expect(story.eventNames()).toEqual([
      'case.assigned',
      'case.feedback_added',
      'case.replied',
      'case.feedback_added',
      'case.replied',
      'case.resolved',
      'followup.scheduled',
      'followup.completed',
      'case.closed',
    ]);
    // Department feedback is internal; replies reach the owner.
    const visibility = Object.fromEntries(story.timeline.map((e) => [e.action, e.visibility]));
    expect(visibility).toMatchObject({
      add_feedback: 'internal',
      reply_owner: 'owner',
      assign_department: 'internal',
    });
  });
});

describe('an unsatisfied follow-up', () => {
  it('reopens the complaint, tells the handler, and the case goes back to handling', () => {
    const story = complaintInProgress();
    story.step({ type: 'resolve', note: 'fixed' }, agent, at(days(1)));
    const t = story.step({ type: 'follow_up', satisfaction: 2, comment: '还是经常停' }, agent, at(days(4)));
    expect(story.snapshot).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      satisfaction: 2,
      followupDueAt: null,
    });
    expect(t.events.map((e) => e.name)).toEqual([
      'followup.completed',
      'followup.unsatisfied',
      'case.reopened',
    ]);
    expect(t.events[1]?.data.notify).toMatchObject({
      departmentId: 'dept_engineering',
      assigneeId: 'stf_eng',
      firstAskOwnerId: agent.id,
    });

    story.step({ type: 'assign_department', departmentId: 'dept_engineering' }, agent, at(days(4)));
    story.step({ type: 'resolve', note: 'really fixed' }, agent, at(days(6)));
    // A new resolution opens a new follow-up cycle.
    expect(story.snapshot).toMatchObject({
      followedUpAt: null,
      satisfaction: null,
      followupDueAt: at(days(9)),
    });
    story.step({ type: 'follow_up', satisfaction: 3 }, agent, at(days(9)));
    expect(story.snapshot.status).toBe('followed_up');
  });

  it('uses the tenant threshold', () => {
    const strict = parseCaseSettings({ unsatisfiedAtOrBelow: 3 });
    const story = new Story(newCase('complaint'), strict);
    story.step({ type: 'assign_department', departmentId: 'dept_x' }, agent, at(0));
    story.step({ type: 'resolve', note: 'ok' }, agent, at(hours(1)));
    story.step({ type: 'follow_up', satisfaction: 3 }, agent, at(days(3)));
    expect(story.snapshot.status).toBe('reopened');
  });

  it('does not count an unanswered call: the follow-up is still due', () => {
    const story = complaintInProgress();
    story.step({ type: 'resolve', note: 'fixed' }, agent, at(days(1)));
    story.step({ type: 'follow_up', callOutcome: 'no_answer' }, agent, at(days(4)));
    expect(story.snapshot).toMatchObject({ status: 'resolved', followedUpAt: null });
    expect(story.snapshot.state.followupAttempts).toBe(1);
    expect(story.eventNames().at(-1)).toBe('followup.attempted');
    expect(
      rejection(() => story.step({ type: 'follow_up', callOutcome: 'reached' }, agent, at(days(4)))).code,
    ).toBe('validation_failed');
  });
});

describe('compensation claims', () => {
  function resolvedWithClaim(amountFen: number) {
    const story = complaintInProgress();
    story.step({ type: 'record_claim', amountFen, note: '漏水泡坏木地板，业主要求赔偿' }, agent, at(days(1)));
    story.step({ type: 'resolve', note: '协商赔偿' }, agent, at(days(1)));
    story.step({ type: 'follow_up', satisfaction: 4 }, agent, at(days(4)));
    return story;
  }

  it('a ¥12,000 claim blocks close until a customer-relations manager approves it', () => {
    const story = resolvedWithClaim(1_200_000);
    expect(story.eventNames()).toContain('claim.approval_required');

    const blocked = rejection(() => story.step({ type: 'close' }, supervisor, at(days(4))));
    expect(blocked.code).toBe('illegal_transition');
    expect(blocked.extra?.reason).toBe(
      'the claim of ¥12000.00 is above the threshold and awaits approval by cr_manager',
    );
    expect(
      allowedActions(story.snapshot, supervisor, { now: at(days(4)) }).map((a) => a.action),
    ).not.toContain('close');

    // Neither the supervisor nor the branch GM holds the approver role by default.
    expect(rejection(() => story.step({ type: 'approve_claim' }, supervisor, at(days(4)))).code).toBe(
      'forbidden',
    );
    expect(rejection(() => story.step({ type: 'approve_claim' }, branchGm, at(days(4)))).code).toBe(
      'forbidden',
    );

    story.step({ type: 'approve_claim', note: '同意按评估价赔偿' }, crManager, at(days(5)));
    expect(story.snapshot.claimApprovedBy).toBe(crManager.id);
    expect(story.eventNames().at(-1)).toBe('claim.approved');
    story.step({ type: 'close' }, supervisor, at(days(5)));
    expect(story.snapshot.status).toBe('closed');
  });

  it('a claim of exactly ¥10,000 needs no approval; a new amount needs a new approval', () => {
    const story = resolvedWithClaim(1_000_000);
    expect(story.eventNames()).not.toContain('claim.approval_required');
    expect(rejection(() => story.step({ type: 'approve_claim' }, crManager, at(days(4)))).extra?.reason).toBe(
      'no claim awaits approval',
    );
    story.step({ type: 'record_claim', amountFen: 1_500_000, note: '重新评估' }, agent, at(days(4)));
    story.step({ type: 'approve_claim' }, crManager, at(days(4)));
    story.step({ type: 'record_claim', amountFen: 1_600_000, note: '追加' }, agent, at(days(4)));
    expect(story.snapshot.claimApprovedBy).toBeNull();
    expect(rejection(() => story.step({ type: 'close' }, agent, at(days(4)))).code).toBe(
      'illegal_transition',
    );
  });

  it('follows the tenant threshold and approver roles', () => {
    const tenant = parseCaseSettings({
      claimApprovalThresholdFen: 500_000,
      claimApproverRoles: ['branch_gm'],
    });
    const story = new Story(newCase('complaint'), tenant);
    story.step({ type: 'record_claim', amountFen: 600_000, note: 'claim' }, agent, at(0));
    expect(rejection(() => story.step({ type: 'approve_claim' }, crManager, at(0))).code).toBe('forbidden');
    story.step({ type: 'approve_claim' }, branchGm, at(0));
    expect(story.snapshot.claimApprovedBy).toBe(branchGm.id);
  });
});

describe('major and group complaints', () => {
  it('require an incident with a named special team and the branch GM informed', () => {
    const story = new Story(
      newCase('complaint', { severity: 'group', parties: { ownerIds: ['own_wang'], unitIds: [] } }),
    );
    story.step({ type: 'assign_department', departmentId: 'dept_cs' }, agent, at(hours(1)));
    const blocked = rejection(() => story.step({ type: 'resolve', note: 'done' }, agent, at(hours(2))));
    expect(blocked.code).toBe('illegal_transition');
    expect(blocked.extra?.reason).toMatch(/incident/);

    story.step(
      {
        type: 'open_incident',
        leaderId: 'stf_cs_head',
        memberIds: ['stf_eng', 'stf_pm'],
        plan: '更换全部电梯主板',
      },
      supervisor,
      at(hours(2)),
    );
    expect(story.snapshot.state.incident).toMatchObject({
      leaderId: 'stf_cs_head',
      memberIds: ['stf_eng', 'stf_pm'],
    });
    expect(story.events.at(-1)).toMatchObject({ name: 'incident.opened', data: { informBranchGm: true } });
    story.step({ type: 'resolve', note: 'done' }, agent, at(hours(3)));
    expect(story.snapshot.status).toBe('resolved');
  });

  it('raising a complaint to major asks for the incident; a normal one cannot open one', () => {
    const story = new Story(newCase('complaint'));
    expect(
      rejection(() => story.step({ type: 'open_incident', leaderId: 'a', memberIds: ['b'] }, agent, at(0)))
        .code,
    ).toBe('illegal_transition');
    const t = story.step({ type: 'set_severity', severity: 'major' }, supervisor, at(hours(1)));
    expect(t.events.map((e) => e.name)).toEqual(['case.severity_changed', 'incident.required']);
    expect(t.events[1]?.data).toMatchObject({ severity: 'major', specialTeam: true, informBranchGm: true });
  });
});
