import { describe, expect, it } from 'vitest';
import { act, as, frontDeskComplaint, fx, intake, ownerLink } from './support';

const complaint = (overrides: Record<string, unknown> = {}) =>
  frontDeskComplaint({ urgency: 'urgent', ...overrides });

describe('a complaint', () => {
  it('goes to a department, gets its feedback and the owner reply, opens an incident when major, and closes only once a big claim is approved', async () => {
    const desk = await as('front_desk');
    const engineer = await as('engineer');
    const specialist = await as('complaint_specialist');
    const crManager = await as('cr_manager');

    const created = await intake(desk, complaint());
    expect(created).toMatchObject({ kind: 'complaint', severity: 'normal', firstAskOwnerId: fx.frontDesk });
    expect(created.contact.name).not.toBeNull();

    const assigned = await act(desk, created.id, {
      type: 'assign_department',
      departmentId: fx.xixiEngineering,
      assigneeId: fx.staff(13),
    });
    expect(assigned).toMatchObject({
      status: 'assigned',
      departmentId: fx.xixiEngineering,
      assigneeId: fx.staff(13),
    });

    const feedback = await act(engineer, created.id, {
      type: 'add_feedback',
      note: '已核实车位图纸，正在与开发商沟通',
    });
    expect(feedback.status).toBe('in_progress');
    expect(feedback.lastDepartmentFeedbackAt).not.toBeNull();

    const replied = await act(specialist, created.id, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '您好，已联系开发商核实，三日内答复',
    });
    expect(replied.firstReplyAt).not.toBeNull();
    expect(replied.status).toBe('in_progress');

    const major = await act(specialist, created.id, {
      type: 'set_severity',
      severity: 'major',
      note: '涉及多户',
    });
    expect(major.severity).toBe('major');

    const early = await specialist.post(`/v1/cases/${created.id}/actions`, {
      type: 'resolve',
      note: '已解决',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('illegal_transition');
    expect(early.body.allowed).toContain('open_incident');

    const incident = await act(specialist, created.id, {
      type: 'open_incident',
      leaderId: fx.staff(2),
      memberIds: [fx.staff(6), fx.staff(7)],
      plan: '专项小组与开发商协商补偿',
      etaAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(incident.state.incident).toMatchObject({
      leaderId: fx.staff(2),
      memberIds: [fx.staff(6), fx.staff(7)],
    });

    const claim = await act(specialist, created.id, {
      type: 'record_claim',
      amountFen: 1_200_000,
      note: '业主要求赔偿¥12,000',
    });
    expect(claim.claimAmountFen).toBe(1_200_000);
    await act(specialist, created.id, { type: 'resolve', note: '开发商同意调换车位' });
    await act(specialist, created.id, { type: 'follow_up', satisfaction: 4, comment: '基本满意' });

    const blocked = await specialist.post(`/v1/cases/${created.id}/actions`, { type: 'close' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.reason).toContain('¥12000.00');
    expect(blocked.body.allowed).not.toContain('close');

    const notApprover = await specialist.post(`/v1/cases/${created.id}/actions`, { type: 'approve_claim' });
    expect(notApprover.status).toBe(403);

    const approved = await act(crManager, created.id, { type: 'approve_claim', note: '同意' });
    expect(approved.claimApprovedBy).toBe(fx.staff(2));
    expect((await act(specialist, created.id, { type: 'close' })).status).toBe('closed');

    // The owner sees the reply and the resolution, never the internal steps.
    const view = await ownerLink.view(created.ownerLink.token);
    const actions = view.body.timeline.map((t: { action: string }) => t.action);
    expect(actions).toEqual(['receive', 'reply_owner', 'resolve', 'follow_up', 'close']);
    expect(JSON.stringify(view.body)).not.toContain('已核实车位图纸');
  });

  it('records a claim given at intake, and a group complaint asks for an incident', async () => {
    const desk = await as('front_desk');
    const created = await intake(
      desk,
      complaint({
        severity: 'group',
        claimAmountFen: 500_000,
        description: '多户反映电梯异响',
        parties: { ownerIds: [fx.xixiOwner(3)] },
      }),
    );
    expect(created).toMatchObject({ severity: 'group', claimAmountFen: 500_000 });
    const timeline = (await desk.get(`/v1/cases/${created.id}/timeline`)).body.data;
    expect(timeline.map((t: { action: string }) => t.action)).toEqual([
      'receive',
      'link_parties',
      'record_claim',
    ]);
  });
});

describe('an inquiry and a suggestion', () => {
  it('an inquiry is answered and closed', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, {
      kind: 'inquiry',
      channel: 'hotline',
      projectId: fx.qianjiang,
      description: '请问物业费可以按季度交吗',
      category: 'property_fees',
      contact: { name: '赵女士', phone: '13900002222' },
    });
    expect((await act(hotline, created.id, { type: 'answer', note: '可以，前台办理' })).status).toBe(
      'answered',
    );
    expect((await act(hotline, created.id, { type: 'close' })).status).toBe('closed');
  });

  it('a suggestion is acknowledged, adopted with the improvement taken, and closed', async () => {
    const guard = await as('security_guard');
    const desk = await as('front_desk');
    const created = await intake(guard, {
      kind: 'suggestion',
      channel: 'guard_booth',
      projectId: fx.xixi,
      description: '建议在北门增加快递柜',
      category: 'public_facilities',
      contact: { name: '孙先生', phone: '13700003333' },
    });
    expect(created.firstAskOwnerId).toBe(fx.staff(14));
    await act(desk, created.id, { type: 'acknowledge' });
    const adopted = await act(desk, created.id, { type: 'adopt', note: '下月在北门安装快递柜' });
    expect(adopted.status).toBe('adopted');
    expect((await act(desk, created.id, { type: 'close' })).status).toBe('closed');
  });
});
