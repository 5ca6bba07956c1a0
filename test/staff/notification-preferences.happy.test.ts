import { describe, expect, it } from 'vitest';
import { as, fx } from '../cases/support';

describe('staff notification preferences', () => {
  it('a person reads the defaults, sets their own channels and quiet hours (ETag, audit), and an admin sets another’s', async () => {
    const agent = await as('cs_specialist');
    const first = await agent.get('/v1/me/notification-preferences');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      userId: fx.staff(5),
      channels: ['email', 'sms', 'wechat'],
      quietHours: null,
      quietOnDaysOff: false,
      wechatOpenId: null,
      version: 0,
      updatedAt: null,
    });
    const set = await agent.put(
      '/v1/me/notification-preferences',
      {
        channels: ['wechat'],
        quietHours: { start: '22:00', end: '07:30' },
        quietOnDaysOff: true,
        wechatOpenId: 'oSpec5',
      },
      { 'If-Match': first.headers.get('ETag') ?? '' },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.headers.get('ETag')).toBe('"1"');
    expect(set.body).toMatchObject({
      version: 1,
      channels: ['wechat'],
      quietHours: { start: '22:00', end: '07:30' },
    });
    expect((await agent.get('/v1/me/notification-preferences')).body).toMatchObject({ quietOnDaysOff: true });

    const admin = await as('tenant_admin');
    const seen = await admin.get(`/v1/staff/${fx.staff(5)}/notification-preferences`);
    expect(seen.body).toMatchObject({ channels: ['wechat'], version: 1 });
    const changed = await admin.put(`/v1/staff/${fx.staff(5)}/notification-preferences`, {
      channels: ['sms', 'email'],
      quietHours: null,
      quietOnDaysOff: false,
      wechatOpenId: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    const audit = await admin.get('/v1/audit-log?limit=100');
    expect(
      audit.body.data.filter(
        (e: { action: string; targetId: string }) =>
          e.action === 'staff.notification_preferences.update' && e.targetId === fx.staff(5),
      ),
    ).toHaveLength(2);
  });
});
