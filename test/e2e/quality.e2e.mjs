// Browser stories of product quality: the defect register and scorecard, the knowledge base and
// the article suggestions at intake, in real Chromium against the Worker with the demo group.
// Screenshots in .e2e/screenshots/ (zh-CN and en).
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

describe('product quality in the console', () => {
  it('the CR manager reads the register, the scorecard with its evidence, and a decided defect', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '产品缺陷' }).click();
    await page.getByRole('heading', { name: '产品缺陷' }).waitFor();
    await page
      .getByText(/卫生间防水层渗漏/)
      .first()
      .waitFor();
    await page.getByText(/年度缺陷考核/).waitFor();
    await page
      .getByText(/违反国标规范/)
      .first()
      .waitFor();
    await shots(page, 'defects.register');
    await page
      .getByRole('link', { name: /卫生间防水层渗漏/ })
      .first()
      .click();
    await page.getByText('会议决策').waitFor();
    await page
      .getByText(/闭水试验/)
      .first()
      .waitFor();
    await shots(page, 'defects.detail');
    await page.close();
  });

  it('the CR manager follows the 二期 handover checklist and its targets', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '交付管理' }).click();
    await page.getByRole('heading', { name: '交付风险排查' }).waitFor();
    await page.getByText('竣工备案证').waitFor();
    await page.getByText('已逾期').first().waitFor();
    await page.getByText('收房率').first().waitFor();
    await shots(page, 'handover.plan');
    await page.close();
  });

  it('a front desk searches the knowledge base and sees suggestions while typing a case', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'front_desk');
    await page.getByRole('menuitem', { name: '知识库' }).click();
    await page.getByRole('heading', { name: '知识库' }).waitFor();
    await page.getByLabel(/搜索标题或正文/).fill('装修');
    await page.getByLabel(/搜索标题或正文/).press('Enter');
    await page.getByText('装修施工时间规定').first().waitFor();
    await page.getByText('装修施工时间规定').first().click();
    await page.getByText('版本记录').waitFor();
    await shots(page, 'knowledge.search');
    await page.getByRole('menuitem', { name: '新建工单' }).click();
    await page.getByLabel('问题描述').fill('业主来电说3号楼电梯困人了，里面有个老人');
    await page.getByTestId('article-suggestions').getByText('电梯困人应急处置').waitFor();
    await shots(page, 'knowledge.intake-suggestions');
    await page.close();
  });
});
