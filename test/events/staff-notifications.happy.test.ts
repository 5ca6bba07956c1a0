import { localDateTime } from '@guanjia/core/events/owner-messages';
import { describe, expect, it } from 'vitest';
import { act, as, frontDeskComplaint, fx, hotlineRepair, intake } from '../cases/support';
import type { Client } from '../support/api';
import {
  bucket,
  eventually,
  outboxEvents,
  type Received,
  received,
  receiverUrl,
  runQueue,
} from '../support/events';
import { fireAlarm, shiftCase } from '../support/sla';

/*
 * Staff hear when it matters: each notification is a reaction to the case's outbox events in
 * the real queue consumer, over real HTTP to the local receiver standing in for the tenant's SMS
 * gateway and WeChat 公众号 API.
 */

const phoneOf = (n: number) => `1370000${String(n).padStart(4, '0')}`;
const dispatcherPhone = '13900000001'; // 杭州安居维修 调度 马建国 (demo contact)
const contractorStaff = fx.staff(15);

/** Points the tenant's channel of `kind` at a fresh bucket (creating it, or moving it). */
async function channel(admin: Client, kind: 'sms' | 'wechat' | 'email', label = kind) {
  const path = bucket(label);
  const body = {
    endpointUrl: `${receiverUrl()}${path}`,
    credentials: kind === 'wechat' ? { accessToken: 'wx-token' } : { apiKey: `${kind}-key` },
    sender:
      kind === 'sms' ? { sign: '管家物业' } : kind === 'email' ? { from: 'service@demo.guanjia.dev' } : {},
    enabled: true,
  };
  const created = await admin.post('/v1/notification-channels', { kind, ...body });
  if (created.status !== 201) {
    const existing = (await admin.get('/v1/notification-channels')).body.data.find(
      (c: { kind: string }) => c.kind === kind,
    );
    expect((await admin.patch(`/v1/notification-channels/${existing.id}`, body)).status).toBe(200);
  }
  return path;
}

/**
 * Runs the case's outbox events through the real consumer; answers the envelopes. The commit
 * published them to the real queue as well, whose consumer may be sending the same messages right
 * now: a send claimed there is left to it (and this run asks for a retry), never sent twice.
 */
async function consumeCase(caseId: string, types?: string[]) {
  const events = (await outboxEvents(fx.tenantId, "json_extract(payload, '$.caseId') = ?", caseId)).filter(
    (e) => !types || types.includes(e.type),
  );
  await runQueue(
    'guanjia-events',
    events.map((body, i) => ({ id: `s${i}`, body })),
  );
  return events;
}

const bodies = (got: Received[]) => got.map((m) => ({ path: m.path, ...JSON.parse(m.body) }));
const smsTo = async (path: string, to: string, template: string) =>
  bodies(
    await eventually(
      () => received(path),
      (r) => bodies(r).some((m) => m.to === to && m.template === template),
      5_000,
    ),
  ).filter((m) => m.to === to && m.template === template);

const inboxOf = async (who: Client) =>
  (await who.get('/v1/inbox?limit=100')).body.data as {
    kind: string;
    title: string;
    body: string;
    data: Record<string, unknown>;
  }[];

/** HH:MM in Shanghai `minutes` from now. */
const shanghaiTime = (minutes: number) =>
  localDateTime(new Date(Date.now() + minutes * 60_000), 'Asia/Shanghai').slice(11);

describe('staff, told when it matters', () => {
  it('a repair dispatched to a contractor reaches its staff (inbox, SMS, WeChat) and its dispatcher (SMS) with the owner’s unit, the category and the 30-minute contact deadline; the same events again send nothing more', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const wechat = await channel(admin, 'wechat');
    const contractor = await as('contractor_staff');
    const openId = 'oStaffContractor15_xxxxxxxxxx';
    const prefs = await contractor.put('/v1/me/notification-preferences', {
      channels: ['sms', 'wechat'],
      quietHours: null,
      quietOnDaysOff: false,
      wechatOpenId: openId,
    });
    expect(prefs.status, JSON.stringify(prefs.body)).toBe(200);
    expect(prefs.body).toMatchObject({ userId: contractorStaff, version: 1, wechatOpenId: openId });

    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(3) }));
    const dispatched = await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const contactDue = new Date(new Date(dispatched.dispatchedAt).getTime() + 30 * 60_000);
    const due = localDateTime(contactDue, 'Asia/Shanghai');
    await consumeCase(created.id);

    const [toStaff, ...moreStaff] = await smsTo(sms, phoneOf(15), 'staff.job_dispatched');
    expect(moreStaff).toEqual([]);
    expect(toStaff).toMatchObject({
      sign: '管家物业',
      params: {
        archiveNo: created.archiveNo,
        unit: '西溪花园 1号楼 1-201',
        category: '给排水',
        contactDueAt: due,
        contactDueAtIso: contactDue.toISOString(),
        link: expect.stringMatching(new RegExp(`/cases/${created.id}$`)),
      },
    });
    expect(toStaff.text).toContain(`请于 ${due} 前联系业主`);
    const [toDispatcher] = await smsTo(sms, dispatcherPhone, 'staff.job_dispatched');
    expect(toDispatcher.params.contactDueAt).toBe(due);

    const wx = bodies(
      await eventually(
        () => received(wechat),
        (r) => bodies(r).some((m) => m.touser === openId),
        5_000,
      ),
    ).filter((m) => m.touser === openId);
    expect(wx).toHaveLength(1);
    expect(wx[0]).toMatchObject({
      template_id: 'staff.job_dispatched',
      data: { archiveNo: { value: created.archiveNo }, contactDueAt: { value: due } },
    });
    expect(wx[0].url).toMatch(new RegExp(`/cases/${created.id}$`));

    const inbox = await inboxOf(contractor);
    const entry = inbox.find((m) => m.kind === 'case.dispatched' && m.data.caseId === created.id);
    expect(entry?.title).toBe(`新派工 ${created.archiveNo}`);
    expect(entry?.body).toContain(due);

    // At least once, idempotent by event and recipient: the same events again add nothing.
    await consumeCase(created.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(await smsTo(sms, phoneOf(15), 'staff.job_dispatched')).toHaveLength(1);
    expect(await smsTo(sms, dispatcherPhone, 'staff.job_dispatched')).toHaveLength(1);
    expect(bodies(await received(wechat)).filter((m) => m.touser === openId)).toHaveLength(1);
    expect((await inboxOf(contractor)).filter((m) => m.data.caseId === created.id)).toHaveLength(1);
  });

  it('a missed contact deadline tells the first-ask owner (首问负责人) of the breach and the escalation rung’s holders of the escalation', async () => {
    const admin = await as('tenant_admin');
    const rung = await admin.post('/v1/sla/escalation-rungs', {
      level: 'supervisor',
      projectId: fx.xixi,
      staffIds: [fx.staff(4)],
    });
    expect([201, 409]).toContain(rung.status);
    const sms = await channel(admin, 'sms');
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5) }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await shiftCase(fx.tenantId, created.id, -31);
    expect(await fireAlarm(fx.tenantId, created.id)).toBe(true);
    await consumeCase(created.id, ['sla.breached', 'case.escalated']);

    // The hotline agent took the call: they follow the case and hear of the breach.
    const [breach] = await smsTo(sms, phoneOf(3), 'staff.first_ask_breached');
    expect(breach.params).toMatchObject({ archiveNo: created.archiveNo, milestone: 'contractor_contact' });
    const hotlineInbox = await inboxOf(hotline);
    expect(hotlineInbox.find((m) => m.kind === 'sla.breached' && m.data.caseId === created.id)?.title).toBe(
      `首问工单超时 ${created.archiveNo}`,
    );

    // The rung reached (the project's supervisor) is told in the inbox and by SMS.
    const [escalated] = await smsTo(sms, phoneOf(4), 'staff.escalated');
    expect(escalated.params).toMatchObject({ archiveNo: created.archiveNo, level: '1' });
    const supervisorInbox = await inboxOf(await as('cs_supervisor'));
    expect(
      supervisorInbox.find((m) => m.kind === 'case.escalated' && m.data.caseId === created.id),
    ).toBeDefined();
  });

  it('a major complaint (重大投诉) tells the project CS supervisor, the branch CS manager and the branch GM at once; its special team too', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const frontDesk = await as('front_desk');
    const created = await intake(
      frontDesk,
      frontDeskComplaint({ severity: 'major', unitId: fx.xixiUnit(2) }),
    );
    await consumeCase(created.id);
    for (const n of [4, 10, 11]) {
      const [m] = await smsTo(sms, phoneOf(n), 'staff.major_complaint');
      expect(m.params).toMatchObject({ archiveNo: created.archiveNo, severity: 'major' });
      expect(m.text).toContain('重大投诉');
    }
    const gmInbox = await inboxOf(await as('branch_gm'));
    expect(gmInbox.find((m) => m.kind === 'incident.required' && m.data.caseId === created.id)?.title).toBe(
      `重大投诉 ${created.archiveNo}`,
    );
    // Ningbo's GM is not told of a Hangzhou complaint.
    expect(bodies(await received(sms)).some((m) => m.to === phoneOf(18))).toBe(false);

    await act(admin, created.id, {
      type: 'open_incident',
      leaderId: fx.staff(10),
      memberIds: [fx.staff(4), fx.staff(7)],
      plan: '当面沟通',
    });
    await consumeCase(created.id, ['incident.opened']);
    expect(await smsTo(sms, phoneOf(11), 'staff.incident_opened')).toHaveLength(1);
  });

  it('a claim over the threshold asks the approvers (cr_manager) with the amount and a link; the approval tells the case handler', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const frontDesk = await as('front_desk');
    const created = await intake(
      frontDesk,
      frontDeskComplaint({ unitId: fx.xixiUnit(6), ownerId: fx.xixiOwner(6) }),
    );
    await act(frontDesk, created.id, { type: 'record_claim', amountFen: 1_500_000, note: '漏水泡坏地板' });
    await consumeCase(created.id);
    const [ask] = await smsTo(sms, phoneOf(2), 'staff.claim_approval');
    expect(ask.params).toMatchObject({ amount: '¥15000.00', threshold: '¥10000.00' });
    expect(ask.params.link).toMatch(new RegExp(`/cases/${created.id}$`));
    const approverInbox = await inboxOf(await as('cr_manager'));
    expect(
      approverInbox.find((m) => m.kind === 'claim.approval_required' && m.data.caseId === created.id)?.title,
    ).toBe(`理赔待审批 ${created.archiveNo}`);

    await act(await as('cr_manager'), created.id, { type: 'approve_claim', note: '同意' });
    await consumeCase(created.id, ['claim.approved']);
    // The front desk received it and handles it (first-ask owner, no assignee yet).
    const [decided] = await smsTo(sms, phoneOf(8), 'staff.claim_approved');
    expect(decided.params.amount).toBe('¥15000.00');
  });

  it('a department asked for feedback tells its heads with the hour-before deadline', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const head = fx.staff(9); // 项目经理 蒋涛 heads 西溪花园工程维修部
    const patched = await admin.patch(`/v1/departments/${fx.xixiEngineering}`, { headIds: [head] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.headIds).toEqual([head]);
    const frontDesk = await as('front_desk');
    const created = await intake(
      frontDesk,
      frontDeskComplaint({ unitId: fx.xixiUnit(7), ownerId: fx.xixiOwner(7) }),
    );
    await act(frontDesk, created.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
    await consumeCase(created.id);
    const feedbackDue = new Date(new Date(created.receivedAt).getTime() + 23 * 3_600_000);
    const [asked] = await smsTo(sms, phoneOf(9), 'staff.department_assigned');
    expect(asked.params.feedbackDueAtIso).toBe(feedbackDue.toISOString());
    expect(asked.text).toContain(`请于 ${localDateTime(feedbackDue, 'Asia/Shanghai')} 前向客服反馈`);
  });

  it('each head reads the provider message in their own language: English for one who chose it, Chinese for the other', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const [zhHead, enHead] = [fx.staff(9), fx.staff(10)];
    const patched = await admin.patch(`/v1/departments/${fx.xixiEngineering}`, { headIds: [zhHead, enHead] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const setLocale = await admin.patch(`/v1/staff/${enHead}`, { locale: 'en' });
    expect(setLocale.status, JSON.stringify(setLocale.body)).toBe(200);
    try {
      const frontDesk = await as('front_desk');
      const created = await intake(
        frontDesk,
        frontDeskComplaint({ unitId: fx.xixiUnit(4), ownerId: fx.xixiOwner(4) }),
      );
      await act(frontDesk, created.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
      await consumeCase(created.id);
      const [zh] = await smsTo(sms, phoneOf(9), 'staff.department_assigned');
      const [en] = await smsTo(sms, phoneOf(10), 'staff.department_assigned');
      expect(zh.text).toContain(`工单 ${created.archiveNo} 已交由本部门处理`);
      expect(en.text).toContain(`Case ${created.archiveNo} was given to your department`);
      expect(en.params.archiveNo).toBe(created.archiveNo);
    } finally {
      await admin.patch(`/v1/staff/${enHead}`, { locale: null });
    }
  });

  it('quiet hours hold back a routine message (recorded with why, queryable) but not an emergency; the inbox gets both', async () => {
    const admin = await as('tenant_admin');
    const sms = await channel(admin, 'sms');
    const contractor = await as('contractor_staff');
    const quiet = { start: shanghaiTime(-60), end: shanghaiTime(60) };
    expect(
      (
        await contractor.put('/v1/me/notification-preferences', {
          channels: ['sms'],
          quietHours: quiet,
          quietOnDaysOff: false,
          wechatOpenId: null,
        })
      ).status,
    ).toBe(200);
    const hotline = await as('hotline_agent');
    const routine = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(8) }));
    await act(hotline, routine.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const emergency = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(8), urgency: 'emergency', description: '电梯困人' }),
    );
    await act(hotline, emergency.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const [routineEvent] = await consumeCase(routine.id, ['case.dispatched']);
    await consumeCase(emergency.id, ['case.dispatched']);

    const sent = await smsTo(sms, phoneOf(15), 'staff.job_dispatched');
    expect(sent.map((m) => m.params.archiveNo)).toEqual([emergency.archiveNo]);
    // The dispatcher has no login and no preferences: told of both.
    expect(
      (await smsTo(sms, dispatcherPhone, 'staff.job_dispatched')).map((m) => m.params.archiveNo).sort(),
    ).toEqual([routine.archiveNo, emergency.archiveNo].sort());
    const held = await admin.get(`/v1/notifications?recipientId=${contractorStaff}&status=skipped&limit=100`);
    expect(held.status).toBe(200);
    expect(held.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sourceId: routineEvent?.id,
          kind: 'sms',
          status: 'skipped',
          reason: 'quiet_hours',
          recipientType: 'staff',
        }),
        // WeChat and email were switched off by the person.
        expect.objectContaining({ sourceId: routineEvent?.id, kind: 'email', reason: 'channel_off' }),
      ]),
    );
    const inbox = await inboxOf(contractor);
    expect(inbox.filter((m) => [routine.id, emergency.id].includes(String(m.data.caseId)))).toHaveLength(2);
  });
});
