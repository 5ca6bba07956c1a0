import { describe, expect, it } from 'vitest';
import { allowedActions, caseGraph, receiveCase } from '../../src/cases/index';
import {
  agent,
  at,
  fixItStaff,
  guard,
  hours,
  intake,
  newCase,
  owner,
  rejection,
  Story,
  settings,
} from './support';

describe('inquiries and suggestions', () => {
  it('an inquiry is answered, which counts as the first reply, then closed', () => {
    const story = new Story(newCase('inquiry', { category: 'property_fees' }));
    story.step({ type: 'answer', note: '物业费可在App内缴纳' }, agent, at(hours(1)));
    expect(story.snapshot).toMatchObject({ status: 'answered', firstReplyAt: at(hours(1)) });
    story.step({ type: 'close' }, agent, at(hours(2)));
    expect(story.snapshot.status).toBe('closed');
    expect(story.timeline.map((e) => [e.action, e.visibility])).toEqual([
      ['answer', 'owner'],
      ['close', 'owner'],
    ]);
  });

  it('a suggestion is acknowledged, then adopted with the improvement or noted, then closed', () => {
    const adopted = new Story(newCase('suggestion', { category: 'landscaping' }));
    adopted.step({ type: 'acknowledge' }, agent, at(0));
    adopted.step({ type: 'adopt', note: '增设儿童游乐区遮阳棚' }, agent, at(hours(1)));
    adopted.step({ type: 'close' }, agent, at(hours(2)));
    expect(adopted.eventNames()).toEqual(['case.acknowledged', 'case.adopted', 'case.closed']);

    const noted = new Story(newCase('suggestion', { category: 'parking' }));
    noted.step({ type: 'acknowledge' }, agent, at(0));
    noted.step({ type: 'mark_noted' }, agent, at(hours(1)));
    expect(noted.snapshot.status).toBe('noted');
  });
});

describe('illegal transitions', () => {
  it('answer 409 with the allowed next steps and statuses', () => {
    const story = new Story(newCase('repair'));
    const e = rejection(() => story.step({ type: 'complete', note: 'done' }, agent, at(0)));
    expect(e.code).toBe('illegal_transition');
    expect(e.status).toBe(409);
    expect(e.extra).toMatchObject({
      status: 'received',
      action: 'complete',
      reason: 'not from received',
      allowed: ['dispatch', 'wait_for_owner', 'cancel', 'add_note'],
      nextStatuses: ['dispatched', 'waiting_for_owner', 'cancelled', 'received'],
    });
  });

  it('name the steps this actor may take, and refuse steps another kind has', () => {
    const complaint = new Story(newCase('complaint'));
    const e = rejection(() => complaint.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(0)));
    expect(e.extra?.reason).toBe('a complaint has no such step');
    expect(e.extra?.allowed).toContain('assign_department');
    expect(rejection(() => complaint.step({ type: 'arrive' }, owner, at(0))).extra?.allowed).toEqual([]);
  });

  it('a closed case can only be reopened or annotated; a cancelled one is final', () => {
    const story = new Story(newCase('inquiry'));
    story.step({ type: 'cancel', reason: 'duplicate', duplicateOfCaseId: 'case_other' }, agent, at(0));
    expect(story.snapshot.state).toMatchObject({
      cancelReason: 'duplicate',
      duplicateOfCaseId: 'case_other',
    });
    expect(allowedActions(story.snapshot, agent)).toEqual([]);
    expect(rejection(() => story.step({ type: 'close' }, agent, at(0))).extra?.allowed).toEqual([]);
  });

  it('bad payloads answer validation_failed with the field', () => {
    const story = new Story(newCase('repair'));
    const e = rejection(() =>
      story.step({ type: 'dispatch', contractorId: 'ctr_a', departmentId: 'dept_b' }, agent, at(0)),
    );
    expect(e.code).toBe('validation_failed');
    expect(e.issues?.[0]?.path).toBe('contractorId');
    expect(rejection(() => story.step({ type: 'cancel', reason: 'duplicate' }, agent, at(0))).code).toBe(
      'validation_failed',
    );
  });

  it('staff without the handling permission cannot move a case', () => {
    const story = new Story(newCase('repair'));
    expect(rejection(() => story.step({ type: 'dispatch', contractorId: 'ctr_a' }, guard, at(0))).code).toBe(
      'forbidden',
    );
  });
});

describe('first-ask responsibility (首问负责制)', () => {
  it('a self-service case takes the first staff member who acts on it, and keeps them', () => {
    const received = receiveCase({
      id: 'case_web',
      intake: intake('repair', { channel: 'wechat' }),
      actor: owner,
      now: at(0),
      settings,
      sequence: 7,
    });
    expect(received.snapshot.firstAskOwnerId).toBeNull();
    const story = new Story(received.snapshot);
    // An integrator is not a person: it cannot take first-ask responsibility.
    const callCentre = { kind: 'integrator' as const, id: 'key_cc', roles: ['integrator' as const] };
    story.step({ type: 'add_note', note: '呼叫中心同步' }, callCentre, at(1));
    expect(story.snapshot.firstAskOwnerId).toBeNull();
    const t = story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(hours(1)));
    expect(t.changes.firstAskOwnerId).toBe(agent.id);
    story.step({ type: 'record_contact', visitBookedFor: at(hours(2)) }, fixItStaff, at(hours(1)));
    const other = { ...agent, id: 'stf_other' };
    const later = story.step({ type: 'add_note', note: 'checked' }, other, at(hours(2)));
    expect(later.changes.firstAskOwnerId).toBeUndefined();
    expect(story.snapshot.firstAskOwnerId).toBe(agent.id);
  });

  it('no action in the graph may name the first-ask owner', () => {
    const actions = Object.values(caseGraph).flatMap((rules) => rules.map((r) => r.action));
    expect(actions).not.toContain('set_first_ask_owner');
  });
});

describe('intake', () => {
  it('opens a case in received with an archive number and a created event', () => {
    const r = receiveCase({
      id: 'case_1',
      intake: intake('repair'),
      actor: agent,
      now: at(0),
      settings,
      sequence: 12,
    });
    expect(r.archiveNo).toBe('20261122012');
    expect(r.snapshot).toMatchObject({
      status: 'received',
      firstAskOwnerId: agent.id,
      severity: null,
      urgency: 'normal',
    });
    expect(r.events.map((e) => e.name)).toEqual(['case.created']);
    expect(r.timeline[0]).toMatchObject({ action: 'receive', visibility: 'owner', actorId: agent.id });
  });

  it('a group complaint asks for an incident and the branch GM informed from the start', () => {
    const r = receiveCase({
      id: 'case_2',
      intake: intake('complaint', { severity: 'group', parties: { ownerIds: [], unitIds: ['unit_3_1202'] } }),
      actor: agent,
      now: at(0),
      settings,
      sequence: 1,
    });
    expect(r.events.map((e) => e.name)).toEqual(['case.created', 'case.parties_linked', 'incident.required']);
    expect(r.events[2]?.data).toMatchObject({ informBranchGm: true });
  });

  it('refuses an unknown category, a contractor as intake, and an owner on the hotline', () => {
    const base = { id: 'c', now: at(0), settings, sequence: 1 };
    expect(
      rejection(() =>
        receiveCase({ ...base, intake: intake('repair', { category: 'rockets' }), actor: agent }),
      ).issues,
    ).toEqual([{ path: 'category', message: 'not in the tenant category tree', code: 'unknown_category' }]);
    expect(rejection(() => receiveCase({ ...base, intake: intake('repair'), actor: fixItStaff })).code).toBe(
      'forbidden',
    );
    expect(rejection(() => receiveCase({ ...base, intake: intake('repair'), actor: owner })).code).toBe(
      'forbidden',
    );
    expect(receiveCase({ ...base, intake: intake('repair'), actor: guard }).snapshot.firstAskOwnerId).toBe(
      guard.id,
    );
  });
});
