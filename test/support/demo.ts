import { call, platformSecret } from './api';
import { login } from './tenants';

export const demoPassword = 'Guanjia@2026';

/** Seeds the demo group (idempotent) and logs in as `<role>@demo.guanjia.dev`. */
export async function seedDemo() {
  const res = await call('POST', '/platform/demo-seed', { token: platformSecret });
  if (res.status !== 200) throw new Error(`demo seed failed: ${JSON.stringify(res.body)}`);
  return res.body as { tenantId: string; slug: string; logins: { role: string; login: string }[] };
}

export function loginDemo(who: string) {
  return login('demo', `${who}@demo.guanjia.dev`, demoPassword);
}
