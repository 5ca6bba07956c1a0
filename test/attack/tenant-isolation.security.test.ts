import { describe, expect, it } from 'vitest';
import { loginDemo, seedDemo } from '../support/demo';
import { newTenant } from '../support/tenants';
import { collectionOf, loadOperations } from './openapi';

describe('every route that takes an id, called with another tenant’s ids', () => {
  it('answers 404 (or a 400 about the body) and never shows the other tenant’s data', async () => {
    await seedDemo();
    const demoAdmin = await loginDemo('tenant_admin');
    const intruder = (await newTenant('Intruder Group')).admin;
    const { operations } = await loadOperations();
    const withIds = operations.filter((op) => op.secured && op.path.includes('{'));
    expect(withIds.length).toBeGreaterThan(5);

    const idsByCollection = new Map<string, string | undefined>();
    const secretsById = new Map<string, string[]>();
    const tried: string[] = [];
    for (const op of withIds) {
      const collection = collectionOf(op.path)!;
      if (!idsByCollection.has(collection)) {
        const list = await demoAdmin.get(`${collection}?limit=1`);
        const record = list.status === 200 ? list.body?.data?.[0] : undefined;
        idsByCollection.set(collection, record?.id);
        // What must not leak: the record's own values (names, phones...), not the id the caller sent.
        if (record) {
          secretsById.set(
            record.id,
            Object.entries(record)
              .filter(
                ([key, value]) =>
                  key !== 'id' && !key.endsWith('Id') && typeof value === 'string' && value.length >= 2,
              )
              .filter(([key]) => !['createdAt', 'updatedAt', 'status', 'kind'].includes(key))
              .map(([, value]) => value as string),
          );
        }
      }
      const victimId = idsByCollection.get(collection);
      if (!victimId) continue;
      // Only the first parameter is the victim's id; any further one is made up.
      let first = true;
      const path = op.path.replace(/\{[^}]+\}/g, () => {
        const value = first ? victimId : 'x_00000000000000000000000000';
        first = false;
        return value;
      });
      const res =
        op.method === 'get'
          ? await intruder.get(path)
          : op.method === 'delete'
            ? await intruder.delete(path)
            : op.method === 'patch'
              ? await intruder.patch(path, {})
              : await intruder.post(path, {});
      tried.push(`${op.method.toUpperCase()} ${op.path}`);
      expect([400, 404], `${op.method.toUpperCase()} ${op.path} answered ${res.status}`).toContain(
        res.status,
      );
      const text = JSON.stringify(res.body ?? '');
      for (const secret of secretsById.get(victimId) ?? []) {
        expect(text, `${op.method.toUpperCase()} ${op.path} leaked ${secret}`).not.toContain(secret);
      }
      // The victim's record is still there for its owner.
      if (op.method === 'get') {
        expect((await demoAdmin.get(path)).status, `owner lost ${op.path}`).toBeLessThan(500);
      }
    }
    expect(tried.length).toBeGreaterThan(5);
  });
});
