import { AppError, type Reach, sha256Hex, tenantIdOfSecret } from '@guanjia/core';
import * as apiKeys from '../../data/api-keys';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { checkGrant, type GrantInput } from '../../data/staff-grants';
import { findTenant } from '../../data/tenants';
import type { Env, Principal } from '../../env';

/* Integrator API keys: the api-keys area's use cases (every one needs `api_keys.manage`). */

export const apiKeyPrefix = apiKeys.apiKeyPrefix;

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

/**
 * The principal of an integrator API key (`gjk_<tenant>_…`): the live, unexpired key of its
 * tenant with that hash, or `invalid_token`. Its last use is recorded after the answer
 * (`waitUntil`).
 */
export async function principalOfApiKey(
  env: Env,
  key: string,
  now: Date,
  waitUntil: (work: Promise<unknown>) => void,
): Promise<Principal> {
  const tenantId = tenantIdOfSecret(apiKeys.apiKeyPrefix, key);
  const tenant = tenantId ? await findTenant(env, tenantId) : undefined;
  if (!tenant) throw new AppError('invalid_token');
  const row = await apiKeys.findLiveApiKey(env, tenant, await sha256Hex(key));
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw new AppError('invalid_token');
  waitUntil(apiKeys.touchApiKey(env, tenant, row.id, now));
  return {
    tenantId: row.tenantId,
    actorType: 'api_key',
    actorId: row.id,
    grants: row.grants,
    contractorId: null,
  };
}
