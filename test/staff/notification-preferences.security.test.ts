import { describe, expect, it } from 'vitest';
import { as, fx } from '../cases/support';
import { newTenant } from '../support/tenants';

const body = { channels: ['sms'], quietHours: null, quietOnDaysOff: false, wechatOpenId: null };

describe('staff notification preferences, who may', () => {
  it("another tenant's staff member answers 404, to read and to set", async () => {
    const { admin } = await newTenant();
    const path = `/v1/staff/${fx.staff(5)}/notification-preferences`;
    expect((await admin.get(path)).status).toBe(404);
    expect((await admin.put(path, body)).status).toBe(404);
    // Nothing was written for the demo person.
    expect((await (await as('tenant_admin')).get(path)).body.version).toBe(0);
  });

  it("someone without staff.manage cannot read or set another's preferences", async () => {
    const agent = await as('hotline_agent');
    const path = `/v1/staff/${fx.staff(8)}/notification-preferences`;
    expect((await agent.get(path)).status).toBe(403);
    expect((await agent.put(path, body)).status).toBe(403);
  });
});
