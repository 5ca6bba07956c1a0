// Browser story of the manager dashboard (管理看板), in real Chromium against the real Worker with
// the demo group: a branch GM reads the figures, switches the period, and drills into the
// breached cases in the work queue. Screenshots in .e2e/screenshots/ (zh-CN and en).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, launchBrowser, newPage, shots, signIn, startPlatform } from './platform.mjs';

const demoId = (prefix, n) => `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
const xixi = demoId('prj', 1);

let platform;
let browser;

before(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('manager dashboard', () => {
  it('a branch GM reads the dashboard, switches the period and drills into the breached cases', async () => {
    // A few cases of today, so the figures and the charts have something to show.
    const hotline = await apiAs(platform.base, 'hotline_agent');
    for (const [kind, category, channel] of [
      ['inquiry', 'property_fees', 'hotline'],
      ['complaint', 'sales_promise', 'wechat'],
      ['suggestion', 'property_fees', 'hotline'],
    ]) {
      const res = await hotline.post(
        '/v1/cases',
        {
          kind,
          channel,
          projectId: xixi,
          description: '看板演示',
          category,
          contact: { name: '吴女士', phone: '13900006666' },
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }

    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'branch_gm');
    await page.getByRole('menuitem', { name: '管理看板' }).click();
    await page.getByRole('heading', { name: '管理看板', exact: true }).waitFor();
    await page.getByRole('button', { name: '超时', exact: true }).waitFor();
    await page.getByRole('img', { name: '每日趋势' }).locator('canvas').waitFor();
    await shots(page, 'dashboard.30-days');

    const week = page.waitForResponse(
      (r) => r.url().includes('/v1/reports/dashboard') && r.request().method() === 'GET',
    );
    await page.getByText('近 7 天', { exact: true }).click();
    const res = await week;
    assert.equal(res.status(), 200);
    const report = await res.json();
    const days = (Date.parse(report.to) - Date.parse(report.from)) / 86_400_000;
    assert.ok(days >= 7 && days < 8.1, `a week, not ${days} days`);
    assert.equal(report.trend.length, 7);
    assert.ok(report.current.received >= 3, 'the cases of today are counted');
    const ningbo = [demoId('prj', 4), demoId('prj', 5)];
    assert.ok(
      report.projects.every((p) => !ningbo.includes(p.projectId)),
      'only the projects of the GM’s branch (杭州)',
    );
    await page.getByRole('img', { name: '每日趋势' }).locator('canvas').waitFor();
    await shots(page, 'dashboard.7-days');

    await page.getByRole('button', { name: '超时', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/queue' && url.searchParams.get('breached') === '1');
    assert.equal(await page.getByRole('checkbox', { name: '只看超时' }).isChecked(), true);
    await shots(page, 'dashboard.drill-down');

    // The escalations figure of the 30 days opens the queue on the escalated cases of that period
    // (the demo's six weeks of history have some).
    await page.goBack();
    await page.getByRole('heading', { name: '管理看板', exact: true }).waitFor();
    await page.getByText('近 30 天', { exact: true }).click();
    await page.getByRole('img', { name: '每日趋势' }).locator('canvas').waitFor();
    const listed = page.waitForResponse(
      (r) =>
        r.url().includes('/v1/cases?') &&
        r.url().includes('escalated=true') &&
        r.request().method() === 'GET',
    );
    await page.getByRole('button', { name: '升级', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/queue' && url.searchParams.get('escalated') === '1');
    const url = new URL(page.url());
    assert.ok(url.searchParams.get('from') && url.searchParams.get('to'), 'the period travels with the link');
    const cases = await (await listed).json();
    assert.ok(cases.data.length > 0, 'the escalated cases of the period are listed');
    assert.ok(
      cases.data.every((c) => Date.parse(c.receivedAt) >= Date.parse(url.searchParams.get('from') ?? '')),
      'only cases received in the period',
    );
    assert.equal(await page.getByRole('checkbox', { name: '仅已升级' }).isChecked(), true);
    await page.getByText(/^受理于 /).waitFor();
    await shots(page, 'dashboard.drill-escalated');
    await page.close();
  });
});
