import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  minGroupParties,
  newParties,
  partyCount,
  receiveCase,
} from '../../src/cases/index';
import { agent, at, hours, intake, newCase, rejection, Story, settings } from './support';

const receive = (extra: Parameters<typeof intake>[1]) =>
  receiveCase({
    id: 'case_g',
    intake: intake('complaint', extra),
    actor: agent,
    now: at(0),
    settings,
    sequence: 1,
  });

describe('parties of a complaint (群诉)', () => {
  it('counts the complainant once and each linked owner or unit, leaving out duplicates and the case’s own', () => {
    const own = { ownerId: 'own_li', unitId: 'unit_3_1201', parties: [] };
    expect(partyCount(own)).toBe(1);
    const added = newParties(own, {
      ownerIds: ['own_li', 'own_wang', 'own_wang'],
      unitIds: ['unit_3_1201', 'unit_3_1202'],
    });
    expect(added).toEqual([
      { type: 'owner', id: 'own_wang' },
      { type: 'unit', id: 'unit_3_1202' },
    ]);
    expect(partyCount({ parties: added })).toBe(3);
    // Already linked: nothing new.
    expect(newParties({ ...own, parties: added }, { ownerIds: ['own_wang'], unitIds: [] })).toEqual([]);
    expect(minGroupParties).toBe(2);
  });

  it('a group complaint at intake needs a further party; linking at intake writes an internal timeline entry', () => {
    const alone = rejection(() => receive({ severity: 'group' }));
    expect(alone.code).toBe('validation_failed');
    expect(alone.issues?.[0]?.path).toBe('parties');
    // Linking only the case's own unit does not make it a group.
    expect(
      rejection(() => receive({ severity: 'group', parties: { ownerIds: [], unitIds: ['unit_3_1201'] } }))
        .code,
    ).toBe('validation_failed');

    const group = receive({
      severity: 'group',
      parties: { ownerIds: ['own_wang'], unitIds: ['unit_3_1202'] },
    });
    expect(group.parties).toEqual([
      { type: 'owner', id: 'own_wang' },
      { type: 'unit', id: 'unit_3_1202' },
    ]);
    expect(group.snapshot.parties).toEqual(group.parties);
    expect(group.timeline.map((t) => [t.action, t.visibility])).toEqual([
      ['receive', 'owner'],
      ['link_parties', 'internal'],
    ]);
    expect(group.timeline[1]?.data).toEqual({
      ownerIds: ['own_wang'],
      unitIds: ['unit_3_1202'],
      partyCount: 3,
    });
    expect(group.events.map((e) => e.name)).toEqual([
      'case.created',
      'case.parties_linked',
      'incident.required',
    ]);
    // The receive entry, which the owner sees, names no other owner.
    expect(JSON.stringify(group.timeline[0])).not.toContain('own_wang');
  });

  it('refuses parties on a repair', () => {
    expect(() => intake('repair', { parties: { ownerIds: ['own_wang'], unitIds: [] } })).toThrow(
      /only complaints/,
    );
  });

  it('set_severity group is refused (409) until another owner or unit is linked, then allowed', () => {
    const story = new Story(newCase('complaint'));
    story.step({ type: 'assign_department', departmentId: 'dept_cs' }, agent, at(hours(1)));
    const refused = rejection(() =>
      story.step({ type: 'set_severity', severity: 'group' }, agent, at(hours(2))),
    );
    expect(refused.code).toBe('illegal_transition');
    expect(refused.extra?.reason).toMatch(/at least 2 parties/);
    // Major needs no parties; the step stays offered (the payload decides).
    expect(allowedActions(story.snapshot, agent).map((a) => a.action)).toContain('set_severity');

    const linked = story.step(
      { type: 'link_parties', ownerIds: ['own_wang', 'own_zhao'], note: '同楼层住户联名' },
      agent,
      at(hours(2)),
    );
    expect(linked.linkedParties).toEqual([
      { type: 'owner', id: 'own_wang' },
      { type: 'owner', id: 'own_zhao' },
    ]);
    expect(linked.changes).toEqual({});
    expect(linked.timeline[0]).toMatchObject({
      action: 'link_parties',
      visibility: 'internal',
      note: '同楼层住户联名',
    });
    expect(linked.events.map((e) => e.name)).toEqual(['case.parties_linked']);
    expect(story.snapshot.parties).toHaveLength(2);

    const group = story.step({ type: 'set_severity', severity: 'group' }, agent, at(hours(3)));
    expect(group.changes.severity).toBe('group');
    expect(group.events.map((e) => e.name)).toEqual(['case.severity_changed', 'incident.required']);
  });

  it('linking again what is linked changes nothing; an empty link and a repair are refused', () => {
    const story = new Story(newCase('complaint'));
    story.step({ type: 'link_parties', unitIds: ['unit_3_1202'] }, agent, at(hours(1)));
    const again = story.step({ type: 'link_parties', unitIds: ['unit_3_1202'] }, agent, at(hours(2)));
    expect(again.linkedParties).toEqual([]);
    expect(again.timeline).toEqual([]);
    expect(rejection(() => story.step({ type: 'link_parties' }, agent, at(hours(3)))).code).toBe(
      'validation_failed',
    );
    const repair = newCase('repair');
    expect(
      rejection(() =>
        applyAction(repair, { type: 'link_parties', ownerIds: ['own_wang'] }, agent, at(hours(1)), settings),
      ).code,
    ).toBe('illegal_transition');
  });
});
