import {
  getMyNotificationPreferences,
  getStaffNotificationPreferences,
  setMyNotificationPreferences,
  setStaffNotificationPreferences,
} from '../../../app/staff';
import { requireReach } from '../../../data/reach';
import type { PreferencesRecord } from '../../../data/staff-preferences';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import {
  getMyPreferencesRoute,
  getStaffPreferencesRoute,
  setMyPreferencesRoute,
  setStaffPreferencesRoute,
} from './notification-preferences.routes';

const out = (p: PreferencesRecord) => ({
  userId: p.userId,
  channels: p.channels,
  quietHours: p.quietHours,
  quietOnDaysOff: p.quietOnDaysOff,
  wechatOpenId: p.wechatOpenId,
  version: p.version,
  updatedAt: p.updatedAt ? p.updatedAt.toISOString() : null,
});

export const notificationPreferencesRouter = createRouter()
  .openapi(getMyPreferencesRoute, async (c) => {
    const prefs = await getMyNotificationPreferences(c.get('scope'));
    c.header('ETag', etagOf(prefs.version));
    return c.json(out(prefs), 200);
  })
  .openapi(setMyPreferencesRoute, async (c) => {
    const prefs = await setMyNotificationPreferences(c.get('scope'), {
      preferences: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(prefs.version));
    return c.json(out(prefs), 200);
  })
  .openapi(getStaffPreferencesRoute, async (c) => {
    const scope = c.get('scope');
    const prefs = await getStaffNotificationPreferences(
      scope,
      requireReach(scope, 'staff.manage'),
      c.req.valid('param').id,
    );
    c.header('ETag', etagOf(prefs.version));
    return c.json(out(prefs), 200);
  })
  .openapi(setStaffPreferencesRoute, async (c) => {
    const scope = c.get('scope');
    const prefs = await setStaffNotificationPreferences(scope, requireReach(scope, 'staff.manage'), {
      userId: c.req.valid('param').id,
      preferences: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(prefs.version));
    return c.json(out(prefs), 200);
  });
