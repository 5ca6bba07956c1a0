import { describe, expect, it } from 'vitest';
import {
  type CaseProfile,
  defaultPolicies,
  evaluateClock,
  PolicySchema,
  resolveMilestones,
  specificity,
} from '../../src/sla/index';
import { sh, shanghaiOffice } from './support';

const profile = (over: Partial<CaseProfile> = {}): CaseProfile => ({
  kind: 'repair',
  urgency: 'normal',
  category: 'plumbing.pipe_burst',
  channel: 'hotline',
  projectId: 'prj_1',
  ...over,
});
const keys = (p: CaseProfile) => resolveMilestones(defaultPolicies, p).map((m) => `${m.policyId}/${m.key}`);

describe('which milestones a case runs against by default', () => {
  it('a normal repair: contractor contact within 30 minutes, forfeit on breach, and the follow-up', () => {
    expect(keys(profile())).toEqual(['default_repair/contractor_contact', 'default_repair/followup']);
    const contact = resolveMilestones(defaultPolicies, profile())[0];
    expect(contact).toMatchObject({
      target: { kind: 'duration', minutes: 30 },
      onBreach: ['forfeit_contractor', 'escalate'],
    });
  });

  it('an emergency repair also needs someone on site within 60 minutes', () => {
    expect(keys(profile({ urgency: 'emergency' }))).toEqual([
      'default_emergency_repair/onsite_arrival',
      'default_repair/contractor_contact',
      'default_repair/followup',
    ]);
  });

  it('a complaint by email gets the complaint milestones and the email reply', () => {
    expect(keys(profile({ kind: 'complaint', channel: 'email' })).sort()).toEqual([
      'default_complaint/department_daily_update',
      'default_complaint/department_feedback',
      'default_complaint/first_reply',
      'default_complaint/followup',
      'default_email/email_reply',
    ]);
  });

  it('an inquiry on WeChat gets the online first response', () => {
    expect(keys(profile({ kind: 'inquiry', channel: 'wechat' }))).toEqual([
      'default_online/online_first_response',
    ]);
  });
});

describe('a tenant overriding the defaults', () => {
  const policy = (id: string, match: object, minutes: number, priority = 0) =>
    PolicySchema.parse({
      id,
      name: id,
      priority,
      match,
      milestones: [
        {
          key: 'contractor_contact',
          startOn: ['case.dispatched'],
          stopOn: ['case.contacted'],
          target: { kind: 'duration', minutes },
        },
      ],
    });

  it('the most specific policy wins per milestone; the other default milestones stay', () => {
    const project = policy('pol_prj', { kinds: ['repair'], projectIds: ['prj_1'] }, 20);
    const milestones = resolveMilestones([...defaultPolicies, project], profile());
    expect(milestones.map((m) => `${m.policyId}/${m.key}`)).toEqual([
      'pol_prj/contractor_contact',
      'default_repair/followup',
    ]);
    expect(
      resolveMilestones([...defaultPolicies, project], profile({ projectId: 'prj_2' }))[0]?.policyId,
    ).toBe('default_repair');
  });

  it('more criteria beat priority, priority beats which criteria, a category covers its subcategories', () => {
    const category = policy('pol_cat', { kinds: ['repair'], categories: ['plumbing'] }, 15);
    const urgent = policy('pol_urg', { kinds: ['repair'], urgencies: ['normal'] }, 25, 5);
    const three = policy('pol_3', { kinds: ['repair'], urgencies: ['normal'], channels: ['hotline'] }, 45);
    const pick = (ps: ReturnType<typeof policy>[]) => resolveMilestones(ps, profile())[0]?.policyId;
    expect(pick([category, urgent])).toBe('pol_urg');
    expect(pick([category, policy('pol_urg0', { kinds: ['repair'], urgencies: ['normal'] }, 25)])).toBe(
      'pol_cat',
    );
    expect(pick([category, urgent, three])).toBe('pol_3');
    expect(specificity(three)).toEqual([3, 0, 7]);
  });

  it('a disabled policy does not apply', () => {
    const off = { ...policy('pol_off', { projectIds: ['prj_1'] }, 5), enabled: false };
    expect(resolveMilestones([off], profile())).toEqual([]);
  });

  it('a milestone relative to one that is itself relative, or a duplicate key, is rejected with its path', () => {
    const base = { startOn: ['case.created'], stopOn: ['case.replied'] };
    const result = PolicySchema.safeParse({
      id: 'p',
      name: 'p',
      milestones: [
        { ...base, key: 'a', target: { kind: 'duration', minutes: 60 } },
        { ...base, key: 'b', target: { kind: 'relative', to: 'a', offsetMinutes: -10 } },
        { ...base, key: 'c', target: { kind: 'relative', to: 'b', offsetMinutes: -10 } },
        { ...base, key: 'a', target: { kind: 'duration', minutes: 5 } },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['milestones.2.target.to', 'b is itself relative; anchor to a fixed milestone'],
      ['milestones.3.key', 'duplicate milestone a'],
    ]);
  });

  it('a reminder milestone falls due instead of breaching and escalates nobody', () => {
    const reminder = PolicySchema.parse({
      id: 'pol_call',
      name: 'call back',
      milestones: [
        {
          key: 'callback',
          type: 'reminder',
          startOn: ['case.completed'],
          stopOn: ['followup.completed'],
          target: { kind: 'duration', minutes: 60 },
          calendar: 'round_the_clock',
        },
      ],
    });
    const d = evaluateClock({
      facts: {
        caseId: 'case_9',
        status: 'completed',
        events: [{ name: 'case.completed', at: sh('2026-11-19 10:00') }],
        statusSpans: [],
      },
      milestones: resolveMilestones([reminder], profile()),
      calendar: shanghaiOffice,
      now: sh('2026-11-19 11:00'),
    });
    expect(d.actions).toMatchObject([{ key: 'case_9:callback:due:0', kind: 'due', escalate: false }]);
    // Due, not missed: the view keeps it open and unbreached.
    expect(d.milestones[0]).toMatchObject({ status: 'running', breachedAt: null });
  });
});
