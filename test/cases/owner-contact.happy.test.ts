import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { act, as, frontDeskComplaint, fx, hotlineRepair, intake } from './support';

/*
 * Issue 19 item 4: first response means the owner heard from us. Only an owner-facing step (a
 * reply, a recorded contact, a note shown to the owner) meets a first-response milestone; an
 * assignment or an internal note never does. A reply keeps how the owner was reached.
 */

async function milestone(caseId: string, key: string) {
  const res = await (await as('tenant_admin')).get(`/v1/cases/${caseId}/sla`);
  expect(res.status).toBe(200);
  return res.body.milestones.find((m: { milestone: string; cycle: number }) => m.milestone === key);
}

async function timeline(caseId: string) {
  const res = await (await as('tenant_admin')).get(`/v1/cases/${caseId}/timeline`);
  expect(res.status).toBe(200);
  return res.body.data as {
    action: string;
    visibility: string;
    note: string | null;
    data: Record<string, unknown>;
  }[];
}

describe('first response means the owner heard from us', () => {
  it('a web complaint assigned to a department and noted internally keeps online_first_response pending; a note to the owner meets it', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, frontDeskComplaint({ channel: 'web' }));
    expect((await milestone(created.id, 'online_first_response'))?.status).toBe('pending');
    await act(desk, created.id, { type: 'assign_department', departmentId: fx.xixiEngineering });
    await act(desk, created.id, { type: 'add_note', note: '内部：已电话工程部' });
    expect((await milestone(created.id, 'online_first_response'))?.status).toBe('pending');

    await act(desk, created.id, { type: 'add_note', note: '您好，已转工程部处理', visibility: 'owner' });
    const met = await milestone(created.id, 'online_first_response');
    expect(met.status).toBe('met');
    // The note to the owner is not the complaint's 24-hour reply: only a reply is.
    expect((await milestone(created.id, 'first_reply'))?.status).toBe('pending');
  });

  it('a web repair dispatched to a contractor is answered by the contractor’s recorded contact, not by the dispatch', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ channel: 'web' }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    expect((await milestone(created.id, 'online_first_response'))?.status).toBe('pending');
    const contractor = await as('contractor_staff');
    await act(contractor, created.id, {
      type: 'record_contact',
      visitBookedFor: new Date('2026-12-03T02:00:00Z').toISOString(),
    });
    expect((await milestone(created.id, 'online_first_response'))?.status).toBe('met');
  });

  it('a reply keeps how the owner was reached (a call unless said); an unknown way is a 400', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, frontDeskComplaint());
    await act(desk, created.id, { type: 'reply_owner', replyKind: 'progress', message: '已收到' });
    await act(desk, created.id, {
      type: 'reply_owner',
      replyKind: 'result',
      message: '已处理',
      channel: 'wechat',
    });
    const replies = (await timeline(created.id)).filter((t) => t.action === 'reply_owner');
    expect(replies.map((r) => r.data.channel)).toEqual(['phone', 'wechat']);

    const bad = await desk.post(`/v1/cases/${created.id}/actions`, {
      type: 'reply_owner',
      replyKind: 'result',
      message: '已处理',
      channel: 'fax',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('channel');
  });

  it('a note for the owner shows on the owner’s page and timeline as owner-facing; an internal one never does', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    await act(hotline, created.id, { type: 'add_note', note: '内部：业主白天不在家' });
    await act(hotline, created.id, { type: 'add_note', note: '师傅明早九点上门', visibility: 'owner' });
    const notes = (await timeline(created.id)).filter((t) => t.action === 'add_note');
    expect(notes.map((n) => [n.note, n.visibility])).toEqual([
      ['内部：业主白天不在家', 'internal'],
      ['师傅明早九点上门', 'owner'],
    ]);
    const page = String((await call('GET', `/owner-link/${created.ownerLink.token}`)).body);
    expect(page).toContain('师傅明早九点上门');
    expect(page).toContain('客服留言');
    expect(page).not.toContain('业主白天不在家');

    const bad = await hotline.post(`/v1/cases/${created.id}/actions`, {
      type: 'add_note',
      note: 'x',
      visibility: 'public',
    });
    expect(bad.status).toBe(400);
  });
});
