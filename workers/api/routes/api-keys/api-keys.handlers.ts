import { getApiKey, issueApiKey, listApiKeys, revokeApiKey } from '../../../app/api-keys';
import type { ApiKeyRecord } from '../../../data/api-keys';
import { requireReach } from '../../../data/reach';
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
    const { record, key } = await issueApiKey(scope, reach, c.req.valid('json'));
    c.header('Location', `/v1/api-keys/${record.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...apiKeyOut(record, scope.now), key }, 201);
  })
  .openapi(revokeApiKeyRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'api_keys.manage');
    const row = await revokeApiKey(scope, reach, c.req.valid('param').id);
    return c.json(apiKeyOut(row, scope.now), 200);
  });
