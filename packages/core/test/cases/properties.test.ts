import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedActions,
  applyAction,
  type CaseActionInput,
  type CaseSnapshot,
  caseGraph,
  caseKinds,
  receiveCase,
  statusesByKind,
} from '../../src/cases/index';
import { AppError } from '../../src/errors';
import {
  agent,
  at,
  branchGm,
  crManager,
  fixItStaff,
  guard,
  hours,
  intake,
  minutes,
  owner,
  pm,
  settings,
  slaDeadlines,
  system,
  thirdPartyStaff,
} from './support';

const integrator: Actor = { kind: 'integrator', id: 'key_erp', roles: ['integrator'] };
const actors: Actor[] = [
  agent,
  pm,
  crManager,
  branchGm,
  guard,
  fixItStaff,
  thirdPartyStaff,
  owner,
  system,
  integrator,
];

const actions: CaseActionInput[] = [
  { type: 'dispatch', contractorId: 'ctr_fixit' },
  { type: 'dispatch', contractorId: 'ctr_third' },
  { type: 'dispatch', departmentId: 'dept_engineering' },
  { type: 'reassign', contractorId: 'ctr_third' },
  { type: 'reassign', contractorId: 'ctr_fixit' },
  { type: 'reassign', departmentId: 'dept_engineering' },
  { type: 'record_contact', visitBookedFor: '2026-11-23T02:00:00Z' },
  { type: 'arrive' },
  { type: 'complete', note: 'done' },
  { type: 'sign_off', method: 'owner_link' },
  { type: 'sign_off', method: 'signature', signatureAttachmentId: 'att_sig' },
  { type: 'forfeit' },
  { type: 'assign_department', departmentId: 'dept_engineering' },
  { type: 'assign_department', departmentId: 'dept_sales' },
  { type: 'add_feedback', note: 'feedback' },
  { type: 'reply_owner', replyKind: 'progress', message: 'on it' },
  { type: 'reply_owner', replyKind: 'result', message: 'done' },
  { type: 'set_severity', severity: 'major' },
  { type: 'set_severity', severity: 'normal' },
  { type: 'open_incident', leaderId: 'stf_head', memberIds: ['stf_a', 'stf_b'] },
  { type: 'record_claim', amountFen: 1_200_000, note: 'big' },
  { type: 'record_claim', amountFen: 50_000, note: 'small' },
  { type: 'approve_claim' },
  { type: 'resolve', note: 'resolved' },
  ...[1, 2, 3, 4, 5].map((satisfaction) => ({ type: 'follow_up' as const, satisfaction })),
  { type: 'follow_up', callOutcome: 'no_answer' },
  { type: 'reopen', reason: 're_report' },
  { type: 'answer', note: 'answer' },
  { type: 'acknowledge' },
  { type: 'adopt', note: 'improvement' },
  { type: 'mark_noted' },
  { type: 'close' },
  { type: 'cancel', reason: 'withdrawn' },
  { type: 'wait_for_owner', note: 'away' },
  { type: 'resume' },
  { type: 'add_note', note: 'note' },
];

/**
 * Mostly guided (a random step among those offered to someone, so stories get deep), sometimes
 * blind (any actor, any action, to hit the refusals).
 */
const step = fc.record({
  guided: fc.nat({ max: 9 }).map((n) => n < 8),
  pick: fc.nat(),
  actor: fc.constantFrom(...actors),
  action: fc.constantFrom(...actions),
  advance: fc.oneof(fc.integer({ min: 0, max: minutes(29) }), fc.integer({ min: 0, max: hours(72) })),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function choose(snapshot: CaseSnapshot, when: Date, s: Step) {
  if (!s.guided) return { actor: s.actor, action: s.action };
  const offered = actors.flatMap((actor) => {
    const names = allowedActions(snapshot, actor, {
      now: when,
      settings,
      deadlines: slaDeadlines(snapshot),
    }).map((a) => a.action);
    return actions.filter((a) => names.includes(a.type)).map((action) => ({ actor, action }));
  });
  // Cancelling ends the story, so take it rarely to let stories run deep.
  const going = offered.filter((o) => o.action.type !== 'cancel');
  if (going.length > 0 && s.pick % 10 !== 0) return going[s.pick % going.length] ?? going[0]!;
  return offered[s.pick % Math.max(offered.length, 1)] ?? { actor: s.actor, action: s.action };
}

const story = fc.record({
  kind: fc.constantFrom(...caseKinds),
  selfService: fc.boolean(),
  severity: fc.constantFrom('normal', 'major', 'group'),
  steps: fc.array(step, { maxLength: 60, size: 'max' }),
});

describe('the state machine under random actions', () => {
  it('never leaves the declared graph, never changes the first-ask owner, and agrees with allowedActions', () => {
    fc.assert(
      fc.property(story, ({ kind, selfService, severity, steps }) => {
        const received = receiveCase({
          id: 'case_prop',
          intake: intake(kind, {
            channel: selfService ? 'app' : 'hotline',
            ...(kind === 'complaint' && { severity: severity as 'normal' }),
            // A group complaint involves at least two parties: the complainant and a neighbour.
            ...(kind === 'complaint' &&
              severity === 'group' && { parties: { ownerIds: ['own_neighbour'], unitIds: [] } }),
          }),
          actor: selfService ? owner : agent,
          now: at(0),
          settings,
          sequence: 1,
        });
        let snapshot = received.snapshot;
        let now = at(0).getTime();
        const statuses = statusesByKind[kind];
        const actionsOfKind = new Set(caseGraph[kind].map((r) => r.action));
        for (const s of steps) {
          now += s.advance;
          const when = new Date(now);
          const { actor, action } = choose(snapshot, when, s);
          const deadlines = slaDeadlines(snapshot);
          const allowed = allowedActions(snapshot, actor, { now: when, settings, deadlines });
          let result: ReturnType<typeof applyAction>;
          try {
            result = applyAction(snapshot, action, actor, when, settings, deadlines);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            expect(['illegal_transition', 'forbidden', 'validation_failed']).toContain(e.code);
            if (e.code === 'forbidden' || !actionsOfKind.has(action.type)) {
              expect(allowed.map((a) => a.action)).not.toContain(action.type);
            }
            continue;
          }
          const next = result.next;
          expect(statuses).toContain(next.status);
          const offer = allowed.find((a) => a.action === action.type);
          expect(offer, `${action.type} from ${snapshot.status}`).toBeDefined();
          expect(offer?.to).toContain(next.status);
          if (snapshot.firstAskOwnerId !== null) expect(next.firstAskOwnerId).toBe(snapshot.firstAskOwnerId);
          expect(result.changes.firstAskOwnerId === undefined || snapshot.firstAskOwnerId === null).toBe(
            true,
          );
          // A forfeited contractor never holds the job again, and the record against it stays.
          expect(next.forfeitedContractorIds).toEqual(
            expect.arrayContaining(snapshot.forfeitedContractorIds),
          );
          if (next.contractorId) expect(next.forfeitedContractorIds).not.toContain(next.contractorId);
          if (next.status === 'closed') expect(next.closedAt).not.toBeNull();
          // A complaint never closes with a big claim unapproved.
          if (next.status === 'closed' && (next.claimAmountFen ?? 0) > settings.claimApprovalThresholdFen) {
            expect(next.claimApprovedBy).not.toBeNull();
          }
          snapshot = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('declares only statuses of the kind, and every status but the final ones has a way out', () => {
    for (const kind of caseKinds) {
      const statuses = statusesByKind[kind];
      for (const rule of caseGraph[kind]) {
        for (const s of rule.from) expect(statuses).toContain(s);
        for (const t of rule.to) if (t !== 'stay') expect(statuses).toContain(t);
      }
      for (const status of statuses) {
        if (status === 'cancelled' || status === 'closed') continue;
        const moves = caseGraph[kind].filter(
          (r) => r.from.includes(status) && r.to.some((t) => t !== 'stay'),
        );
        expect(moves.length, `${kind} ${status}`).toBeGreaterThan(0);
      }
    }
  });
});
