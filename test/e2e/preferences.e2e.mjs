// The staff member's own notification preferences screen, in real Chromium against the real
// Worker with the demo group: set quiet hours and channels, save, read them back after a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newPage, shots, signIn, startPlatform } from './platform.mjs';

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

describe('my notification preferences', () => {
  it('a contractor sets quiet hours and WeChat only; the choice is kept', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'contractor_staff');
    await page.goto(`${platform.base}/preferences`);
    await page.getByRole('heading', { name: '我的通知设置' }).waitFor();
    await page.getByLabel('短信').uncheck();
    await page.getByLabel('邮件').uncheck();
    await page.getByLabel('开始时间').fill('22:00');
    await page.getByLabel('结束时间').fill('07:30');
    await page.getByLabel('微信 OpenID').fill('oDemoContractor15');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '我的通知设置' }).waitFor();
    await page.getByLabel('开始时间').waitFor();
    assert.equal(await page.getByLabel('开始时间').inputValue(), '22:00');
    assert.equal(await page.getByLabel('短信').isChecked(), false);
    assert.equal(await page.getByLabel('微信模板消息').isChecked(), true);
    await shots(page, 'preferences');
  });
});
