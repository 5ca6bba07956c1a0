import { describe, expect, it } from 'vitest';
import { effectiveGrants, reaches, reachOf } from '../../src/access/scope';

describe('reach of a permission', () => {
  it('a group-scoped hotline agent reaches every project of the tenant', () => {
    const reach = reachOf([{ role: 'hotline_agent', scopeType: 'group', scopeId: null }], 'cases.create');
    expect(reach.kind).toBe('tenant');
  });

  it('a branch manager reaches every project of the branch and nothing else', () => {
    const reach = reachOf(
      [{ role: 'branch_cs_manager', scopeType: 'branch', scopeId: 'br_hz' }],
      'cases.read',
    );
    expect(reaches(reach, { branchId: 'br_hz', projectId: 'prj_1' })).toBe(true);
    expect(reaches(reach, { branchId: 'br_nb', projectId: 'prj_9' })).toBe(false);
  });

  it('a role without the permission reaches nothing', () => {
    expect(reachOf([{ role: 'mystery_shopper', scopeType: 'group', scopeId: null }], 'cases.read').kind).toBe(
      'none',
    );
  });

  it('a loan adds its project only while today is within its dates', () => {
    const loan = {
      role: 'front_desk' as const,
      projectId: 'prj_b',
      startsOn: '2026-11-20',
      endsOn: '2026-11-25',
    };
    const standing = [{ role: 'front_desk' as const, scopeType: 'project' as const, scopeId: 'prj_a' }];
    expect(effectiveGrants(standing, [loan], '2026-11-22')).toHaveLength(2);
    expect(effectiveGrants(standing, [loan], '2026-11-26')).toHaveLength(1);
    expect(effectiveGrants(standing, [loan], '2026-11-19')).toHaveLength(1);
  });
});
