import { AppError, type Permission, type Reach, reachOf } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import type { StarReach } from '../../data/star-nominations';

export type { StarReach };

export function reachOr(scope: TenantScope, permission: Permission): Reach {
  return reachOf(scope.grants, permission);
}

/** The union of several reaches (tenant wins; `some` sets merge). */
export function unionReach(reaches: Reach[]): Reach {
  if (reaches.some((r) => r.kind === 'tenant')) return { kind: 'tenant' };
  const branchIds = new Set<string>();
  const projectIds = new Set<string>();
  for (const r of reaches) {
    if (r.kind !== 'some') continue;
    for (const id of r.branchIds) branchIds.add(id);
    for (const id of r.projectIds) projectIds.add(id);
  }
  if (branchIds.size === 0 && projectIds.size === 0) return { kind: 'none' };
  return { kind: 'some', branchIds, projectIds };
}

/** Anyone who nominates, submits or reviews reaches the star programme; others get 403. */
export function starReach(scope: TenantScope): StarReach {
  const reach = {
    nominate: reachOr(scope, 'star.nominate'),
    submit: reachOr(scope, 'star.submit'),
    review: reachOr(scope, 'star.review'),
  };
  if (reach.nominate.kind === 'none' && reach.submit.kind === 'none' && reach.review.kind === 'none') {
    throw new AppError('forbidden', 'Missing permission star.nominate, star.submit or star.review');
  }
  return reach;
}

/** Branches the caller reaches through any star permission (cycles, winners, leaderboard). */
export function anyStarReach(scope: TenantScope): Reach {
  const star = starReach(scope);
  return unionReach([star.nominate, star.submit, star.review]);
}

/** The roles the caller holds over a branch: a branch grant on it, or a group grant. */
export function rolesOverBranch(scope: TenantScope, branchId: string): Set<string> {
  const held = new Set<string>();
  for (const grant of scope.grants) {
    if (grant.scopeType === 'group' || (grant.scopeType === 'branch' && grant.scopeId === branchId)) {
      held.add(grant.role);
    }
  }
  return held;
}
