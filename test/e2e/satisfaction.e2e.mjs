// Browser story of owner satisfaction: a branch CS manager (分公司客服经理) opens the closed
// campaign's results (ranking, bottom three, short boards) and the improvement plans, in real
// Chromium against the Worker with the demo group. Screenshots in .e2e/screenshots/ (zh-CN and en).
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

describe('satisfaction in the console', () => {
  it('the branch CS manager reads the campaign results and the improvement plans', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'branch_cs_manager');
    await page.getByRole('menuitem', { name: '满意度管理' }).click();
    await page.getByRole('heading', { name: '满意度管理' }).waitFor();
    await page
      .getByText(/业主满意度调查/)
      .first()
      .waitFor();
    await page.getByText('调查结果').waitFor();
    await page.getByText(/后三名/).waitFor();
    await page.getByText('回收率').first().waitFor();
    await shots(page, 'satisfaction.results');
    await page.getByRole('tab', { name: '提高计划' }).click();
    // Within 杭州分公司 the bottom three's one plan is 西溪花园's, presented to the GM.
    await page.getByText('已汇报').first().waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByText('季度复核').waitFor();
    await shots(page, 'satisfaction.plans');
    await page.getByRole('tab', { name: '投诉月度总结' }).click();
    await page.getByText('投诉量').first().waitFor();
    await shots(page, 'satisfaction.summaries');
    await page.close();
  });

  it("the CR manager reads last month's contractor scorecard and downloads its CSV", async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '满意度管理' }).click();
    await page.getByRole('tab', { name: '施工单位考核' }).click();
    await page.getByText('奖罚分').first().waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await shots(page, 'satisfaction.scorecards');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    if (!/contractor-scorecards-\d{4}-\d{2}\.csv/.test(download.suggestedFilename()))
      throw new Error(`unexpected file ${download.suggestedFilename()}`);
    // The 客服中心 returns 东湖湾's submitted plan with a reason.
    await page.getByRole('tab', { name: '提高计划' }).click();
    const row = page.locator('tr.ant-table-row', { hasText: '东湖湾' });
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('button', { name: /^退\s*回$/ }).click();
    await page.getByRole('dialog').getByLabel('退回原因').fill('请补充每项措施的完成日期');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByText('请补充每项措施的完成日期').waitFor();
    await row.getByText('已退回').waitFor();
    await shots(page, 'satisfaction.plan-returned');
    await page.close();
  });
});
