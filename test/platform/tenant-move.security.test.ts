import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { newTenant } from '../support/tenants';
import { directoryEntry, move, rowsOn, tenantWithCase } from './move-support';

describe('moving a tenant: only the platform operator may', () => {
  it('no token, a wrong secret, a tenant admin token or an API key: 401, and nothing moves', async () => {
    const t = await tenantWithCase('DB');
    const key = await t.admin.post('/v1/api-keys', {
      name: '停车系统',
      grants: [{ role: 'integrator', scopeType: 'project', scopeId: t.estate.projectId }],
    });
    expect(key.status).toBe(201);
    const other = await newTenant('Other Group', { shard: 'DB2' });
    const tokens = [
      undefined,
      'not-the-secret',
      t.admin.token,
      other.admin.token,
      key.body.key as string | undefined,
    ];
    for (const token of tokens) {
      const res =
        token === undefined
          ? await call('POST', `/platform/tenants/${t.tenantId}/move`, { body: { shard: 'DB2' } })
          : await move(t.tenantId, { shard: 'DB2' }, token);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    expect(await directoryEntry(t.tenantId)).toEqual({ shard: 'DB', movingTo: null });
    expect(await rowsOn('DB2', t.tenantId)).toEqual({});
  });

  it('a tenant cannot reach the move under /v1 either (no such route: 404)', async () => {
    const t = await tenantWithCase('DB2');
    const res = await t.admin.post(`/v1/tenants/${t.tenantId}/move`, { shard: 'DB' });
    expect(res.status).toBe(404);
    expect(await directoryEntry(t.tenantId)).toEqual({ shard: 'DB2', movingTo: null });
  });
});
