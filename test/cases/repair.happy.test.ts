import { describe, expect, it } from 'vitest';
import { forfeitContractorJob } from '../../workers/app/cases';
import { shardOf } from '../support/shards';
import { systemScopeAt } from '../support/sla';
import { act, as, fx, hotlineRepair, intake, ownerLink } from './support';

const outboxTypes = async (caseId: string) =>
  (
    await (
      await shardOf(fx.tenantId)
    )
      .prepare(
        `SELECT type FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ? ORDER BY id`,
      )
      .bind(fx.tenantId, caseId)
      .all<{ type: string }>()
  ).results.map((r) => r.type);

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
    // The link an owner gets opens their page; the same token reads the JSON API.
    expect(created.ownerLink.url).toMatch(/^http:\/\/api\.test\/owner-link\/[^/]+$/);

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
    // The 回访 is due when the SLA policy's followup milestone says: 3 days later by default.
    expect(completed.followupDueAt).toBe(
      new Date(Date.parse(completed.completedAt) + 3 * 86_400_000).toISOString(),
    );

    const view = await ownerLink.view(created.ownerLink.token);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('completed');
    expect(view.body.allowedActions).toEqual(expect.arrayContaining(['sign_off', 'follow_up']));
    const actions = view.body.timeline.map((t: { action: string }) => t.action);
    expect(actions).toEqual(['receive', 'record_contact', 'arrive', 'complete']);

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

    // Catalogued events under their names, in order; other steps (arrival, follow-up scheduled) as case.updated.
    const types = await outboxTypes(created.id);
    expect(types.filter((t) => t !== 'case.updated')).toEqual([
      'case.created',
      'case.dispatched',
      'case.contacted',
      'case.completed',
      'case.signed_off',
      'followup.completed',
      'case.closed',
    ]);
    expect(types).toContain('case.updated');

    // The archive number allocated inside the batch is the one on the timeline, the audit entry and the events.
    const receive = timeline.body.data[0];
    expect(receive.data.archiveNo).toBe(created.archiveNo);
    const stamped = await (await shardOf(fx.tenantId))
      .prepare(
        `SELECT DISTINCT json_extract(payload, '$.archiveNo') AS n FROM outbox_events
       WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ?`,
      )
      .bind(fx.tenantId, created.id)
      .all<{ n: string }>();
    expect(stamped.results.map((r) => r.n)).toEqual([created.archiveNo]);
    const audit = await (await shardOf(fx.tenantId))
      .prepare(
        `SELECT json_extract(after, '$.archiveNo') AS n FROM audit_log WHERE tenant_id = ? AND target_id = ? AND action = 'cases.create'`,
      )
      .bind(fx.tenantId, created.id)
      .first<{ n: string }>();
    expect(audit?.n).toBe(created.archiveNo);
  });

  it('gives archive numbers of the day in sequence, without gaps', async () => {
    const hotline = await as('hotline_agent');
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++)
      numbers.push((await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(8) }))).archiveNo);
    const seq = numbers.map((n) => Number(n.slice(8)));
    expect(seq[1]).toBe((seq[0] as number) + 1);
    expect(seq[2]).toBe((seq[0] as number) + 2);
    expect(new Set(numbers.map((n) => n.slice(0, 8))).size).toBe(1);
  });

  it('gives distinct, gap-free numbers to concurrent intakes', async () => {
    const hotline = await as('hotline_agent');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => hotline.post('/v1/cases', hotlineRepair({ unitId: fx.xixiUnit(7) }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const seq = results.map((r) => Number(String(r.body.archiveNo).slice(8))).sort((a, b) => a - b);
    expect(new Set(seq).size).toBe(12);
    expect((seq[11] as number) - (seq[0] as number)).toBe(11);
  });

  it('replays an intake with the same Idempotency-Key instead of opening a second case', async () => {
    const hotline = await as('hotline_agent');
    const headers = { 'Idempotency-Key': `intake-${Date.now()}-abc` };
    const first = await hotline.post('/v1/cases', hotlineRepair({ unitId: fx.xixiUnit(6) }), headers);
    const again = await hotline.post('/v1/cases', hotlineRepair({ unitId: fx.xixiUnit(6) }), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  });
});

describe('forfeit and reassignment', () => {
  it('takes the job from a contractor that missed the 30-minute contact, once, and lets another vendor take it', async () => {
    const hotline = await as('hotline_agent');
    const pm = await as('project_manager');
    const contractor = await as('contractor_staff');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(3), category: 'electrical' }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const dispatchedAt = new Date((await hotline.get(`/v1/cases/${created.id}`)).body.dispatchedAt);

    const early = await forfeitContractorJob(
      await systemScopeAt(fx.tenantId, new Date(dispatchedAt.getTime() + 10 * 60_000)),
      created.id,
    );
    expect(early.forfeited).toBe(false);
    expect((await hotline.get(`/v1/cases/${created.id}`)).body.status).toBe('dispatched');

    const late = new Date(dispatchedAt.getTime() + 31 * 60_000);
    const first = await forfeitContractorJob(await systemScopeAt(fx.tenantId, late), created.id);
    expect(first).toMatchObject({ forfeited: true, contractorId: fx.contractor1 });
    const second = await forfeitContractorJob(await systemScopeAt(fx.tenantId, late), created.id);
    expect(second.forfeited).toBe(false);

    const after = (await hotline.get(`/v1/cases/${created.id}`)).body;
    expect(after).toMatchObject({
      status: 'forfeited',
      contractorId: null,
      forfeitedContractorIds: [fx.contractor1],
    });
    const forfeits = (await hotline.get(`/v1/cases/${created.id}/timeline`)).body.data.filter(
      (t: { action: string }) => t.action === 'forfeit',
    );
    expect(forfeits).toHaveLength(1);
    expect(forfeits[0]).toMatchObject({ actorType: 'system', data: { contractorId: fx.contractor1 } });
    expect(await outboxTypes(created.id)).toContain('case.forfeited');

    // The forfeited contractor no longer sees or touches the job.
    expect((await contractor.get(`/v1/cases/${created.id}`)).status).toBe(404);
    expect((await contractor.post(`/v1/cases/${created.id}/actions`, { type: 'arrive' })).status).toBe(404);
    const list = await contractor.get('/v1/cases?limit=200');
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(created.id);

    // Project management reassigns to another vendor, never back to the forfeited one.
    const back = await pm.post(`/v1/cases/${created.id}/actions`, {
      type: 'reassign',
      contractorId: fx.contractor1,
    });
    expect(back.status).toBe(409);
    const moved = await act(pm, created.id, { type: 'reassign', contractorId: fx.contractor2 });
    expect(moved).toMatchObject({ status: 'dispatched', contractorId: fx.contractor2 });
    expect((await contractor.get(`/v1/cases/${created.id}`)).status).toBe(404);
  });
});

describe('rework (维修反复) and reopening', () => {
  it('marks a second repair of the same unit and category within the window as a repeat of the first', async () => {
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const first = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(4), category: 'leaks.wall' }));
    await act(hotline, first.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await act(contractor, first.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
    await act(contractor, first.id, { type: 'arrive' });
    await act(contractor, first.id, { type: 'complete', note: '外墙打胶' });

    const again = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(4), category: 'leaks.window', description: '窗边又渗水了' }),
    );
    expect(again.reworkOfCaseId).toBe(first.id);
    const otherCategory = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(4), category: 'noise' }));
    expect(otherCategory.reworkOfCaseId).toBeNull();
  });

  it('reopens a repair on an unsatisfied follow-up and tells the handlers', async () => {
    const hotline = await as('hotline_agent');
    const engineer = await as('engineer');
    const created = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(5), category: 'doors_windows' }),
    );
    await act(hotline, created.id, {
      type: 'dispatch',
      departmentId: fx.xixiEngineering,
      assigneeId: fx.staff(13),
    });
    await act(engineer, created.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
    await act(engineer, created.id, { type: 'arrive' });
    await act(engineer, created.id, { type: 'complete', note: '调整门铰链' });
    const followed = await act(hotline, created.id, {
      type: 'follow_up',
      satisfaction: 1,
      comment: '门还是关不上',
    });
    expect(followed).toMatchObject({ status: 'reopened', reopenCount: 1, satisfaction: 1 });
    expect(followed.state.reworked).toBe(true);
    expect(followed.allowedActions.map((a: { action: string }) => a.action)).toContain('dispatch');
    expect(await outboxTypes(created.id)).toEqual(
      expect.arrayContaining(['followup.completed', 'case.reopened']),
    );
    const again = await act(hotline, created.id, { type: 'dispatch', departmentId: fx.xixiEngineering });
    expect(again.status).toBe('dispatched');
  });
});

describe('completion photos and an on-site signature', () => {
  it('a contractor completes with a photo and staff record the signature image as sign-off', async () => {
    const { call } = await import('../support/api');
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const created = await intake(
      hotline,
      hotlineRepair({ unitId: fx.xixiUnit(8), category: 'electrical.socket_switch' }),
    );
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await act(contractor, created.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
    await act(contractor, created.id, { type: 'arrive' });
    const upload = (token: string, name: string) =>
      call('POST', `/v1/cases/${created.id}/attachments?fileName=${name}`, {
        token,
        headers: { 'content-type': 'image/jpeg' },
        rawBody: 'jpeg bytes',
      });
    const photo = await upload(contractor.token, 'after.jpg');
    expect(photo.status).toBe(201);
    const done = await act(contractor, created.id, {
      type: 'complete',
      note: '更换插座',
      attachmentIds: [photo.body.id],
    });
    expect(done.status).toBe('completed');
    const signature = await upload(hotline.token, 'signature.jpg');
    const signed = await act(hotline, created.id, {
      type: 'sign_off',
      method: 'signature',
      signatureAttachmentId: signature.body.id,
    });
    expect(signed.status).toBe('signed_off');
    const timeline = (await hotline.get(`/v1/cases/${created.id}/timeline`)).body.data;
    expect(timeline.find((t: { action: string }) => t.action === 'complete').data.attachmentIds).toEqual([
      photo.body.id,
    ]);
    // A staff member cannot claim the owner confirmed through the link.
    const other = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(8), category: 'noise' }));
    expect(
      (await hotline.post(`/v1/cases/${other.id}/actions`, { type: 'sign_off', method: 'owner_link' }))
        .status,
    ).toBe(409);
  });
});
