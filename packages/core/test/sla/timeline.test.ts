import { describe, expect, it } from 'vitest';
import { eventsFromTimeline, statusSpansFromEvents } from '../../src/sla/index';
import { sh } from './support';

describe('clock facts from the case timeline', () => {
  it('maps each step to the case events policies name, in timeline order', () => {
    const rows = [
      { action: 'receive', at: sh('2026-11-19 09:00') },
      { action: 'dispatch', at: sh('2026-11-19 09:05') },
      { action: 'add_note', at: sh('2026-11-19 09:06') },
      { action: 'forfeit', at: sh('2026-11-19 09:40') },
      { action: 'reassign', at: sh('2026-11-19 09:45') },
      { action: 'record_contact', at: sh('2026-11-19 09:50') },
    ];
    expect(eventsFromTimeline(rows)).toEqual([
      { name: 'case.created', at: sh('2026-11-19 09:00') },
      { name: 'case.dispatched', at: sh('2026-11-19 09:05') },
      { name: 'case.forfeited', at: sh('2026-11-19 09:40') },
      { name: 'case.reassigned', at: sh('2026-11-19 09:45') },
      { name: 'case.dispatched', at: sh('2026-11-19 09:45') },
      { name: 'case.contacted', at: sh('2026-11-19 09:50') },
    ]);
  });

  it('a follow-up that reached the owner completes it; an unanswered call is an attempt', () => {
    const events = eventsFromTimeline([
      { action: 'follow_up', at: sh('2026-11-20 10:00'), data: { callOutcome: 'no_answer' } },
      { action: 'follow_up', at: sh('2026-11-20 11:00'), data: { satisfaction: 2, satisfied: false } },
      { action: 'reopen', at: sh('2026-11-20 11:00'), data: { reason: 'unsatisfied_followup' } },
    ]);
    expect(events.map((e) => e.name)).toEqual(['followup.attempted', 'followup.completed', 'case.reopened']);
  });

  it('waiting for the owner and resuming become a pause span', () => {
    const events = eventsFromTimeline([
      { action: 'receive', at: sh('2026-11-19 09:00') },
      { action: 'wait_for_owner', at: sh('2026-11-19 10:00') },
      { action: 'resume', at: sh('2026-11-19 14:00') },
    ]);
    expect(statusSpansFromEvents(events)).toEqual([
      { status: 'waiting_for_owner', start: sh('2026-11-19 10:00'), end: sh('2026-11-19 14:00') },
    ]);
  });
});
