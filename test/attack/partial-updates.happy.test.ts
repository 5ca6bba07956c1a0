import { describe, expect, it } from 'vitest';
import type { Client } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';
import { loadOperations } from './openapi';
import { type PatchContext, type PatchFixture, patchFixtures, policyBody } from './partial-updates.fixtures';

/** What a write always moves, whatever it changed. */
const bookkeeping = new Set(['updatedAt', 'version']);

async function read(admin: Client, path: string, listedIn?: string) {
  const res = await admin.get(listedIn ? `${listedIn}?limit=200` : path);
  expect(res.status, `GET ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  if (!listedIn) return res.body as Record<string, unknown>;
  const id = path.split('/').pop();
  const row = res.body.data.find((r: { id: string }) => r.id === id);
  expect(row, `${path} in ${listedIn}`).toBeDefined();
  return row as Record<string, unknown>;
}

async function context(): Promise<PatchContext> {
  const { admin } = await newTenant();
  return { admin, estate: await newEstate(admin) };
}

describe('a PATCH changes only what it sends', () => {
  it('every PATCH route of the OpenAPI document has a fixture here, and no fixture is stale', async () => {
    const { operations } = await loadOperations();
    const patchOps = operations.filter((op) => op.method === 'patch').map((op) => op.operationId);
    expect(patchOps.length).toBeGreaterThan(10);
    expect(
      patchOps.filter((id) => !patchFixtures[id]),
      'PATCH routes without a fixture in partial-updates.fixtures.ts',
    ).toEqual([]);
    expect(Object.keys(patchFixtures).filter((id) => !patchOps.includes(id))).toEqual([]);
  });

  it('on every PATCH route: read, patch one field, read again; every other field reads as before', async () => {
    const ctx = await context();
    const { operations } = await loadOperations();
    for (const op of operations.filter((o) => o.method === 'patch')) {
      const fixture = patchFixtures[op.operationId];
      if (!fixture) continue; // the test above names it
      const path = await fixture.setup(ctx);
      for (const patch of fixture.patches(ctx)) {
        const before = await read(ctx.admin, path, fixture.listedIn);
        const res = await ctx.admin.patch(path, patch);
        expect(res.status, `${op.operationId} ${JSON.stringify(patch)}: ${JSON.stringify(res.body)}`).toBe(
          200,
        );
        const after = await read(ctx.admin, path, fixture.listedIn);
        for (const [field, value] of Object.entries(patch)) {
          expect(after[field], `${op.operationId}: the patched ${field}`).toEqual(value);
        }
        const unchanged = (body: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(body).filter(([k]) => !bookkeeping.has(k) && !(k in patch)));
        expect(unchanged(after), `${op.operationId} ${JSON.stringify(patch)} changed other fields`).toEqual(
          unchanged(before),
        );
        expect(unchanged(res.body), `${op.operationId}: the PATCH answer is what a GET reads`).toEqual(
          unchanged(after),
        );
      }
    }
  });
});

describe('the partial updates the issue saw go wrong', () => {
  it('turning an SLA policy off keeps its priority and match', async () => {
    const { admin, estate } = await context();
    const policy = await admin.post('/v1/sla/policies', policyBody(estate.projectId));
    expect(policy.status).toBe(201);
    const off = await admin.patch(`/v1/sla/policies/${policy.body.id}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({
      enabled: false,
      priority: 7,
      match: { kinds: ['repair'], projectIds: [estate.projectId] },
    });
  });

  it('renaming a disabled SLA policy leaves it disabled with its match', async () => {
    const { admin, estate } = await context();
    const policy = await admin.post('/v1/sla/policies', { ...policyBody(estate.projectId), enabled: false });
    const renamed = await admin.patch(`/v1/sla/policies/${policy.body.id}`, { name: '新名字' });
    expect(renamed.status).toBe(200);
    expect((await admin.get(`/v1/sla/policies/${policy.body.id}`)).body).toMatchObject({
      name: '新名字',
      enabled: false,
      priority: 7,
      match: { kinds: ['repair'], projectIds: [estate.projectId] },
    });
  });

  it('a new description on a disabled webhook leaves it disabled', async () => {
    const { admin } = await context();
    const webhook = patchFixtures.updateWebhook as PatchFixture;
    const path = await webhook.setup({ admin } as PatchContext);
    const res = await admin.patch(path, { description: '只改说明' });
    expect(res.status).toBe(200);
    expect((await admin.get(path)).body).toMatchObject({ description: '只改说明', enabled: false });
  });
});
