import { AppError, type Reach } from '@guanjia/core';
import * as apiKeys from '../../data/api-keys';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { checkGrant, type GrantInput } from '../../data/staff-grants';

/* Integrator API keys: the api-keys area's use cases (every one needs `api_keys.manage`). */

export function listApiKeys(scope: TenantScope, reach: Reach, page: PageRequest) {
  return apiKeys.listApiKeys(scope, reach, page);
}

export function getApiKey(scope: TenantScope, reach: Reach, id: string) {
  return apiKeys.getApiKey(scope, reach, id);
}

/**
 * A new key with grants the caller may give (the same rules as a person's role assignments)
 * and an expiry in the future; answers the record and the key (shown once).
 */
export async function issueApiKey(
  scope: TenantScope,
  reach: Reach,
  input: { name: string; grants: GrantInput[]; expiresAt?: string | null },
) {
  const grants = [];
  for (const [i, grant] of input.grants.entries()) {
    grants.push(await checkGrant(scope, reach, grant, `grants.${i}`));
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= scope.now) {
    throw new AppError('validation_failed', 'expiresAt must be in the future', {
      issues: [{ path: 'expiresAt', message: 'Must be in the future' }],
    });
  }
  return apiKeys.createApiKey(scope, { name: input.name, grants, expiresAt });
}

export async function revokeApiKey(scope: TenantScope, reach: Reach, id: string) {
  return apiKeys.revokeApiKey(scope, await apiKeys.getApiKey(scope, reach, id));
}
