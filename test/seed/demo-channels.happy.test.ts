import { describe, expect, it } from 'vitest';
import { act, frontDeskComplaint, fx, hotlineRepair, intake } from '../cases/support';
import { call, platformSecret } from '../support/api';
import { bucket, eventually, received, receiverUrl } from '../support/events';
import { demoAs } from '../support/staff';

/*
 * `npm run dev` seeds the demo with its channels at a local receiver (scripts/dev-receiver.mjs):
 * a dispatched repair reaches the contractor's inbox and the receiver, and a complaint's reply
 * reaches the owner there, through the real queue (no hand-run consumer).
 */
describe('the demo with its providers at a local receiver', () => {
  it('a dispatched repair reaches the contractor (inbox and WeChat) and a complaint’s reply the owner (SMS)', async () => {
    const base = `${receiverUrl()}${bucket('dev')}`;
    const seeded = await call('POST', `/platform/demo-seed?receiverUrl=${encodeURIComponent(base)}`, {
      token: platformSecret,
    });
    expect(seeded.status).toBe(200);
    const admin = await demoAs('tenant_admin');
    const kinds = (await admin.get('/v1/notification-channels')).body.data.map(
      (c: { kind: string; endpointUrl: string }) => [c.kind, c.endpointUrl],
    );
    expect(kinds.sort()).toEqual([
      ['email', `${base}/email`],
      ['sms', `${base}/sms`],
      ['wechat', `${base}/wechat`],
    ]);

    const hotline = await demoAs('hotline_agent');
    const repair = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(2) }));
    await act(hotline, repair.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const contractor = await demoAs('contractor_staff');
    const inbox = await eventually(
      async () => (await contractor.get('/v1/inbox')).body.data as { data: { caseId: string } }[],
      (items) => items.some((m) => m.data.caseId === repair.id),
    );
    expect(inbox.some((m) => m.data.caseId === repair.id)).toBe(true);
    const wechat = await eventually(
      () => received(`${new URL(base).pathname}/wechat`),
      (r) => r.some((m) => JSON.parse(m.body).touser === 'oDemoContractorStaff15'),
    );
    expect(wechat.some((m) => JSON.parse(m.body).touser === 'oDemoContractorStaff15')).toBe(true);

    const frontDesk = await demoAs('front_desk');
    const complaint = await intake(
      frontDesk,
      frontDeskComplaint({ unitId: fx.xixiUnit(3), ownerId: fx.xixiOwner(3) }),
    );
    await act(frontDesk, complaint.id, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '已在处理，明日答复',
    });
    const sms = await eventually(
      () => received(`${new URL(base).pathname}/sms`),
      (r) => r.some((m) => JSON.parse(m.body).template === 'case.reply'),
    );
    const reply = sms.map((m) => JSON.parse(m.body)).find((m) => m.template === 'case.reply');
    expect(reply).toMatchObject({ to: '13800000003', params: { message: '已在处理，明日答复' } });
  });
});
