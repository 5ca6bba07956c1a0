import { describe, expect, it } from 'vitest';
import { bucket, received, receiverUrl } from '../support/events';
import { demoAs } from '../support/staff';
import { newTenant } from '../support/tenants';

describe('who may test a channel', () => {
  it("another tenant's channel is 404 and sends nothing", async () => {
    const other = await newTenant('Other Group');
    const path = bucket('sms-other');
    const channel = await other.admin.post('/v1/notification-channels', {
      kind: 'sms',
      endpointUrl: `${receiverUrl()}${path}`,
      credentials: { apiKey: 'k' },
    });
    const mine = await newTenant('Mine Group');
    const res = await mine.admin.post(`/v1/notification-channels/${channel.body.id}/test`, {
      to: '13800001111',
    });
    expect(res.status).toBe(404);
    expect(await received(path)).toHaveLength(0);
  });

  it('a branch GM (no group-wide webhooks.manage) is refused (403)', async () => {
    const gm = await demoAs('branch_gm');
    const res = await gm.post('/v1/notification-channels/nch_any/test', { to: '13800001111' });
    expect(res.status).toBe(403);
  });
});
