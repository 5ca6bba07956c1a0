import { describe, expect, it } from 'vitest';
import {
  type ApprovalChain,
  ApprovalChainSchema,
  applyNominationEvent,
  canDecide,
  canView,
  defaultApprovalChain,
  type NominationRef,
  type NominationState,
  nextStep,
  type StepDecision,
} from '../../src/star/index';

const chain = defaultApprovalChain;
const hr = { id: 'stf_hr', roles: ['branch_hr'] as const, branchId: 'br_east' };
const fd = { id: 'stf_fd', roles: ['branch_cs_manager'] as const, branchId: 'br_east' };
const gm = { id: 'stf_gm', roles: ['branch_gm'] as const, branchId: 'br_east' };
const nomination: NominationRef = {
  nomineeId: 'stf_li',
  nominatedBy: 'stf_zhang',
  submittedBy: 'stf_pm',
  branchId: 'br_east',
  status: 'submitted',
};
let clock = 0;
const d = (
  stepKey: string,
  deciderId: string,
  decision: StepDecision['decision'] = 'approve',
): StepDecision => ({
  stepKey,
  decision,
  comment: '',
  deciderId,
  decidedAt: ++clock,
});

describe('the approval chain is walked in order', () => {
  it('a fresh submission waits for branch HR screening first', () => {
    expect(nextStep(chain, [])).toMatchObject({ kind: 'pending', index: 0, step: { role: 'branch_hr' } });
  });

  it('after HR approves, the functional department decides, then the general manager', () => {
    expect(nextStep(chain, [d('hr_screening', hr.id)])).toMatchObject({
      step: { key: 'functional_department' },
    });
    const both = [d('hr_screening', hr.id), d('functional_department', fd.id)];
    expect(nextStep(chain, both)).toMatchObject({ step: { key: 'general_manager' } });
    expect(nextStep(chain, [...both, d('general_manager', gm.id)])).toEqual({ kind: 'approved' });
  });

  it('a rejection at any step ends the review', () => {
    expect(nextStep(chain, [d('hr_screening', hr.id), d('functional_department', fd.id, 'reject')])).toEqual({
      kind: 'rejected',
      stepKey: 'functional_department',
    });
  });

  it('a return sends the form back and, once resubmitted, review starts again from HR', () => {
    const history = [d('hr_screening', hr.id), d('functional_department', fd.id, 'return')];
    expect(nextStep(chain, history)).toMatchObject({ kind: 'pending', index: 0 });
  });

  it('a tenant may configure its own chain, but screening steps cannot follow deciding ones', () => {
    const custom: ApprovalChain = ApprovalChainSchema.parse([
      { key: 'hr', role: 'branch_hr', stage: 'screening' },
      { key: 'gm', role: 'branch_gm', stage: 'deciding' },
    ]);
    expect(nextStep(custom, [d('hr', hr.id)])).toMatchObject({ step: { key: 'gm' } });
    expect(
      ApprovalChainSchema.safeParse([
        { key: 'gm', role: 'branch_gm', stage: 'deciding' },
        { key: 'hr', role: 'branch_hr', stage: 'screening' },
      ]).success,
    ).toBe(false);
    expect(
      ApprovalChainSchema.safeParse([
        { key: 'hr', role: 'branch_hr', stage: 'screening' },
        { key: 'hr', role: 'branch_gm', stage: 'deciding' },
      ]).success,
    ).toBe(false);
  });
});

describe('who may decide a nomination', () => {
  it('branch HR of the own branch may screen a submitted nomination', () => {
    expect(canDecide(chain, [], hr, nomination)).toMatchObject({ ok: true, step: { key: 'hr_screening' } });
  });

  it('the general manager cannot jump the queue before HR and the functional department', () => {
    expect(canDecide(chain, [], gm, nomination)).toMatchObject({ ok: false, reason: 'missing_role' });
  });

  it('HR of another branch is refused, as is a group-level reviewer without a branch', () => {
    expect(canDecide(chain, [], { ...hr, branchId: 'br_west' }, nomination)).toMatchObject({
      ok: false,
      reason: 'other_branch',
    });
    expect(canDecide(chain, [], { ...hr, branchId: null }, nomination)).toMatchObject({
      reason: 'other_branch',
    });
  });

  it('an HR officer nominated herself cannot screen her own nomination', () => {
    const own = { ...nomination, nomineeId: hr.id };
    expect(canDecide(chain, [], hr, own)).toMatchObject({ ok: false, reason: 'self_nominee' });
  });

  it('a general manager who drafted or submitted the form cannot decide on it', () => {
    const decided = [d('hr_screening', hr.id), d('functional_department', fd.id)];
    const deciding = { ...nomination, status: 'deciding' as const };
    expect(canDecide(chain, decided, gm, { ...deciding, nominatedBy: gm.id })).toMatchObject({
      reason: 'self_nominator',
    });
    expect(canDecide(chain, decided, gm, { ...deciding, submittedBy: gm.id })).toMatchObject({
      reason: 'self_nominator',
    });
    expect(canDecide(chain, decided, gm, deciding)).toMatchObject({ ok: true });
  });

  it('one person holding both HR and GM roles cannot approve two steps of the same round', () => {
    const both = { id: 'stf_both', roles: ['branch_hr', 'branch_gm'] as const, branchId: 'br_east' };
    const custom = ApprovalChainSchema.parse([
      { key: 'hr', role: 'branch_hr', stage: 'screening' },
      { key: 'gm', role: 'branch_gm', stage: 'deciding' },
    ]);
    expect(canDecide(custom, [d('hr', both.id)], both, { ...nomination, status: 'deciding' })).toMatchObject({
      reason: 'already_decided',
    });
  });

  it('nobody decides a draft, a returned form or a finished review', () => {
    expect(canDecide(chain, [], hr, { ...nomination, status: 'draft' })).toMatchObject({
      reason: 'not_in_review',
    });
    expect(canDecide(chain, [], hr, { ...nomination, status: 'returned' })).toMatchObject({
      reason: 'not_in_review',
    });
    const done = [d('hr_screening', hr.id), d('functional_department', fd.id), d('general_manager', gm.id)];
    expect(canDecide(chain, done, gm, { ...nomination, status: 'approved' })).toMatchObject({
      reason: 'not_in_review',
    });
  });

  it('reviewers see their own branch’s submitted nominations; another branch never sees them', () => {
    expect(canView(chain, hr, nomination)).toBe(true);
    expect(canView(chain, { ...hr, branchId: 'br_west' }, nomination)).toBe(false);
    expect(canView(chain, hr, { ...nomination, status: 'draft' })).toBe(false);
    expect(
      canView(chain, { id: 'stf_zhang', roles: [], branchId: 'br_east' }, { ...nomination, status: 'draft' }),
    ).toBe(true);
    const nominee = { id: 'stf_li', roles: [], branchId: 'br_east' };
    expect(canView(chain, nominee, nomination)).toBe(false);
    expect(canView(chain, nominee, { ...nomination, status: 'announced' })).toBe(true);
  });
});

describe('a nomination’s life cycle', () => {
  const run = (events: Parameters<typeof applyNominationEvent>[2][]) => {
    let state: NominationState = { status: 'draft', decisions: [] };
    const statuses: string[] = [];
    for (const e of events) {
      const r = applyNominationEvent(chain, state, e);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
      statuses.push(state.status);
    }
    return statuses;
  };

  it('draft → submitted → screening → deciding → approved → announced', () => {
    expect(
      run([
        { type: 'submit' },
        { type: 'receive' },
        { type: 'decide', decision: d('hr_screening', hr.id) },
        { type: 'decide', decision: d('functional_department', fd.id) },
        { type: 'decide', decision: d('general_manager', gm.id) },
        { type: 'announce' },
      ]),
    ).toEqual(['submitted', 'screening', 'deciding', 'deciding', 'approved', 'announced']);
  });

  it('a returned form is resubmitted and screened again from the start', () => {
    expect(
      run([
        { type: 'submit' },
        { type: 'decide', decision: d('hr_screening', hr.id, 'return') },
        { type: 'submit' },
        { type: 'decide', decision: d('hr_screening', hr.id) },
        { type: 'decide', decision: d('functional_department', fd.id, 'reject') },
      ]),
    ).toEqual(['submitted', 'returned', 'submitted', 'deciding', 'rejected']);
  });

  it('a nominator may withdraw a form nobody has touched yet, but not one under review', () => {
    expect(run([{ type: 'submit' }, { type: 'withdraw' }])).toEqual(['submitted', 'draft']);
    const screening: NominationState = { status: 'screening', decisions: [] };
    expect(applyNominationEvent(chain, screening, { type: 'withdraw' })).toMatchObject({ ok: false });
  });

  it('a decision for a step that is not pending is refused', () => {
    const state: NominationState = { status: 'submitted', decisions: [] };
    const r = applyNominationEvent(chain, state, { type: 'decide', decision: d('general_manager', gm.id) });
    expect(r).toMatchObject({ ok: false, reason: 'wrong_step' });
  });

  it('a rejected nomination cannot be announced', () => {
    const r = applyNominationEvent(chain, { status: 'rejected', decisions: [] }, { type: 'announce' });
    expect(r).toMatchObject({ ok: false, reason: 'illegal_transition' });
  });
});
