import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { localDay } from '../support/staff';
import { act, as, fx, intake, ownerLink } from './support';

async function xixiKey() {
  const admin = await as('tenant_admin');
  const res = await admin.post(`/v1/projects/${fx.xixi}/channel-keys`);
  expect(res.status).toBe(201);
  return res.body as { key: string; intakePath: string; emailAddress: string; id: string };
}

const webRepair = {
  kind: 'repair',
  channel: 'wechat',
  unitId: fx.xixiUnit(3),
  description: '阳台地漏堵塞，积水',
  category: 'plumbing.blocked_drain',
  contact: { name: '张娜', phone: '13800000003' },
};

describe('public owner intake', () => {
  it('opens a case from WeChat through the project key, links the owner by phone, and answers the owner link', async () => {
    const { key, intakePath, emailAddress } = await xixiKey();
    expect(intakePath).toBe(`/public/v1/intake/${key}`);
    expect(emailAddress).toBe(`${key}@intake.guanjia.dev`);
    const res = await call('POST', intakePath, { body: webRepair });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'repair', status: 'received' });
    expect(res.body.archiveNo).toMatch(/^\d{11,}$/);

    const hotline = await as('hotline_agent');
    const staffView = (await hotline.get(`/v1/cases/${res.body.id}`)).body;
    expect(staffView).toMatchObject({
      channel: 'wechat',
      projectId: fx.xixi,
      ownerId: fx.xixiOwner(3),
      firstAskOwnerId: null,
    });
    // The first staff member to act becomes the first-ask owner.
    const noted = await act(hotline, res.body.id, { type: 'add_note', note: '已致电业主确认' });
    expect(noted.firstAskOwnerId).toBe(fx.staff(3));

    const view = await ownerLink.view(res.body.ownerLink.token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'received', archiveNo: res.body.archiveNo });
    expect(view.body.timeline.map((t: { action: string }) => t.action)).toEqual(['receive']);
    expect(JSON.stringify(view.body)).not.toContain('已致电业主确认');
    expect(view.body.allowedActions).toEqual([]);
  });

  it('lists the project keys without their secret, the rotated one revoked', async () => {
    const first = await xixiKey();
    const second = await xixiKey();
    const admin = await as('tenant_admin');
    const list = (await admin.get(`/v1/projects/${fx.xixi}/channel-keys`)).body.data;
    const byId = Object.fromEntries(list.map((k: { id: string }) => [k.id, k]));
    expect(byId[first.id].revokedAt).not.toBeNull();
    expect(byId[second.id].revokedAt).toBeNull();
    expect(JSON.stringify(list)).not.toContain(second.key);
    expect((await call('POST', `/public/v1/intake/${first.key}`, { body: webRepair })).status).toBe(404);
  });

  it('an unsatisfied owner follow-up reopens the case', async () => {
    const hotline = await as('hotline_agent');
    const engineer = await as('engineer');
    const created = await intake(hotline, {
      kind: 'repair',
      channel: 'department_phone',
      projectId: fx.xixi,
      unitId: fx.xixiUnit(2),
      ownerId: fx.xixiOwner(2),
      description: '客厅灯不亮',
      category: 'electrical.lighting',
    });
    await act(hotline, created.id, { type: 'dispatch', departmentId: fx.xixiEngineering });
    await act(engineer, created.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
    await act(engineer, created.id, { type: 'arrive' });
    await act(engineer, created.id, { type: 'complete', note: '更换灯泡' });
    const res = await ownerLink.followUp(created.ownerLink.token, {
      satisfaction: 2,
      comment: '第二天又不亮了',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('reopened');
    expect(res.body.allowedActions).toEqual([]);
    const again = await ownerLink.followUp(created.ownerLink.token, { satisfaction: 5 });
    expect(again.status).toBe(409);
  });
});

describe('owner link re-issue', () => {
  it('a handler issues a fresh link that works; a contractor may not', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, {
      kind: 'inquiry',
      channel: 'hotline',
      projectId: fx.xixi,
      description: '快递柜在哪里',
      category: 'other',
      contact: { phone: '13800009999' },
    });
    const res = await hotline.post(`/v1/cases/${created.id}/owner-link`);
    expect(res.status).toBe(201);
    expect((await ownerLink.view(res.body.token)).body.archiveNo).toBe(created.archiveNo);
    const contractor = await as('contractor_staff');
    expect((await contractor.post(`/v1/cases/${created.id}/owner-link`)).status).toBe(404);
  });
});

describe('settings and the daily department report', () => {
  it('reads the default case settings', async () => {
    const desk = await as('front_desk');
    const res = await desk.get('/v1/settings/cases');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      reworkWindowDays: 30,
      unsatisfiedAtOrBelow: 2,
      claimApprovalThresholdFen: 1_000_000,
      claimApproverRoles: ['cr_manager'],
    });
    expect(res.body.categories.map((c: { code: string }) => c.code)).toContain('plumbing');
  });

  it('lists open department cases with no update from the department during the working day', async () => {
    const desk = await as('front_desk');
    const engineer = await as('engineer');
    const quiet = await intake(desk, {
      kind: 'complaint',
      channel: 'front_desk',
      projectId: fx.xixi,
      ownerId: fx.xixiOwner(5),
      description: '草坪长期无人修剪',
      category: 'landscaping',
    });
    const busy = await intake(desk, {
      kind: 'complaint',
      channel: 'front_desk',
      projectId: fx.xixi,
      ownerId: fx.xixiOwner(6),
      description: '垃圾桶未及时清理',
      category: 'cleaning',
    });
    for (const c of [quiet, busy]) {
      await act(desk, c.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
    }
    await act(engineer, busy.id, { type: 'add_feedback', note: '已安排保洁' });

    const idsOf = (body: any) =>
      body.departments.flatMap((d: { cases: { id: string }[] }) => d.cases.map((c) => c.id));
    const tomorrow = await desk.get(`/v1/reports/department-daily?date=${localDay(1)}`);
    expect(tomorrow.status).toBe(200);
    expect(idsOf(tomorrow.body)).toEqual(expect.arrayContaining([quiet.id, busy.id]));
    const group = tomorrow.body.departments.find(
      (d: { departmentId: string }) => d.departmentId === fx.xixiEngineering,
    );
    expect(group.departmentName).toBe('西溪花园工程维修部');

    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
    if (hour < 18) {
      const today = await desk.get(`/v1/reports/department-daily?date=${localDay(0)}`);
      expect(idsOf(today.body)).toContain(quiet.id);
      expect(idsOf(today.body)).not.toContain(busy.id);
    }
    const ningbo = await as('front_desk.nb');
    expect(idsOf((await ningbo.get(`/v1/reports/department-daily?date=${localDay(1)}`)).body)).not.toContain(
      quiet.id,
    );
    expect((await desk.get('/v1/reports/department-daily?date=2026-13-45')).status).toBe(400);
  });
});
