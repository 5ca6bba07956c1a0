import { describe, expect, it } from 'vitest';
import { as } from '../cases/support';

describe('staff notification preferences, refused', () => {
  it('bad input is a 400 naming the field; a stale If-Match is 412', async () => {
    const agent = await as('front_desk');
    const bad = await agent.put('/v1/me/notification-preferences', {
      channels: ['fax'],
      quietHours: { start: '25:00', end: '07:00' },
      quietOnDaysOff: false,
      wechatOpenId: null,
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['channels.0', 'quietHours.start']));
    const unknown = await agent.put('/v1/me/notification-preferences', {
      channels: [],
      quietHours: null,
      quietOnDaysOff: false,
      wechatOpenId: null,
      mute: true,
    });
    expect(unknown.status).toBe(400);
    const body = { channels: ['sms'], quietHours: null, quietOnDaysOff: false, wechatOpenId: null };
    expect((await agent.put('/v1/me/notification-preferences', body)).status).toBe(200);
    const stale = await agent.put('/v1/me/notification-preferences', body, { 'If-Match': '"0"' });
    expect(stale.status).toBe(412);
  });
});
