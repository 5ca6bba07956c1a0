import { describe, expect, it } from 'vitest';
import { planHotlineAudit } from '../audits/audits-support';
import { act, fx, hotlineRepair, intake } from '../cases/support';
import type { Client } from '../support/api';
import { demoAs, newStaff } from '../support/staff';
import { collectionOf, loadOperations, type Operation } from './openapi';

/*
 * Inside one tenant: staff outside a record's scope must not be able to tell it from a record
 * that does not exist. Generated from the OpenAPI document, so a new route is covered the day
 * it appears: every secured route that takes an id is called with a record the caller may not
 * reach and with a made-up id of the same kind; both answers must be the same refusal.
 */

const madeUp = (id: string) => `${id.slice(0, id.indexOf('_') + 1)}${'7'.repeat(26)}`;

function callRoute(who: Client, op: Operation, path: string) {
  if (op.method === 'get') return who.get(path);
  if (op.method === 'delete') return who.delete(path);
  if (op.method === 'patch') return who.patch(path, {});
  if (op.method === 'put') return who.put(path, {});
  return who.post(path, {});
}

const fill = (path: string, id: string) => {
  let first = true;
  return path.replace(/\{[^}]+\}/g, () => {
    const value = first ? id : 'x_00000000000000000000000000';
    first = false;
    return value;
  });
};

/** The first record of each collection that `admin` lists and `intruder` does not. */
async function outOfReach(admin: Client, intruder: Client, collections: string[]) {
  const victims = new Map<string, { id: string; values: string[] }>();
  for (const collection of collections) {
    const all = await admin.get(`${collection}?limit=200`);
    if (all.status !== 200 || !Array.isArray(all.body?.data)) continue;
    const mine = await intruder.get(`${collection}?limit=200`);
    const visible = new Set<string>(
      mine.status === 200 ? (mine.body.data as { id: string }[]).map((r) => r.id) : [],
    );
    const record = (all.body.data as Record<string, unknown>[]).find(
      (r) => typeof r.id === 'string' && !visible.has(r.id),
    );
    if (!record) continue;
    victims.set(collection, {
      id: record.id as string,
      values: Object.entries(record)
        .filter(([key, value]) => key !== 'id' && !key.endsWith('Id') && typeof value === 'string')
        .filter(([key]) => !['createdAt', 'updatedAt', 'status', 'kind', 'channel', 'urgency'].includes(key))
        .map(([, value]) => value as string)
        .filter((value) => value.length >= 4),
    });
  }
  return victims;
}

async function probe(intruder: Client, victims: Map<string, { id: string; values: string[] }>) {
  const { operations } = await loadOperations();
  const tried: string[] = [];
  for (const op of operations.filter((o) => o.secured && o.path.includes('{'))) {
    const victim = victims.get(collectionOf(op.path)!);
    if (!victim) continue;
    const label = `${op.method.toUpperCase()} ${op.path}`;
    const real = await callRoute(intruder, op, fill(op.path, victim.id));
    const fake = await callRoute(intruder, op, fill(op.path, madeUp(victim.id)));
    expect(real.status, `${label} on a record out of reach`).toBeGreaterThanOrEqual(400);
    expect(real.status, `${label} told an existing record from a made-up one`).toBe(fake.status);
    expect(real.body?.code, `${label} error code`).toBe(fake.body?.code);
    const text = JSON.stringify(real.body ?? '');
    for (const value of victim.values) expect(text, `${label} leaked ${value}`).not.toContain(value);
    tried.push(`${label} ${real.status}`);
  }
  return tried;
}

async function collections() {
  const { operations } = await loadOperations();
  return [
    ...new Set(operations.filter((o) => o.secured && o.path.includes('{')).map((o) => collectionOf(o.path)!)),
  ];
}

describe('staff outside a record’s scope, on every route that takes an id', () => {
  it('a Ningbo front desk cannot reach or detect Hangzhou records', async () => {
    const admin = await demoAs('tenant_admin');
    const hotline = await demoAs('hotline_agent');
    await intake(hotline, hotlineRepair({ description: '西溪花园 1-101 厨房漏水' }));
    await planHotlineAudit(fx.xixi);
    const intruder = await demoAs('front_desk.nb');
    const victims = await outOfReach(admin, intruder, await collections());
    expect(victims.has('/v1/cases')).toBe(true);
    const tried = await probe(intruder, victims);
    expect(tried.length).toBeGreaterThan(20);
  });

  it('a contractor cannot reach or detect another contractor’s job', async () => {
    const hotline = await demoAs('hotline_agent');
    const job = await intake(hotline, hotlineRepair({ description: '西溪花园 1-102 电路跳闸' }));
    await act(hotline, job.id, { type: 'dispatch', contractorId: fx.contractor2 });
    const contractor = await demoAs('contractor_staff');
    const cases = await contractor.get('/v1/cases?limit=200');
    expect(cases.status).toBe(200);
    expect(cases.body.data.map((c: { id: string }) => c.id)).not.toContain(job.id);
    const tried = await probe(
      contractor,
      new Map([['/v1/cases', { id: job.id, values: ['西溪花园 1-102 电路跳闸'] }]]),
    );
    expect(tried.length).toBeGreaterThan(3);
  });

  it('a mystery shopper cannot reach or detect an audit assigned to another auditor', async () => {
    const admin = await demoAs('tenant_admin');
    const other = await newStaff(admin, [{ role: 'mystery_shopper', scopeType: 'group', scopeId: null }]);
    const { auditId } = await planHotlineAudit(fx.xixi, other.id);
    const shopper = await demoAs('mystery_shopper');
    const tried = await probe(shopper, new Map([['/v1/audits', { id: auditId, values: [] }]]));
    expect(tried.length).toBeGreaterThan(2);
  });
});
