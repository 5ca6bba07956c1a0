// Browser story of the mystery-shopper audits (神秘客户): the shopper performs an assigned hotline
// audit on a phone (375 px) with a photo, the score moving as items are marked and the draft
// surviving a reload; the CR manager publishes it, sees its corrective actions, the project
// ranking with its trend, and the templates. Screenshots in .e2e/screenshots/ (zh-CN and en).
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

const item = (page, key) => page.locator(`[data-item="${key}"]`);

describe('mystery-shopper audits in the console', () => {
  let auditPath;

  it('the mystery shopper performs an assigned audit on a phone, with a photo, and submits it', async () => {
    const page = await newPage(browser, platform.base, { mobile: true });
    await signIn(page, platform.base, 'mystery_shopper');
    await page.goto(`${platform.base}/audits`);
    await page.getByText('待我执行的检查').waitFor();
    await shots(page, 'audits.shopper-list');
    await page
      .locator('.ant-list-item', { hasText: '西溪花园' })
      .getByRole('button', { name: '开始检查' })
      .click();
    await page.waitForURL(/\/audits\/maud_/);
    auditPath = new URL(page.url()).pathname;
    const live = page.getByTestId('live-score');
    await live.waitFor();
    assert.equal(await live.textContent(), '—');

    await item(page, 'answered_in_time').getByRole('spinbutton').fill('8');
    await item(page, 'greeting_script')
      .getByRole('textbox')
      .fill('您好，这里是西溪花园物业服务中心，请问有什么可以帮您？');
    await item(page, 'polite_words').getByRole('textbox').fill('您好，请稍等，谢谢您，再见');
    await page.getByText('问候语规范').waitFor();
    assert.equal(await live.textContent(), '100');
    await item(page, 'friendly_tone').getByText('4', { exact: true }).click();
    for (const key of ['no_interrupting', 'request_confirmed', 'case_logged', 'hold_announced', 'farewell']) {
      await item(page, key).getByText('符合', { exact: true }).click();
    }
    await item(page, 'answer_accurate').getByText('3', { exact: true }).click();
    await item(page, 'owner_hangs_up_first').getByText('不符合', { exact: true }).click();
    const before = Number(await live.textContent());
    assert.ok(before < 100 && before > 80, `score so far ${before}`);

    // A forbidden phrase heard on the call: the check names it and the audit is vetoed (一票否决).
    await item(page, 'no_forbidden_phrases').getByRole('textbox').fill('这个我不清楚，您问物业吧');
    await item(page, 'no_forbidden_phrases').locator('.ant-tag-error', { hasText: '不清楚' }).waitFor();
    await page.getByText('一票否决').first().waitFor();
    assert.equal(await live.textContent(), '0');

    // The photo of the logged case, through the evidence route, with its progress bar.
    const photo = await page.screenshot({ type: 'png' });
    await item(page, 'case_logged')
      .locator('input[type=file]')
      .setInputFiles({ name: 'case-logged.png', mimeType: 'image/png', buffer: photo });
    await item(page, 'case_logged').getByRole('button', { name: /照片/ }).waitFor();
    await shots(page, 'audits.perform-phone');

    // The draft is kept in the browser until submitted.
    await page.reload();
    await item(page, 'no_forbidden_phrases').getByRole('textbox').waitFor();
    assert.equal(
      await item(page, 'no_forbidden_phrases').getByRole('textbox').inputValue(),
      '这个我不清楚，您问物业吧',
    );
    assert.equal(await live.textContent(), '0');

    await page.getByRole('button', { name: '提交检查结果' }).click();
    await page.getByText('已提交').first().waitFor();
    await page.getByText('扣分').first().waitFor();
    await shots(page, 'audits.submitted-phone');
    assert.equal(
      await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('guanjia.audit-draft.'))),
      false,
    );
    await page.close();
  });

  it('the CR manager publishes it, its corrective actions follow, and the ranking shows the trend', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '神秘客户' }).click();
    await page.getByRole('heading', { name: '神秘客户检查' }).waitFor();
    await page.getByRole('tab', { name: '检查记录' }).waitFor();
    await page.goto(`${platform.base}${auditPath}`);
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.getByText('已发布').first().waitFor();
    await page
      .getByText(/整改：/)
      .first()
      .waitFor();
    await shots(page, 'audits.published');

    await page.goto(`${platform.base}/audits?tab=ranking`);
    await page.getByRole('img', { name: '月度平均分趋势' }).waitFor();
    await page.getByRole('cell', { name: '钱江府' }).waitFor();
    await shots(page, 'audits.ranking');

    await page.getByRole('tab', { name: '整改跟踪' }).click();
    await page.getByText('已逾期').first().waitFor();
    await page.getByText('已退回').first().waitFor();
    await shots(page, 'audits.corrective');

    await page.getByRole('tab', { name: '检查模板' }).click();
    await page.getByRole('row', { name: /客服热线暗访检查表/ }).waitFor();
    // The templates list (the drawer would cover the header's language switch).
    await shots(page, 'audits.templates');
    await page
      .getByRole('row', { name: /客服热线暗访检查表/ })
      .getByRole('button', { name: /^查\s*看$/ })
      .click();
    await page.getByRole('dialog').getByText('服务禁语').first().waitFor();
    await page.close();
  });
});
