import { roles } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../support/demo';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';

const tables = [
  'branches',
  'projects',
  'buildings',
  'units',
  'owners',
  'owner_units',
  'departments',
  'contractors',
  'staff_users',
  'role_assignments',
] as const;

async function counts() {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await (await shardOf(demo.tenantId))
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
      .bind(demo.tenantId)
      .first<{ n: number }>();
    out[table] = row?.n ?? 0;
  }
  return out;
}

describe('the demo group', () => {
  it('has 2 branches, 5 projects with buildings, units and owners, 2 contractors and a login for every role; seeding again adds nothing', async () => {
    const first = await seedDemo();
    const after = await counts();
    expect(after).toMatchObject({ branches: 2, projects: 5, contractors: 2 });
    for (const table of ['buildings', 'units', 'owners', 'owner_units', 'departments'] as const) {
      expect(after[table]).toBeGreaterThan(5);
    }
    const staffRoles = new Set(first.logins.map((l) => l.role));
    // Every staff role has a demo login (the integrator is an API key, not a person).
    expect([...staffRoles].sort()).toEqual(roles.filter((r) => r !== 'integrator').sort());

    const again = await seedDemo();
    expect(await counts()).toEqual(after);
    expect(again.logins).toEqual(first.logins);
  });
});
