import { describe, expect, it } from 'vitest';
import { type Ladder, nextEscalation, whoIsOn } from '../../src/sla/index';

const ladder: Ladder = {
  tenant: {
    supervisor: ['usr_sup_hq'],
    project_manager: ['usr_pm_default'],
    branch_cs_manager: ['usr_bcs_hq'],
    branch_gm: ['usr_gm_hq'],
    head_office_centre: ['usr_centre'],
  },
  branch: { branch_cs_manager: ['usr_bcs_hz'], branch_gm: ['usr_gm_hz'] },
  project: { supervisor: ['usr_sup_a', 'usr_sup_b'], project_manager: [] },
};

describe('moving a case up the escalation ladder', () => {
  it('a breach at the agent reaches the project’s own supervisors before anyone else', () => {
    expect(nextEscalation({ ladder, current: 'agent', trigger: 'breach' })).toEqual({
      rung: 'supervisor',
      staffIds: ['usr_sup_a', 'usr_sup_b'],
      source: 'project',
    });
  });

  it('a project that leaves a rung empty falls back to the branch, then the tenant', () => {
    expect(nextEscalation({ ladder, current: 'supervisor', trigger: 'breach' })).toEqual({
      rung: 'project_manager',
      staffIds: ['usr_pm_default'],
      source: 'tenant',
    });
    expect(nextEscalation({ ladder, current: 'project_manager', trigger: 'breach' })).toMatchObject({
      rung: 'branch_cs_manager',
      source: 'branch',
    });
  });

  it('a rung nobody sits on is skipped so the escalation always reaches a person', () => {
    const sparse: Ladder = { tenant: { branch_gm: ['usr_gm'] } };
    expect(nextEscalation({ ladder: sparse, current: 'agent', trigger: 'breach' })?.rung).toBe('branch_gm');
  });

  it('a near-breach alerts the supervisor but climbs no further on its own', () => {
    expect(nextEscalation({ ladder, current: 'agent', trigger: 'near_breach' })?.rung).toBe('supervisor');
    expect(nextEscalation({ ladder, current: 'supervisor', trigger: 'near_breach' })).toBeNull();
    expect(
      nextEscalation({
        ladder,
        current: 'supervisor',
        trigger: 'near_breach',
        nearBreachCeiling: 'project_manager',
      })?.rung,
    ).toBe('project_manager');
  });

  it('the branch general manager is the top, unless the incident is group-wide and goes to head office', () => {
    expect(nextEscalation({ ladder, current: 'branch_gm', trigger: 'breach' })).toBeNull();
    expect(nextEscalation({ ladder, current: 'branch_gm', trigger: 'breach', groupWide: true })).toEqual({
      rung: 'head_office_centre',
      staffIds: ['usr_centre'],
      source: 'tenant',
    });
  });

  it('who sits on a rung can be asked directly, and an unstaffed rung answers null', () => {
    expect(whoIsOn(ladder, 'branch_gm')).toEqual({ staffIds: ['usr_gm_hz'], source: 'branch' });
    expect(whoIsOn({ tenant: {} }, 'supervisor')).toBeNull();
  });
});
