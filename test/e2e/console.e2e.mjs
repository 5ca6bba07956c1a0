// Browser stories of the staff console, in real Chromium against the real Worker with the demo
// group. Run by `npm run test:e2e` (part of `npm test`); screenshots in .e2e/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { offlineStories } from './offline.mjs';
import { apiAs, launchBrowser, newPage, shots, signIn, startPlatform } from './platform.mjs';

const demoId = (prefix, n) => `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
const xixi = demoId('prj', 1);
const contractor1 = demoId('ctr', 1);
const xixiCs = demoId('dept', 6);

let platform;
let browser;
const shared = {};

// One Worker and one browser for every story (starting them is most of the suite's time).
before(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  Object.assign(shared, { platform, browser });
});
after(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the staff console', () => {
  let filedArchiveNo;

  it('switching to English changes the screen, and the choice is remembered', async () => {
    const page = await newPage(browser, platform.base);
    await page.goto(`${platform.base}/login`);
    await page.getByRole('heading', { name: /员工登录/ }).waitFor();
    await shots(page, 'login');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Staff sign-in/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /Staff sign-in/ }).waitFor();
    await page.getByLabel('Group code').fill('demo');
    await page.getByLabel('Login').fill('hotline_agent@demo.guanjia.dev');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The login or password is wrong').waitFor();
    await page.close();
  });

  it('a hotline agent logs in, finds an owner by phone, files a repair and sees its archive number', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'hotline_agent');
    await page.getByRole('menuitem', { name: '新建工单' }).click();
    await page.getByRole('heading', { name: '新建工单' }).waitFor();
    // The hotline's channel is preset.
    await page.getByText('客服热线').first().waitFor();
    // From the keyboard: Enter in the phone field finds the owner (and saves nothing yet).
    await page.getByLabel('来电号码').fill('13800000001');
    await page.getByLabel('来电号码').press('Enter');
    await page.getByText(/找到业主/).waitFor();
    assert.equal(await page.getByText('此项必填').count(), 0, 'Enter did not submit the form');
    // The owner's unit fills the project, building and unit pickers.
    await page.getByText('西溪花园').first().waitFor();
    await page.getByLabel('类别').click();
    await page.getByRole('menuitemcheckbox', { name: '给排水' }).click();
    await page.getByRole('menuitemcheckbox', { name: '下水堵塞' }).click();
    await page.getByLabel('问题描述').fill('厨房下水道堵塞，水排不下去');
    await page.getByText(/该房屋近期/).waitFor();
    await shots(page, 'intake.form');
    await page.getByRole('button', { name: '保存工单' }).click();
    const archive = page.getByTestId('archive-no');
    await archive.waitFor();
    filedArchiveNo = (await archive.textContent()).replace(/\D/g, '');
    assert.match(filedArchiveNo, /^\d{8,}$/);
    await page.getByText(/首个时限|该工单暂无时限/).waitFor();
    await shots(page, 'intake.done');
    await page.getByRole('menuitem', { name: '工单队列' }).click();
    await page.getByRole('link', { name: filedArchiveNo }).waitFor();
    await shots(page, 'queue');
    await page.close();
  });

  it('a contractor on a 375 px phone records contact, and the case shows the contact milestone met', async () => {
    const hotline = await apiAs(platform.base, 'hotline_agent');
    const created = await hotline.post(
      '/v1/cases',
      {
        kind: 'repair',
        channel: 'hotline',
        projectId: xixi,
        unitId: demoId('unit', 2),
        ownerId: demoId('own', 2),
        category: 'electrical.lighting',
        description: '楼道灯不亮',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    assert.equal(created.status, 201);
    await hotline.act(created.body.id, { type: 'dispatch', contractorId: contractor1 });

    const page = await newPage(browser, platform.base, { mobile: true });
    await signIn(page, platform.base, 'contractor_staff');
    const job = page.getByTestId(`job-${created.body.archiveNo}`);
    await job.waitFor();
    await job.getByRole('timer').waitFor();
    await shots(page, 'contractor.jobs');
    await job.getByRole('button', { name: '已联系业主' }).click();
    await job
      .getByRole('button', { name: '保 存' })
      .or(job.getByRole('button', { name: '保存' }))
      .click();
    await job.getByText(/已记录联系/).waitFor();
    await shots(page, 'contractor.contacted');
    await job.getByRole('link', { name: created.body.archiveNo }).click();
    const milestone = page.getByTestId('milestone-contractor_contact');
    await milestone.getByText('已达成').waitFor();
    await shots(page, 'contractor.case');

    // On site, then complete with a photo: the job leaves the list.
    await page.getByRole('menuitem', { name: '我的维修单' }).click();
    await job
      .getByRole('button', { name: '到场' })
      .or(job.getByRole('button', { name: '到 场' }))
      .click();
    await job.getByText('已到场').waitFor();
    await job
      .getByRole('button', { name: '完工' })
      .or(job.getByRole('button', { name: '完 工' }))
      .click();
    await job.getByLabel('备注').fill('更换灯泡，已恢复照明');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await job
      .locator('input[type=file]')
      .setInputFiles({ name: '完工.png', mimeType: 'image/png', buffer: png });
    await shots(page, 'contractor.complete');
    await job.getByRole('button', { name: /完\s*工/ }).click();
    await job.waitFor({ state: 'detached' });
    const done = await hotline.get(`/v1/cases/${created.body.id}`);
    assert.equal(done.body.status, 'completed');
    const files = await hotline.get(`/v1/cases/${created.body.id}/attachments`);
    assert.deepEqual(
      files.body.data.map((f) => f.fileName),
      ['完工.png'],
    );
    await page.close();
  });

  it('a complaint gets department feedback and then a reply to the owner', async () => {
    const desk = await apiAs(platform.base, 'front_desk');
    const created = await desk.post(
      '/v1/cases',
      {
        kind: 'complaint',
        channel: 'front_desk',
        projectId: xixi,
        unitId: demoId('unit', 3),
        ownerId: demoId('own', 3),
        category: 'other',
        description: '楼上装修噪音每天早上七点就开始',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const specialist = await apiAs(platform.base, 'complaint_specialist');
    await specialist.act(created.body.id, { type: 'assign_department', departmentId: xixiCs });

    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'complaint_specialist');
    await page.goto(`${platform.base}/cases/${created.body.id}`);
    await page.getByTestId('case-status').getByText('已分派部门').waitFor();
    await page.getByRole('tab', { name: '部门反馈' }).click();
    const feedback = page.getByRole('tabpanel', { name: '部门反馈' });
    await feedback.getByLabel('备注').fill('已联系装修户，约定九点后施工');
    await shots(page, 'complaint.feedback');
    await feedback.getByRole('button', { name: '部门反馈' }).click();
    await page.getByTestId('case-status').getByText('处理中').waitFor();
    await page.getByRole('tab', { name: '回复业主' }).click();
    const panel = page.getByRole('tabpanel', { name: '回复业主' });
    await panel.getByLabel('处理进展').check();
    await panel.getByLabel('回复内容').fill('您好，已与装修户沟通，九点后施工。');
    await panel.getByRole('button', { name: '回复业主' }).click();
    await page.getByText('已完成：回复业主').waitFor();
    await page.getByText('您好，已与装修户沟通，九点后施工。').waitFor();
    await shots(page, 'complaint.replied');
    await page.close();
  });

  it('a Ningbo front desk does not see Hangzhou cases', async () => {
    assert.ok(filedArchiveNo, 'the hotline story filed a Hangzhou case');
    const ningboDesk = await apiAs(platform.base, 'front_desk.nb');
    const theirs = await ningboDesk.post(
      '/v1/cases',
      {
        kind: 'inquiry',
        channel: 'front_desk',
        projectId: demoId('prj', 4),
        contact: { phone: '13600007777' },
        category: 'other',
        description: '东湖湾的快递柜在哪里',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'front_desk.nb');
    await page.goto(`${platform.base}/queue`);
    // Their own Ningbo case is listed; the Hangzhou one is not.
    await page.getByRole('link', { name: theirs.body.archiveNo }).waitFor();
    assert.equal(await page.getByRole('link', { name: filedArchiveNo }).count(), 0);
    assert.equal(await page.getByRole('cell', { name: '西溪花园' }).count(), 0);
    await shots(page, 'queue.ningbo');
    await page.close();
  });

  it('a reused refresh token lands on the sign-in page with a sentence; signing out revokes the session', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'front_desk');
    const refresh = (token) =>
      fetch(`${platform.base}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
    // Someone else spends this tab's refresh token: the console's next refresh is a reuse.
    const stolen = await page.evaluate(() => sessionStorage.getItem('guanjia.refresh'));
    assert.equal((await refresh(stolen)).status, 200);
    await page.reload();
    await page.waitForURL('**/login');
    await page.getByText('您的登录已失效').waitFor();
    await shots(page, 'session.revoked');

    await signIn(page, platform.base, 'front_desk');
    const mine = await page.evaluate(() => sessionStorage.getItem('guanjia.refresh'));
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByText('您已安全退出。').waitFor();
    assert.equal((await refresh(mine)).status, 401);
    await page.close();
  });

  it('a complaint supervisor’s board, department list and inbox (opening a message marks it read)', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'complaint_supervisor');
    await page.getByRole('menuitem', { name: '主管看板' }).click();
    await page.getByText('各项目在办工单').waitFor();
    await shots(page, 'board');
    await page.getByRole('menuitem', { name: '部门待办' }).click();
    await page.getByText('待反馈的投诉').waitFor();
    await shots(page, 'department');
    await page.getByRole('menuitem', { name: /消息/ }).click();
    await page.getByRole('heading', { name: '消息' }).waitFor();
    await page.waitForLoadState('networkidle');
    const unread = page.getByText('未读', { exact: true });
    if ((await unread.count()) > 0) {
      await page.locator('.ant-collapse-header').first().click();
      await page
        .getByText(/^已读 /)
        .first()
        .waitFor();
    }
    await shots(page, 'inbox');
    await page.close();
  });

  it('a stale edit says someone else changed the case and reloads without losing what was typed', async () => {
    const hotline = await apiAs(platform.base, 'hotline_agent');
    const created = await hotline.post(
      '/v1/cases',
      {
        kind: 'inquiry',
        channel: 'hotline',
        projectId: xixi,
        contact: { phone: '13600001234', name: '王先生' },
        category: 'other',
        description: '物业费可以用微信缴纳吗',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'hotline_agent');
    await page.goto(`${platform.base}/cases/${created.body.id}`);
    await page.getByRole('tab', { name: '添加备注' }).click();
    const notePanel = page.getByRole('tabpanel', { name: '添加备注' });
    const typed = '已告知业主可在公众号缴费';
    await notePanel.getByLabel('备注').fill(typed);
    // Meanwhile a colleague adds a note to the same case.
    await hotline.act(created.body.id, { type: 'add_note', note: '同事的备注' });
    await notePanel.getByRole('button', { name: '添加备注' }).click();
    await page.getByText('其他人刚刚修改了这张工单').waitFor();
    await shots(page, 'stale');
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByText('同事的备注').waitFor();
    assert.equal(await notePanel.getByLabel('备注').inputValue(), typed);
    await notePanel.getByRole('button', { name: '添加备注' }).click();
    await page.getByText('已完成：添加备注').waitFor();
    await page.close();
  });
});

offlineStories(shared);
