import { describe, expect, it } from 'vitest';
import type { Client } from '../support/api';
import { demo, demoAs } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';
import { loadOperations } from './openapi';

/*
 * A place filter is no way round reach: every secured list or report that takes `projectId` or
 * `branchId` in its query, asked for a place the caller may not see (another branch of the
 * tenant, or another tenant's), answers exactly as for a place that does not exist and shows
 * nothing of it. Generated from the OpenAPI document, so a new report is covered the day it
 * appears.
 */

const madeUp = (kind: string) => `${kind}_${'7'.repeat(26)}`;

async function probe(who: Client, param: 'projectId' | 'branchId', id: string, secrets: string[]) {
  const { operations } = await loadOperations();
  const tried: string[] = [];
  for (const op of operations) {
    if (op.method !== 'get' || !op.secured || op.path.includes('{') || !op.query.includes(param)) continue;
    const label = `GET ${op.path}?${param}=`;
    const real = await who.get(`${op.path}?${param}=${id}`);
    const fake = await who.get(`${op.path}?${param}=${madeUp(id.slice(0, id.indexOf('_')))}`);
    expect(real.status, `${label} answered ${real.status}`).toBeLessThan(500);
    expect(real.status, `${label}: out of reach told from made-up`).toBe(fake.status);
    expect(real.body?.code, `${label} error code`).toBe(fake.body?.code);
    const text = JSON.stringify(real.body ?? '');
    for (const secret of secrets) expect(text, `${label} leaked ${secret}`).not.toContain(secret);
    tried.push(`${op.path} ${real.status}`);
  }
  return tried;
}

describe('place filters never reach past the caller', () => {
  it('a Hangzhou branch GM asking for a Ningbo project or branch learns nothing of it', async () => {
    const gm = await demoAs('branch_gm');
    const projects = await probe(gm, 'projectId', demo.donghu, ['东湖湾']);
    const branches = await probe(gm, 'branchId', demo.ningbo, ['宁波分公司', '东湖湾', '三江名邸']);
    // Reports, lists, registers: the class, not one route.
    expect(projects.length, projects.join('\n')).toBeGreaterThanOrEqual(8);
    expect(branches.length, branches.join('\n')).toBeGreaterThanOrEqual(5);
  });

  it("the group's own admin asking for another tenant's project or branch gets what a made-up id gets", async () => {
    const other = await newTenant('Filters B');
    const estate = await newEstate(other.admin, '别家滨湖苑');
    await other.admin.post('/v1/cases', {
      kind: 'inquiry',
      channel: 'hotline',
      projectId: estate.projectId,
      description: '别家的咨询',
      category: 'property_fees',
      contact: { name: '周先生', phone: '13900005555' },
    });
    const admin = await demoAs('tenant_admin');
    const secrets = ['Project 别家滨湖苑', 'Branch 别家滨湖苑'];
    expect((await probe(admin, 'projectId', estate.projectId, secrets)).length).toBeGreaterThanOrEqual(8);
    expect((await probe(admin, 'branchId', estate.branchId, secrets)).length).toBeGreaterThanOrEqual(5);
    // Nor does it appear in any of them unfiltered.
    const { operations } = await loadOperations();
    for (const op of operations) {
      if (op.method !== 'get' || !op.secured || op.path.includes('{') || !op.query.includes('projectId'))
        continue;
      const all = await admin.get(op.path);
      const text = JSON.stringify(all.body ?? '');
      for (const secret of [...secrets, estate.projectId, estate.branchId])
        expect(text, `GET ${op.path} leaked ${secret}`).not.toContain(secret);
    }
  });
});
