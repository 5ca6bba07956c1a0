import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../src/cases/index';
import {
  agent,
  at,
  days,
  fixItStaff,
  hours,
  minutes,
  newCase,
  owner,
  pm,
  rejection,
  Story,
  slaDeadlines,
  system,
  thirdPartyStaff,
} from './support';

describe('a repair from receipt to closed', () => {
  it('goes received → dispatched → contacted → on_site → completed → signed_off → followed_up → closed', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(minutes(5)));
    expect(story.snapshot.status).toBe('dispatched');
    // The contact deadline is the SLA's (case_milestones), not part of the dispatch.
    expect(story.events.at(-1)?.data).not.toHaveProperty('contactDueAt');

    story.step(
      { type: 'record_contact', visitBookedFor: at(hours(3)).toISOString() },
      fixItStaff,
      at(minutes(20)),
    );
    story.step({ type: 'arrive' }, fixItStaff, at(hours(3)));
    story.step(
      { type: 'complete', note: '疏通下水管，现场试水正常', attachmentIds: ['att_1'] },
      fixItStaff,
      at(hours(4)),
    );
    expect(story.snapshot.followupDueAt).toEqual(at(hours(4) + days(3)));

    story.step({ type: 'sign_off', method: 'owner_link' }, owner, at(hours(5)));
    story.step({ type: 'follow_up', satisfaction: 5, comment: '很满意' }, agent, at(hours(4) + days(3)));
    story.step({ type: 'close' }, agent, at(days(3) + hours(5)));

    const s = story.snapshot;
    expect(s.status).toBe('closed');
    expect(s).toMatchObject({
      contactedAt: at(minutes(20)),
      visitBookedFor: at(hours(3)),
      arrivedAt: at(hours(3)),
      completedAt: at(hours(4)),
      signedOffAt: at(hours(5)),
      satisfaction: 5,
      firstAskOwnerId: agent.id,
    });
    expect(story.eventNames()).toEqual([
      'case.dispatched',
      'case.contacted',
      'case.arrived',
      'case.completed',
      'followup.scheduled',
      'case.signed_off',
      'followup.completed',
      'case.closed',
    ]);
    // The owner link shows progress, never the internal dispatch entry.
    const ownerFacing = story.timeline.filter((e) => e.visibility === 'owner').map((e) => e.action);
    expect(ownerFacing).toEqual(['record_contact', 'arrive', 'complete', 'sign_off', 'follow_up', 'close']);
    expect(story.timeline.every((e) => e.at instanceof Date)).toBe(true);
  });

  it('keeps the first-ask owner while the contractor and others do the work', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, pm, at(minutes(1)));
    story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, fixItStaff, at(minutes(2)));
    expect(story.snapshot.firstAskOwnerId).toBe(agent.id);
    for (const step of [story.timeline, story.events]) expect(step.length).toBeGreaterThan(0);
  });

  it('takes a signature captured on site as the sign-off, but not an owner-link sign-off made by staff', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', departmentId: 'dept_engineering', assigneeId: 'stf_eng' }, agent, at(0));
    story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, agent, at(minutes(10)));
    story.step({ type: 'arrive' }, agent, at(hours(1)));
    story.step({ type: 'complete', note: 'done' }, agent, at(hours(2)));
    expect(
      rejection(() => story.step({ type: 'sign_off', method: 'owner_link' }, agent, at(hours(2)))).code,
    ).toBe('validation_failed');
    story.step(
      { type: 'sign_off', method: 'signature', signatureAttachmentId: 'att_sig' },
      agent,
      at(hours(2)),
    );
    expect(story.snapshot.status).toBe('signed_off');
  });

  it('lets an owner sign off only their own case', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(0));
    story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, fixItStaff, at(minutes(10)));
    story.step({ type: 'arrive' }, fixItStaff, at(hours(1)));
    story.step({ type: 'complete', note: 'done' }, fixItStaff, at(hours(2)));
    const stranger = { ...owner, id: 'own_wang' };
    expect(
      rejection(() => story.step({ type: 'sign_off', method: 'owner_link' }, stranger, at(hours(3)))).code,
    ).toBe('forbidden');
    // Owners may only sign off and follow up.
    expect(allowedActions(story.snapshot, owner).map((a) => a.action)).toEqual(['sign_off', 'follow_up']);
  });

  it('pauses while waiting for the owner and resumes where it was', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(0));
    story.step({ type: 'record_contact', visitBookedFor: at(days(1)) }, fixItStaff, at(minutes(10)));
    story.step({ type: 'wait_for_owner', note: '业主出差，下周回来' }, agent, at(hours(1)));
    expect(story.snapshot.status).toBe('waiting_for_owner');
    expect(rejection(() => story.step({ type: 'arrive' }, fixItStaff, at(hours(2)))).code).toBe(
      'illegal_transition',
    );
    story.step({ type: 'resume' }, system, at(days(7)));
    expect(story.snapshot.status).toBe('contacted');
    expect(story.snapshot.state.pausedFrom).toBeUndefined();
    expect(story.events.at(-1)).toMatchObject({
      name: 'case.resumed',
      data: { pausedMs: days(7) - hours(1) },
    });
  });
});

describe('forfeit: a contractor that misses the 30-minute contact', () => {
  function dispatched() {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit', assigneeId: 'ctc_fixit' }, agent, at(0));
    return story;
  }

  it('cannot be forfeited before the deadline, nor after it has made contact', () => {
    const early = dispatched();
    const e = rejection(() => early.step({ type: 'forfeit' }, system, at(minutes(29))));
    expect(e.code).toBe('illegal_transition');
    expect(e.extra?.reason).toMatch(/contact deadline/);
    const deadlines = slaDeadlines(early.snapshot);
    expect(allowedActions(early.snapshot, system, { now: at(minutes(29)), deadlines })).toEqual([]);
    expect(
      allowedActions(early.snapshot, system, { now: at(minutes(30)), deadlines }).map((a) => a.action),
    ).toEqual(['forfeit']);
    // Without the SLA's deadline the guard does not guess one.
    expect(allowedActions(early.snapshot, system, { now: at(minutes(30)) })).toEqual([]);

    const contacted = dispatched();
    contacted.step({ type: 'record_contact', visitBookedFor: at(hours(2)) }, fixItStaff, at(minutes(20)));
    expect(rejection(() => contacted.step({ type: 'forfeit' }, system, at(minutes(40)))).code).toBe(
      'illegal_transition',
    );
  });

  it('loses the job for good, and another vendor takes it', () => {
    const story = dispatched();
    story.step({ type: 'forfeit' }, system, at(minutes(31)));
    expect(story.snapshot).toMatchObject({
      status: 'forfeited',
      contractorId: null,
      forfeitedContractorIds: ['ctr_fixit'],
      firstAskOwnerId: agent.id,
    });
    expect(story.events.at(-1)).toMatchObject({
      name: 'case.forfeited',
      data: { contractorId: 'ctr_fixit', contactDueAt: at(minutes(30)).toISOString() },
    });
    expect(story.timeline.at(-1)).toMatchObject({ action: 'forfeit', visibility: 'internal', actorId: null });

    // Forfeited: nothing for it to do now...
    expect(allowedActions(story.snapshot, fixItStaff)).toEqual([]);
    expect(
      rejection(() =>
        story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, fixItStaff, at(minutes(32))),
      ).code,
    ).toBe('illegal_transition');

    // ...and it cannot be handed the job back.
    const back = rejection(() =>
      story.step({ type: 'reassign', contractorId: 'ctr_fixit' }, pm, at(minutes(40))),
    );
    expect(back.code).toBe('illegal_transition');
    expect(back.extra?.reason).toMatch(/forfeited/);

    story.step({ type: 'reassign', contractorId: 'ctr_third' }, pm, at(minutes(45)));
    expect(story.snapshot).toMatchObject({
      status: 'dispatched',
      contractorId: 'ctr_third',
      dispatchedAt: at(minutes(45)),
    });
    expect(story.eventNames().slice(-2)).toEqual(['case.reassigned', 'case.dispatched']);

    // The old contractor stays locked out once the new one holds the job.
    expect(rejection(() => story.step({ type: 'arrive' }, fixItStaff, at(hours(1)))).code).toBe(
      'illegal_transition',
    );
    const stillOut = rejection(() =>
      story.step({ type: 'record_contact', visitBookedFor: at(hours(2)) }, fixItStaff, at(minutes(50))),
    );
    expect(stillOut.code).toBe('forbidden');
    expect(stillOut.extra?.allowed).toEqual([]);

    story.step({ type: 'record_contact', visitBookedFor: at(hours(2)) }, thirdPartyStaff, at(minutes(55)));
    expect(story.snapshot.status).toBe('contacted');
  });

  it('does not apply to an in-house dispatch', () => {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', departmentId: 'dept_engineering' }, agent, at(0));
    const e = rejection(() => story.step({ type: 'forfeit' }, system, at(hours(1))));
    expect(e.extra?.reason).toMatch(/in-house/);
  });

  it('keeps contractors to their own jobs', () => {
    const story = dispatched();
    const e = rejection(() =>
      story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, thirdPartyStaff, at(minutes(5))),
    );
    expect(e.code).toBe('forbidden');
    expect(e.extra).toMatchObject({ action: 'record_contact', allowed: [] });
    // The system is only the clock: it forfeits, it does not dispatch.
    expect(rejection(() => story.step({ type: 'close' }, system, at(minutes(5)))).code).toBe(
      'illegal_transition',
    );
  });
});
