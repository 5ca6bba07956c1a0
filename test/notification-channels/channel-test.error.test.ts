import { describe, expect, it } from 'vitest';
import { bucket, received, receiverUrl } from '../support/events';
import { newTenant } from '../support/tenants';

async function smsChannel() {
  const tenant = await newTenant('Channel Test Group');
  const path = bucket('sms-bad');
  const channel = await tenant.admin.post('/v1/notification-channels', {
    kind: 'sms',
    endpointUrl: `${receiverUrl()}${path}`,
    credentials: { apiKey: 'k' },
  });
  expect(channel.status).toBe(201);
  return { ...tenant, path, id: channel.body.id as string };
}

describe('a channel test send that cannot be made', () => {
  it('an email address for an SMS channel is 400 naming to, and nothing is sent', async () => {
    const { admin, path, id } = await smsChannel();
    const res = await admin.post(`/v1/notification-channels/${id}/test`, { to: 'gm@example.test' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'to' })]);
    expect(await received(path)).toHaveLength(0);
  });

  it('no recipient, or a field the body does not have, is 400 naming it', async () => {
    const { admin, id } = await smsChannel();
    const missing = await admin.post(`/v1/notification-channels/${id}/test`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.issues)).toContain('to');
    const extra = await admin.post(`/v1/notification-channels/${id}/test`, { to: '13800001111', cc: 'x' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.issues)).toContain('cc');
  });

  it('an unknown channel is 404', async () => {
    const { admin } = await smsChannel();
    const res = await admin.post('/v1/notification-channels/nch_nothing/test', { to: '13800001111' });
    expect(res.status).toBe(404);
  });
});
