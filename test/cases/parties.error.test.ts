import { describe, expect, it } from 'vitest';
import { countEverywhere } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { act, as, caseTableCounts, frontDeskComplaint, fx, intake } from './support';

const complaint = (overrides: Record<string, unknown> = {}) =>
  frontDeskComplaint({
    unitId: fx.xixiUnit(1),
    ownerId: fx.xixiOwner(1),
    description: '多户反映噪音扰民',
    category: 'noise',
    ...overrides,
  });

const partyRows = async () => countEverywhere('SELECT count(*) AS n FROM case_parties');

describe('linking parties refuses what is not the case project’s, and writes nothing', () => {
  it('at intake: an unknown owner, another project’s unit, another tenant’s unit → 400 naming each', async () => {
    const desk = await as('front_desk');
    const other = await newTenant('Other Group');
    const theirs = await newEstate(other.admin);
    const before = { ...(await caseTableCounts()), parties: await partyRows() };
    const res = await desk.post(
      '/v1/cases',
      complaint({
        severity: 'group',
        parties: {
          ownerIds: [fx.xixiOwner(2), 'own_nobody', fx.xixiOwner(9)],
          unitIds: [fx.xixiUnit(9), theirs.unitId],
        },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'parties.ownerIds.1',
      'parties.ownerIds.2', // 钱江府's owner, not 西溪花园's
      'parties.unitIds.0', // 钱江府's unit
      'parties.unitIds.1', // another tenant's unit
    ]);
    expect({ ...(await caseTableCounts()), parties: await partyRows() }).toEqual(before);
  });

  it('a group complaint without another party, parties on a repair, or too many ids → 400', async () => {
    const desk = await as('front_desk');
    const before = await caseTableCounts();
    const alone = await desk.post('/v1/cases', complaint({ severity: 'group' }));
    expect(alone.status).toBe(400);
    expect(alone.body.issues[0].path).toBe('parties');
    const repair = await desk.post(
      '/v1/cases',
      complaint({ kind: 'repair', category: 'plumbing', parties: { ownerIds: [fx.xixiOwner(2)] } }),
    );
    expect(repair.status).toBe(400);
    expect(repair.body.issues.map((i: { path: string }) => i.path)).toContain('parties');
    const many = Array.from({ length: 51 }, (_, i) => `own_${i}`);
    expect((await desk.post('/v1/cases', complaint({ parties: { ownerIds: many } }))).status).toBe(400);
    expect(await caseTableCounts()).toEqual(before);
  });

  it('on a step: unknown ids → 400 naming the field, nothing linked; another tenant’s case → 404', async () => {
    const desk = await as('front_desk');
    const created = await intake(desk, complaint());
    const before = { ...(await caseTableCounts()), parties: await partyRows() };
    const bad = await desk.post(`/v1/cases/${created.id}/actions`, {
      type: 'link_parties',
      ownerIds: [fx.xixiOwner(3)],
      unitIds: ['unit_missing'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['unitIds.0']);
    const empty = await desk.post(`/v1/cases/${created.id}/actions`, { type: 'link_parties' });
    expect(empty.status).toBe(400);
    expect({ ...(await caseTableCounts()), parties: await partyRows() }).toEqual(before);
    expect((await desk.get(`/v1/cases/${created.id}`)).body.parties).toEqual([]);

    const other = await newTenant('Third Group');
    const stranger = await other.admin.post(`/v1/cases/${created.id}/actions`, {
      type: 'link_parties',
      ownerIds: [fx.xixiOwner(3)],
    });
    expect(stranger.status).toBe(404);

    // Only complaints link parties.
    const repair = await intake(desk, complaint({ kind: 'repair', category: 'plumbing' }));
    const onRepair = await desk.post(`/v1/cases/${repair.id}/actions`, {
      type: 'link_parties',
      ownerIds: [fx.xixiOwner(3)],
    });
    expect(onRepair.status).toBe(409);
    expect(await partyRows()).toBe(before.parties);
    await act(desk, created.id, { type: 'link_parties', ownerIds: [fx.xixiOwner(3)] });
    expect(await partyRows()).toBe(before.parties + 1);
  });
});
