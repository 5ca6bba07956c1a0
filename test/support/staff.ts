import { localDate } from '@guanjia/core';
import { demoId } from '../../workers/seed/demo-data';
import type { Client } from './api';
import { loginDemo, seedDemo } from './demo';
import { login } from './tenants';

/** Fixed ids of the demo group (see workers/seed/demo-data.ts). */
export const demo = {
  tenantId: demoId('ten', 1),
  hangzhou: demoId('br', 1),
  ningbo: demoId('br', 2),
  /** 西溪花园, 钱江府, 滨江悦城 (Hangzhou); 东湖湾, 三江名邸 (Ningbo). */
  xixi: demoId('prj', 1),
  qianjiang: demoId('prj', 2),
  binjiang: demoId('prj', 3),
  donghu: demoId('prj', 4),
  sanjiang: demoId('prj', 5),
  staff: (n: number) => demoId('stf', n),
  admin: demoId('stf', 1),
  frontDesk: demoId('stf', 8),
  hr: demoId('stf', 12),
  frontDeskNingbo: demoId('stf', 17),
  gmNingbo: demoId('stf', 18),
};

let seeded: Promise<unknown> | undefined;
const sessions = new Map<string, Promise<Client>>();

/**
 * Seeds the demo group once per test file and logs each demo role in once:
 * logins are rate limited per identity, and every test of a file shares the database.
 */
export async function demoAs(who: string): Promise<Client> {
  seeded ??= seedDemo();
  await seeded;
  let session = sessions.get(who);
  if (!session) {
    session = loginDemo(who);
    sessions.set(who, session);
  }
  return session;
}

let counter = 0;
/** A login nobody else uses in this run. */
export function uniqueEmail(label = 'staff'): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.test`;
}

/** The tenant's local date (Asia/Shanghai) `days` from today. */
export function localDay(days = 0): string {
  return localDate(new Date(Date.now() + days * 86_400_000), 'Asia/Shanghai');
}

export const staffPassword = 'long enough password';

/** Creates a staff member through the API (as `by`) and logs them in. */
export async function newStaff(
  by: Client,
  roles: { role: string; scopeType: string; scopeId?: string | null }[],
  extra: Record<string, unknown> = {},
) {
  const email = uniqueEmail();
  const res = await by.post('/v1/staff', { name: '新员工', email, password: staffPassword, roles, ...extra });
  if (res.status !== 201) throw new Error(`staff not created: ${JSON.stringify(res.body)}`);
  return {
    id: res.body.id as string,
    email,
    body: res.body,
    login: (tenant = 'demo') => login(tenant, email, staffPassword),
  };
}
