import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { insertCase } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';
import { hotlineRepair } from './support';

const put = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('PUT', '/v1/settings/cases', { token, body, headers });

describe('tenant case settings', () => {
  it('a tenant admin replaces the category tree and thresholds; intake follows them', async () => {
    const t = await newTenant('Settings Group');
    const estate = await newEstate(t.admin);
    const read = await t.admin.get('/v1/settings/cases');
    const etag = read.headers.get('ETag') as string;
    const categories = [
      {
        code: 'water',
        labels: { 'zh-CN': '用水', en: 'Water' },
        children: [{ code: 'water.heater', labels: { 'zh-CN': '热水器', en: 'Water heater' } }],
      },
      { code: 'other', labels: { 'zh-CN': '其他', en: 'Other' } },
    ];
    const res = await put(
      t.admin.token,
      { reworkWindowDays: 7, claimApprovalThresholdFen: 500_000, categories },
      {
        'If-Match': etag,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      reworkWindowDays: 7,
      claimApprovalThresholdFen: 500_000,
    });
    // The contact deadline and the 回访 due time are SLA policy milestones, not case settings.
    expect(res.body).not.toHaveProperty('contactDeadlineMinutes');
    expect(res.body).not.toHaveProperty('followupDelayDays');
    expect(res.headers.get('ETag')).not.toBe(etag);
    expect((await t.admin.get('/v1/settings/cases')).body.categories).toEqual(categories);

    const place = { projectId: estate.projectId, unitId: estate.unitId };
    expect(
      (await t.admin.post('/v1/cases', hotlineRepair({ ...place, category: 'water.heater' }))).status,
    ).toBe(201);
    const old = await t.admin.post('/v1/cases', hotlineRepair({ ...place, category: 'plumbing' }));
    expect(old.status).toBe(400);
    expect(old.body.issues[0].path).toBe('category');

    // Sending a retired setting is refused, naming where the rule lives now; nothing changes.
    const retired = await put(t.admin.token, { followupDelayDays: { repair: 0 }, reworkWindowDays: 9 });
    expect(retired.status).toBe(400);
    expect(retired.body.issues).toEqual([
      expect.objectContaining({ path: 'followupDelayDays', message: expect.stringMatching(/followup/) }),
    ]);
    expect((await t.admin.get('/v1/settings/cases')).body.reworkWindowDays).toBe(7);

    // A stale ETag or a bad value changes nothing.
    expect((await put(t.admin.token, { reworkWindowDays: 9 }, { 'If-Match': etag })).status).toBe(412);
    const bad = await put(t.admin.token, { reworkWindowDays: -1, timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['reworkWindowDays', 'timeZone']),
    );
    const dup = await put(t.admin.token, {
      categories: [
        { code: 'a', labels: { 'zh-CN': 'a', en: 'a' } },
        { code: 'a', labels: { 'zh-CN': 'a', en: 'a' } },
      ],
    });
    expect(dup.status).toBe(400);
    expect((await t.admin.get('/v1/settings/cases')).body.reworkWindowDays).toBe(7);
  });

  it('intake finds earlier repairs over the tenant’s own rework window, wider or narrower than the default', async () => {
    const t = await newTenant('Rework Window Group');
    const estate = await newEstate(t.admin);
    const day = 86_400_000;
    const completed = (daysAgo: number) =>
      insertCase(t.tenantId, estate, {
        status: 'completed',
        category: 'plumbing',
        completedAt: new Date(Date.now() - daysAgo * day),
      });
    const report = async () => {
      const res = await t.admin.post(
        '/v1/cases',
        hotlineRepair({ projectId: estate.projectId, unitId: estate.unitId, category: 'plumbing' }),
      );
      expect(res.status).toBe(201);
      return res.body.reworkOfCaseId as string | null;
    };
    const old = await completed(45);
    // The default window (30 days) does not reach a repair completed 45 days ago.
    expect(await report()).toBeNull();
    const etag = (await t.admin.get('/v1/settings/cases')).headers.get('ETag') as string;
    expect((await put(t.admin.token, { reworkWindowDays: 60 }, { 'If-Match': etag })).status).toBe(200);
    expect(await report()).toBe(old.id);
    // A narrower window than the default keeps out a repair the default would count.
    const recent = await completed(10);
    expect(await report()).toBe(recent.id);
    const etag2 = (await t.admin.get('/v1/settings/cases')).headers.get('ETag') as string;
    expect((await put(t.admin.token, { reworkWindowDays: 7 }, { 'If-Match': etag2 })).status).toBe(200);
    expect(await report()).toBeNull();
  });
});
