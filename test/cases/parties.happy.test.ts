import { describe, expect, it } from 'vitest';
import { act, as, frontDeskComplaint, fx, intake, ownerLink } from './support';

/** 西溪花园: unit n and its owner n (n = 1…8). */
const complaint = (overrides: Record<string, unknown> = {}) =>
  frontDeskComplaint({ description: '1号楼多户反映地下车库漏水', category: 'leaks', ...overrides });

const ids = (body: { data: { id: string }[] }) => body.data.map((c) => c.id);

describe('group complaints (群诉) linked to several owners and units', () => {
  it('a group complaint names its further owners and units at intake, on the case and its internal timeline', async () => {
    const desk = await as('front_desk');
    const created = await intake(
      desk,
      complaint({
        severity: 'group',
        parties: { ownerIds: [fx.xixiOwner(3), fx.xixiOwner(3)], unitIds: [fx.xixiUnit(4), fx.xixiUnit(2)] },
      }),
    );
    expect(created.severity).toBe('group');
    // Duplicates and the case's own unit are left out.
    expect(created.parties.map((p: { type: string; id: string }) => [p.type, p.id])).toEqual([
      ['owner', fx.xixiOwner(3)],
      ['unit', fx.xixiUnit(4)],
    ]);
    expect(created.parties[0].linkedBy).toEqual({ type: 'staff', id: fx.frontDesk });

    const read = await desk.get(`/v1/cases/${created.id}`);
    expect(read.body.parties).toEqual(created.parties);
    const timeline = (await desk.get(`/v1/cases/${created.id}/timeline`)).body.data;
    const link = timeline.find((t: { action: string }) => t.action === 'link_parties');
    expect(link).toMatchObject({
      visibility: 'internal',
      data: { ownerIds: [fx.xixiOwner(3)], unitIds: [fx.xixiUnit(4)], partyCount: 3 },
    });
    // The complainant's owner link never shows the other owners.
    const view = await ownerLink.view(created.ownerLink.token);
    expect(view.body.timeline.map((t: { action: string }) => t.action)).toEqual(['receive']);
    expect(JSON.stringify(view.body)).not.toContain(fx.xixiOwner(3));

    // Lists: the linked owner's and unit's cases include the group complaint.
    expect(ids((await desk.get(`/v1/cases?ownerId=${fx.xixiOwner(3)}&limit=100`)).body)).toContain(
      created.id,
    );
    expect(ids((await desk.get(`/v1/cases?unitId=${fx.xixiUnit(4)}&limit=100`)).body)).toContain(created.id);
    expect(ids((await desk.get(`/v1/cases?ownerId=${fx.xixiOwner(2)}&limit=100`)).body)).toContain(
      created.id,
    );
    expect(ids((await desk.get(`/v1/cases?unitId=${fx.xixiUnit(6)}&limit=100`)).body)).not.toContain(
      created.id,
    );
  });

  it('a complaint becomes a group one only once another party is linked (link_parties)', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, complaint({ unitId: fx.xixiUnit(5), ownerId: fx.xixiOwner(5) }));
    expect(created.parties).toEqual([]);

    const early = await desk.post(`/v1/cases/${created.id}/actions`, {
      type: 'set_severity',
      severity: 'group',
    });
    expect(early.status).toBe(409);
    expect(early.body.reason).toMatch(/at least 2 parties/);
    expect((await desk.get(`/v1/cases/${created.id}`)).body.severity).toBe('normal');

    const linked = await act(desk, created.id, {
      type: 'link_parties',
      unitIds: [fx.xixiUnit(7), fx.xixiUnit(5)],
      ownerIds: [fx.xixiOwner(8)],
      note: '同层住户联名投诉',
    });
    expect(linked.parties.map((p: { id: string }) => p.id)).toEqual([fx.xixiOwner(8), fx.xixiUnit(7)]);
    // Linking again what is linked adds nothing.
    const again = await act(desk, created.id, { type: 'link_parties', unitIds: [fx.xixiUnit(7)] });
    expect(again.parties).toHaveLength(2);

    const group = await act(desk, created.id, { type: 'set_severity', severity: 'group' });
    expect(group.severity).toBe('group');
    expect(group.allowedActions.map((a: { action: string }) => a.action)).toContain('open_incident');
    const actions = (await desk.get(`/v1/cases/${created.id}/timeline`)).body.data.map(
      (t: { action: string }) => t.action,
    );
    expect(actions).toEqual(['receive', 'link_parties', 'set_severity']);
    expect(ids((await desk.get(`/v1/cases?unitId=${fx.xixiUnit(7)}&kind=complaint`)).body)).toContain(
      created.id,
    );
  });
});
