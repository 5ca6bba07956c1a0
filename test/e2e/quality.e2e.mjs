// Browser stories of product quality: the defect register and scorecard, the knowledge base and
// the article suggestions at intake, in real Chromium against the Worker with the demo group.
// Screenshots in .e2e/screenshots/ (zh-CN and en).
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newPage, screenshotDir, shots, signIn, startPlatform } from './platform.mjs';

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

  it('the CR manager records a defect meeting: a decision on the inspection defect, the minutes', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '产品缺陷' }).click();
    await page.getByRole('heading', { name: '产品缺陷' }).waitFor();
    await page.getByRole('button', { name: '记录缺陷会议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/1-102 外窗/).waitFor();
    await dialog.getByText('待决策').first().waitFor();
    // The inspection's defect (1-102 外窗) is decided; the others wait for another meeting.
    const item = dialog.getByTestId('agenda-item').filter({ hasText: '1-102 外窗' });
    await item
      .locator('input:not([type=date]):not([role=combobox])')
      .first()
      .fill('窗台统一改为内高外低顺坡，淋水试验合格后再交付');
    await item.getByRole('combobox').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await item.locator('input[type=date]').fill('2030-06-15');
    await dialog.getByLabel('会议纪要').fill('二期分户查验发现外窗窗台做反，设计院出变更，工程部整改。');
    await page.screenshot({ path: `${screenshotDir}defects.meeting-form.zh-CN.png`, fullPage: true });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/二期分户查验发现外窗窗台做反/).waitFor();
    await shots(page, 'defects.meeting-recorded');
    await page
      .getByRole('link', { name: /1-102 外窗/ })
      .first()
      .click();
    await page.getByText(/窗台统一改为内高外低顺坡/).waitFor();
    await page.getByText('窗边渗漏').first().waitFor();
    await page.close();
  });

  it("the CR manager records a failed finding of 1-201: it becomes the unit's repair case", async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cr_manager');
    await page.getByRole('menuitem', { name: '交付管理' }).click();
    await page.getByRole('heading', { name: '交付风险排查' }).waitFor();
    await page.getByText(/1号楼：已查 2\/4 户/).waitFor();
    const row = page.getByRole('row', { name: /1号楼 1-201/ });
    await row.getByRole('button', { name: '录入查验' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查验项').first().fill('入户门');
    await dialog.getByRole('switch').first().click();
    await dialog.getByLabel('类别').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '门窗' })
      .first()
      .click();
    await dialog.getByLabel('问题描述').first().fill('门框漆面划伤');
    await page.screenshot({ path: `${screenshotDir}handover.inspection-form.zh-CN.png`, fullPage: true });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('维修工单').waitFor();
    await page.getByText(/1号楼：已查 3\/4 户/).waitFor();
    await shots(page, 'handover.inspection-finding');
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
