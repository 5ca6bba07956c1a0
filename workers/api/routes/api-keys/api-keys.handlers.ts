import { AppError } from '@guanjia/core';
import {
  type ApiKeyRecord,
  createApiKey,
  getApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../../data/api-keys';
import { requireReach } from '../../../data/reach';
import { checkGrant } from '../../../data/staff-grants';
import { createRouter } from '../../app';
import { decodeCursor, toPage } from '../../lib/pagination';
import { createApiKeyRoute, getApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-keys.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const apiKeyOut = (k: ApiKeyRecord, now: Date) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  grants: k.grants,
  status: k.revokedAt
    ? ('revoked' as const)
    : k.expiresAt && k.expiresAt <= now
      ? ('expired' as const)
      : ('active' as const),
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  expiresAt: iso(k.expiresAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

/** Integrator API keys; every route needs `api_keys.manage`. */
export const apiKeysRouter = createRouter()
  .openapi(listApiKeysRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'api_keys.manage');
    const { cursor, limit } = c.req.valid('query');
    const page = toPage(await listApiKeys(scope, reach, { after: decodeCursor(cursor), limit }), limit);
    return c.json({ data: page.data.map((k) => apiKeyOut(k, scope.now)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getApiKeyRoute, async (c) => {
    const scope = c.get('scope');
    const key = await getApiKey(scope, requireReach(scope, 'api_keys.manage'), c.req.valid('param').id);
    return c.json(apiKeyOut(key, scope.now), 200);
  })
  .openapi(createApiKeyRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'api_keys.manage');
    const input = c.req.valid('json');
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
    const { record, key } = await createApiKey(scope, { name: input.name, grants, expiresAt });
    c.header('Location', `/v1/api-keys/${record.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...apiKeyOut(record, scope.now), key }, 201);
  })
  .openapi(revokeApiKeyRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'api_keys.manage');
    const before = await getApiKey(scope, reach, c.req.valid('param').id);
    return c.json(apiKeyOut(await revokeApiKey(scope, before), scope.now), 200);
  });
