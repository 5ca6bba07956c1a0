import { describe, expect, it } from 'vitest';
import { act, as, fx, hotlineRepair, intake, ownerLink } from './support';

describe('a repair from the hotline to closed', () => {
  it('runs intake → dispatch → contact → arrival → completion → owner sign-off → follow-up → close', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    expect(created.archiveNo).toMatch(/^\d{11,}$/);
    expect(created).toMatchObject({
      kind: 'repair',
      channel: 'hotline',
      status: 'received',
      projectId: fx.xixi,
      branchId: fx.hangzhou,
      unitId: fx.xixiUnit(1),
      firstAskOwnerId: fx.staff(3),
      contact: { name: '王先生', phone: '13800001111' },
    });
    expect(created.ownerLink.url).toContain('/public/v1/owner-link/');

    const dispatched = await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    expect(dispatched.status).toBe('dispatched');
    expect(dispatched.contractorId).toBe(fx.contractor1);

    const contractor = await as('contractor_staff');
    const mine = await contractor.get('/v1/cases?limit=200');
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((c: { id: string }) => c.id)).toContain(created.id);
    const visit = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await act(contractor, created.id, { type: 'record_contact', visitBookedFor: visit })).status,
    ).toBe('contacted');
    expect((await act(contractor, created.id, { action: 'arrive' })).status).toBe('on_site');
    const completed = await act(contractor, created.id, { type: 'complete', note: '更换水管接头，已试水' });
    expect(completed.status).toBe('completed');
    expect(completed.followupDueAt).not.toBeNull();

    const view = await ownerLink.view(created.ownerLink.token);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('completed');
    expect(view.body.allowedActions).toEqual(expect.arrayContaining(['sign_off', 'follow_up']));
    const actions = view.body.timeline.map((t: { action: string }) => t.action);
    expect(actions).toEqual(['receive', 'record_contact', 'arrive', 'complete']);
    expect(actions).not.toContain('dispatch');

    const signed = await ownerLink.signOff(created.ownerLink.token);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed_off');

    const followed = await ownerLink.followUp(created.ownerLink.token, {
      satisfaction: 5,
      comment: '师傅很专业',
    });
    expect(followed.status).toBe(200);
    expect(followed.body.status).toBe('followed_up');

    const closed = await act(hotline, created.id, { type: 'close' });
    expect(closed.status).toBe('closed');
    expect(closed.satisfaction).toBe(5);

    const timeline = await hotline.get(`/v1/cases/${created.id}/timeline`);
    expect(timeline.body.data.map((t: { action: string }) => t.action)).toEqual([
      'receive',
      'dispatch',
      'record_contact',
      'arrive',
      'complete',
      'sign_off',
      'follow_up',
      'close',
    ]);
    const one = await hotline.get(`/v1/cases/${created.id}`);
    expect(one.headers.get('ETag')).toBe(`"${one.body.version}"`);
    expect(one.body.status).toBe('closed');
  });
});
