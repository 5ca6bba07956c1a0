import { env } from 'cloudflare:test';
import { vi } from 'vitest';
import { signAccessToken } from '../../workers/auth/tokens';
import { demoLogin, demoStaff, demoTenant } from '../../workers/seed/demo-data';
import { type Client, client } from '../support/api';
import { seedDemo } from '../support/demo';
import { shardOf } from '../support/shards';

/**
 * Time under test control: `Date` (and so the Worker's `scope.now`) reads the instant set here;
 * timers stay real. Tokens are signed at that instant for a demo login, so they verify under it
 * without logging in again (logins are rate limited per identity).
 */
export function setNow(at: string | Date) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
}

export function realTime() {
  vi.useRealTimers();
}

let seeded: Promise<unknown> | undefined;

/** Seeds the demo once per file (under the real clock). */
export async function demoReady() {
  seeded ??= seedDemo();
  await seeded;
}

/** A demo login (e.g. `branch_gm.nb`) holding a token signed at the current (possibly fake) time. */
export async function demoAt(who: string): Promise<Client> {
  const staff = demoStaff.find((s) => demoLogin(s) === `${who}@demo.guanjia.dev`);
  if (!staff) throw new Error(`no demo login ${who}`);
  const token = await signAccessToken(
    env,
    {
      tenantId: demoTenant.id,
      userId: staffId(staff.n),
      grants: [{ role: staff.role, scopeType: staff.scopeType, scopeId: staff.scopeId }],
      contractorId: staff.contractorId ?? null,
    },
    new Date(),
  );
  return client(token);
}

/** A token for any staff member of a tenant, signed at the current (possibly fake) time. */
export async function tokenFor(
  userId: string,
  grants: { role: string; scopeType: string; scopeId: string | null }[],
  tenantId: string = demoTenant.id,
): Promise<Client> {
  const token = await signAccessToken(
    env,
    { tenantId, userId, grants: grants as never, contractorId: null },
    new Date(),
  );
  return client(token);
}

/** Sets a tenant setting section (e.g. `star`) directly in the directory row. */
export async function setTenantSettings(tenantId: string, settings: Record<string, unknown>) {
  await (await shardOf(tenantId))
    .prepare('UPDATE tenants SET settings = ? WHERE id = ?')
    .bind(JSON.stringify(settings), tenantId)
    .run();
}

export const staffId = (n: number) => `stf_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
