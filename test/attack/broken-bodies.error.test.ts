import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, platformSecret } from '../support/api';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { collectionOf, type JsonSchema, loadOperations, resolveRef } from './openapi';

const wrongValueFor = (schema: JsonSchema | undefined) => {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  switch (type) {
    case 'string':
      return fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string()),
        fc.string({ minLength: 5000, maxLength: 6000 }),
      );
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.string(),
        fc.double({ noNaN: false }),
        fc.constant(1e308),
        fc.constant(-1),
        fc.object(),
      );
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }));
    case 'boolean':
      return fc.oneof(fc.string(), fc.integer());
    default:
      return fc.anything();
  }
};

/** A body from the route's schema with one property broken, or an arbitrary value. */
function brokenBody(schema: JsonSchema | undefined) {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return fc.anything();
  return fc.oneof(
    fc.anything(),
    fc.constantFrom(...properties).chain(([name, prop]) =>
      wrongValueFor(prop).map((value) => ({
        ...Object.fromEntries(properties.map(([k]) => [k, 'x'])),
        [name]: value,
      })),
    ),
  );
}

const writes = async (tenantId: string) => {
  const row = await (await shardOf(tenantId))
    .prepare('SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?')
    .bind(tenantId)
    .first<{ n: number }>();
  return row?.n ?? 0;
};

describe('bodies generated from the route schemas, then broken', () => {
  it('answer 4xx, never 5xx, and write nothing', async () => {
    const { tenantId, admin } = await newTenant();
    await newEstate(admin);
    const { doc, operations } = await loadOperations();
    const targets = operations.filter((op) => op.hasJsonBody && op.path.startsWith('/v1/'));
    expect(targets.length).toBeGreaterThan(5);
    for (const op of targets) {
      let path = op.path;
      const collection = collectionOf(op.path);
      if (collection) {
        const id =
          (await admin.get(`${collection}?limit=1`)).body?.data?.[0]?.id ?? 'x_00000000000000000000000000';
        path = op.path.replace(/\{[^}]+\}/g, id);
      }
      const schema = resolveRef(doc, op.bodySchema);
      await fc.assert(
        fc.asyncProperty(brokenBody(schema), async (body) => {
          const before = await writes(tenantId);
          const res = await call(op.method.toUpperCase(), path, {
            token: op.secured ? admin.token : undefined,
            rawBody: JSON.stringify(body) ?? 'null',
            headers: {
              'content-type': 'application/json',
              'CF-Connecting-IP': `192.0.2.${Math.floor(Math.random() * 250)}`,
            },
          });
          expect(
            res.status,
            `${op.method.toUpperCase()} ${op.path} with ${JSON.stringify(body)?.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.status >= 400)
            expect(await writes(tenantId), `${op.operationId} wrote on ${res.status}`).toBe(before);
        }),
        { numRuns: 12, seed: 20261122 },
      );
    }
  });

  it('an unknown field is refused with a 400 naming it on every JSON route, and nothing is written', async () => {
    const { tenantId, admin } = await newTenant();
    const estate = await newEstate(admin);
    // A case to act on: the action route reaches its body only for a case in reach.
    const kase = await admin.post('/v1/cases', {
      kind: 'repair',
      channel: 'hotline',
      projectId: estate.projectId,
      unitId: estate.unitId,
      description: '卫生间水管漏水',
      category: 'plumbing',
      contact: { name: '王先生', phone: '13800001111' },
    });
    expect(kase.status, JSON.stringify(kase.body)).toBe(201);
    const { operations } = await loadOperations();
    const targets = operations.filter((op) => op.hasJsonBody);
    expect(targets.length).toBeGreaterThan(40);
    for (const op of targets) {
      let path = op.path;
      const collection = collectionOf(op.path);
      if (collection?.startsWith('/v1/')) {
        const id =
          (await admin.get(`${collection}?limit=1`)).body?.data?.[0]?.id ?? 'x_00000000000000000000000000';
        path = op.path.replace(/\{[^}]+\}/g, id);
      } else path = op.path.replace(/\{[^}]+\}/g, 'x_00000000000000000000000000');
      const before = await writes(tenantId);
      const res = await call(op.method.toUpperCase(), path, {
        token: op.path.startsWith('/platform/') ? platformSecret : op.secured ? admin.token : undefined,
        body: { zzUnknownField: 1 },
        headers: { 'CF-Connecting-IP': `198.51.100.${Math.floor(Math.random() * 250)}` },
      });
      const named = (res.body?.issues ?? []).filter(
        (i: { path: string; code?: string }) => i.path === 'zzUnknownField' && i.code === 'unrecognized_keys',
      );
      expect(res.status, `${op.method.toUpperCase()} ${op.path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(named, `${op.method.toUpperCase()} ${op.path} names the unknown field`).toHaveLength(1);
      expect(await writes(tenantId), `${op.operationId} wrote`).toBe(before);
    }
  });

  it('a body over the size limit answers 413 on every JSON route', async () => {
    const { admin } = await newTenant();
    const { operations } = await loadOperations();
    const huge = JSON.stringify({ name: 'x'.repeat(300_000) });
    for (const op of operations.filter((o) => o.hasJsonBody)) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x_00000000000000000000000000');
      const res = await call(op.method.toUpperCase(), path, {
        token: admin.token,
        rawBody: huge,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, `${op.method.toUpperCase()} ${op.path}`).toBe(413);
    }
  });
});
