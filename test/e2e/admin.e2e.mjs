// Browser stories of the console's administration and integrations (part 2), in real Chromium
// against the real Worker with the demo group. Screenshots in .e2e/screenshots/ (zh-CN and en).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { apiAs, launchBrowser, newPage, screenshotDir, shots, signIn, startPlatform } from './platform.mjs';

const demoId = (prefix, n) => `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
const xixi = demoId('prj', 1);

let platform;
let browser;
/** A local webhook receiver: answers 200 with a short body and keeps what it got. */
const received = [];
let receiver;
let receiverUrl;

before(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"by":"e2e receiver"}');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${receiver.address().port}/hooks/guanjia`;
});
after(async () => {
  await browser?.close();
  await platform?.stop();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve()));
});

async function pick(page, label, option) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

const csvHeader = 'building,unit,floor,area_sqm,owner_name,owner_phone,owner_email,relation';
const csvFile = (name, rows) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[csvHeader, ...rows].join('\n')}\n`),
});

/** The next Saturday as a Shanghai date (YYYY-MM-DD), within the week on screen. */
function nextSaturday() {
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const days = (6 - shanghai.getUTCDay() + 7) % 7 || 7;
  return new Date(shanghai.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('administration and integrations', () => {
  it('the admin imports a CSV with a bad row and sees it named, then a good one with the progress bar', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'tenant_admin');
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('menuitem', { name: '批量导入' }).click();
    await page.getByRole('heading', { name: '房屋与业主批量导入' }).waitFor();
    await pick(page, '项目', '西溪花园');
    await page
      .locator('input[type=file]')
      .setInputFiles(
        csvFile('bad.csv', [
          '9号楼,9-101,1,89.5,赵磊,13912340001,,owner',
          '9号楼,9-102,1,90,孙丽,12345,,业主',
        ]),
      );
    await page.getByText('预览（前 2 行）').waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '1 行有误' });
    await alert.waitFor();
    const bad = page.getByRole('table').last();
    await bad.getByRole('cell', { name: '3', exact: true }).waitFor();
    await bad.getByRole('cell', { name: '业主电话' }).waitFor();
    await shots(page, 'admin.import.rejected');

    // Nothing was imported: the building does not exist.
    const admin = await apiAs(platform.base, 'tenant_admin');
    const before = await admin.get(`/v1/buildings?projectId=${xixi}&limit=200`);
    assert.ok(!before.body.data.some((b) => b.name === '9号楼'), 'the bad file imported nothing');

    await page
      .locator('input[type=file]')
      .setInputFiles(
        csvFile('good.csv', [
          '9号楼,9-101,1,89.5,赵磊,13912340001,,owner',
          '9号楼,9-102,1,90,孙丽,13912340002,,业主',
        ]),
      );
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入 2 行' }).waitFor();
    await page.getByRole('progressbar').waitFor();
    await shots(page, 'admin.import.done');
    const afterwards = await admin.get(`/v1/buildings?projectId=${xixi}&limit=200`);
    assert.ok(afterwards.body.data.some((b) => b.name === '9号楼'));
    await page.close();
  });

  it('the admin adds a make-up working day and sees the deadline preview change', async () => {
    const admin = await apiAs(platform.base, 'tenant_admin');
    // Complaints resolved within 7 working days: their deadlines lie beyond a weekend.
    const policy = await admin.post('/v1/sla/policies', {
      name: '投诉 7 个工作日办结',
      priority: 10,
      match: { kinds: ['complaint'] },
      milestones: [
        {
          key: 'resolution',
          startOn: ['case.created'],
          stopOn: ['case.resolved'],
          target: { kind: 'duration', minutes: 7 * 9 * 60 },
          calendar: 'business_hours',
        },
      ],
    });
    assert.equal(policy.status, 201, JSON.stringify(policy.body));
    const desk = await apiAs(platform.base, 'front_desk');
    const complaint = await desk.post(
      '/v1/cases',
      {
        kind: 'complaint',
        channel: 'front_desk',
        projectId: xixi,
        unitId: demoId('unit', 4),
        ownerId: demoId('own', 4),
        category: 'other',
        description: '小区东门道闸经常抬不起来',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    assert.equal(complaint.status, 201, JSON.stringify(complaint.body));

    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'tenant_admin');
    await page.goto(`${platform.base}/admin/sla`);
    await page.getByRole('heading', { name: '时限与日历' }).waitFor();
    const existing = await admin.get('/v1/sla/calendars');
    if (existing.body.data.length === 0) {
      await page.getByText('尚未设置工作日历').waitFor();
      await shots(page, 'admin.sla.no-calendar');
      await page.getByRole('button', { name: '新建集团工作日历' }).click();
    }
    const saturday = nextSaturday();
    await page.locator(`[data-date="${saturday}"]`).click();
    await page.getByRole('button', { name: '设为调休上班日' }).click();
    const summary = page.getByTestId('preview-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /[1-9]\d* 件的时限会变化/);
    await page.getByRole('link', { name: complaint.body.archiveNo }).waitFor();
    await shots(page, 'admin.sla.preview');
    await page.getByRole('button', { name: '保存日历' }).click();
    await page.getByText('日历已保存').waitFor();
    const saved = await admin.get('/v1/sla/calendars');
    assert.ok(saved.body.data[0].makeUpDays.includes(saturday));
    await page.locator(`[data-date="${saturday}"]`).getByText('班').waitFor();
    // A year without official holiday data (from December, the next one) is named for the admin.
    const missing = saved.body.data[0].holidayYearsMissing;
    if (missing.length > 0) {
      const alert = page.getByTestId('holiday-years-missing');
      assert.match(await alert.textContent(), new RegExp(`${missing[0]} 年的法定节假日尚未录入`));
    }
    await shots(page, 'admin.sla.calendar');
    await page.getByRole('tab', { name: '时限策略' }).click();
    await page.getByText('投诉 7 个工作日办结').waitFor();
    await shots(page, 'admin.sla.policies');
    await page.getByRole('tab', { name: '升级梯队' }).click();
    await shots(page, 'admin.sla.rungs');
    await page.close();
  });

  it('the integrator creates a webhook, sees the secret once, sees a delivery and replays it', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'tenant_admin');
    await page.getByRole('menuitem', { name: '集成' }).click();
    await page.getByRole('heading', { name: 'Webhook 端点' }).waitFor();
    await shots(page, 'integrations.webhooks.empty');
    await page.getByRole('button', { name: '新建端点' }).click();
    await page.getByLabel('接收地址').fill(receiverUrl);
    await page.getByLabel('说明').fill('工单系统对接');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    const secret = page.getByTestId('secret-once');
    await secret.waitFor();
    assert.match(await secret.textContent(), /whsec_/);
    // A modal covers the language switch: this one in zh-CN only.
    await page.screenshot({ path: `${screenshotDir}integrations.webhooks.secret.zh-CN.png` });
    await page.getByRole('button', { name: '我已保存' }).click();
    await page.getByText(receiverUrl).waitFor();

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
        description: '地下车库灯不亮',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    assert.equal(created.status, 201);

    await page.getByRole('button', { name: '投递记录' }).click();
    const drawer = page.getByTestId('delivery-log');
    await drawer.getByText('case.created').first().waitFor({ timeout: 60_000 });
    await drawer.getByText('成功').first().waitFor({ timeout: 60_000 });
    const before = received.length;
    await drawer
      .getByRole('button', { name: /^重\s?发$/ })
      .first()
      .click();
    await page.getByText('已重新排队 1 条').waitFor();
    await drawer.getByRole('cell', { name: '2', exact: true }).first().waitFor({ timeout: 60_000 });
    assert.ok(received.length > before, 'the replay reached the receiver');
    assert.ok(
      received.some((r) => r.headers['webhook-signature']),
      'deliveries are signed',
    );
    await drawer.locator('.ant-table-row-expand-icon').first().click();
    await drawer.getByText('e2e receiver').first().waitFor();
    await shots(page, 'integrations.webhooks.log');
    await page.close();
  });

  it('Service Star: a nomination with its evidence, HR and the department approve, the GM approves, HR announces', async () => {
    const pmPage = await newPage(browser, platform.base);
    await signIn(pmPage, platform.base, 'project_manager');
    await pmPage.getByRole('menuitem', { name: '服务之星' }).click();
    await pmPage.getByRole('heading', { name: '服务之星', exact: true }).waitFor();
    await pick(pmPage, '项目', '西溪花园');
    await pick(pmPage, '被推荐人', '前台客服 许晴');
    await pmPage.getByLabel('岗位').fill('前台客服');
    await pmPage.getByLabel('推荐理由').fill('本季度业主表扬 6 次，报修登记零差错，主动回访独居老人');
    await pmPage.getByLabel('事迹（可选）').fill('暴雨夜协助业主转移地下室物品');
    await pmPage.getByRole('button', { name: '保存草稿' }).click();
    const detail = pmPage.getByTestId('nomination-detail');
    await detail.getByText('推荐：前台客服 许晴').waitFor();
    await detail.getByRole('button', { name: '提交行政人事部' }).click();
    await detail.getByText('受理工单').waitFor();
    await pmPage
      .getByTestId('star-cycle')
      .getByText(/\d{4}-\d{2}-\d{2}/)
      .waitFor();
    await shots(pmPage, 'star.nomination');
    await pmPage.close();

    // HR screens and the functional department approves (their own screens, here through the API).
    const pm = await apiAs(platform.base, 'project_manager');
    const list = await pm.get('/v1/star/nominations');
    const nomination = list.body.data.find((n) => n.status !== 'draft');
    for (const who of ['branch_hr', 'branch_cs_manager']) {
      const reviewer = await apiAs(platform.base, who);
      const current = await reviewer.get(`/v1/star/nominations/${nomination.id}`);
      const res = await reviewer.post(
        `/v1/star/nominations/${nomination.id}/decisions`,
        { decision: 'approve' },
        { 'if-match': current.etag },
      );
      assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
    }

    const gm = await newPage(browser, platform.base);
    await signIn(gm, platform.base, 'branch_gm');
    await gm.goto(`${platform.base}/star`);
    await gm.getByRole('cell', { name: '前台客服 许晴' }).first().click();
    const gmDetail = gm.getByTestId('nomination-detail');
    await gmDetail.getByText('分公司总经理审定').waitFor();
    await shots(gm, 'star.review');
    await gmDetail.getByRole('button', { name: /^通\s?过$/ }).click();
    await gm.getByText('已通过').first().waitFor();
    await gm.close();

    const hr = await newPage(browser, platform.base);
    await signIn(hr, platform.base, 'branch_hr');
    await hr.goto(`${platform.base}/star`);
    await hr.getByLabel(/奖励/).fill('奖金 500 元');
    await hr.getByRole('button', { name: /公布获奖者/ }).click();
    await hr.getByText('获奖名单已公布').waitFor();
    await hr
      .getByTestId('star-winners')
      .getByText(/★ 前台客服 许晴/)
      .waitFor();
    await shots(hr, 'star.announced');
    await hr.close();
  });

  it('a branch GM reads the reports and drills into the breached cases in the work queue', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'branch_gm');
    await page.getByRole('menuitem', { name: '报表' }).click();
    await page.getByRole('heading', { name: '报表', exact: true }).waitFor();
    await shots(page, 'reports.daily');
    for (const [tab, name] of [
      ['回访', 'reports.followups'],
      ['一次维修成功率', 'reports.first-time-fix'],
      ['超时', 'reports.breaches'],
    ]) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.getByRole('button', { name: '下载 CSV' }).first().waitFor();
      await shots(page, name);
    }
    await page.getByRole('link', { name: '在工单队列中查看超时工单' }).click();
    await page.waitForURL((url) => url.pathname === '/queue' && url.searchParams.get('breached') === '1');
    await shots(page, 'reports.drill-down');
    await page.close();
  });

  it('every other administration and integrations screen, in both languages', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'tenant_admin');
    const screens = [
      ['/admin/org', '组织架构', 'admin.org'],
      ['/admin/owners', '业主', 'admin.owners'],
      ['/admin/departments', '部门与施工单位', 'admin.departments'],
      ['/admin/staff', '员工与授权', 'admin.staff'],
      ['/admin/notices', '公告', 'admin.notices'],
      ['/admin/channels', '通知渠道', 'admin.channels'],
      ['/integrations/events', '事件与死信', 'integrations.events'],
      ['/integrations/api-keys', 'API 密钥', 'integrations.api-keys'],
      ['/integrations/audit-log', '操作日志', 'integrations.audit-log'],
    ];
    for (const [path, heading, name] of screens) {
      await page.goto(`${platform.base}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await shots(page, name);
    }
    // Edit in place: a building renamed in the tree.
    await page.goto(`${platform.base}/admin/org`);
    const tree = page.getByRole('tree');
    await tree.getByText('西溪花园').first().waitFor();
    const admin = await apiAs(platform.base, 'tenant_admin');
    const row = page.getByTestId(`project:${xixi}`);
    await row.locator('.ant-typography-edit').click();
    const editor = page.locator('.ant-typography-edit-content textarea');
    await editor.fill('西溪花园（一期）');
    await editor.press('Enter');
    await page
      .getByText('已保存')
      .first()
      .waitFor()
      .catch(async (e) => {
        await page.screenshot({ path: `${screenshotDir}debug.org.png` });
        throw e;
      });
    assert.equal((await admin.get(`/v1/projects/${xixi}`)).body.name, '西溪花园（一期）');
    await shots(page, 'admin.org.edited');
    await page.close();
  });

  it('the admin configures an SMS channel and test-sends one message, seeing what the gateway answered', async () => {
    const admin = await apiAs(platform.base, 'tenant_admin');
    const gateway = receiverUrl.replace('/hooks/guanjia', '/sms/send');
    const created = await admin.post('/v1/notification-channels', {
      kind: 'sms',
      endpointUrl: gateway,
      credentials: { apiKey: 'e2e-sms-key' },
      sender: { sign: '管家物业' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const before = received.length;

    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'tenant_admin');
    await page.goto(`${platform.base}/admin/channels`);
    await page.getByRole('heading', { name: '通知渠道', exact: true }).waitFor();
    await page.getByLabel('接收人').fill('13800001111');
    await page.getByRole('button', { name: '发送测试' }).click();
    await page.getByText('服务商已接收测试消息').waitFor();
    await page.getByText('e2e receiver').first().waitFor();
    assert.equal(received.length, before + 1, 'one message reached the gateway');
    const sms = JSON.parse(received.at(-1).body);
    assert.equal(sms.to, '13800001111');
    assert.equal(received.at(-1).headers.authorization, 'Bearer e2e-sms-key');
    await shots(page, 'admin.channels.test');

    // A wrong recipient for the kind is named on its field, and nothing is sent.
    await page.getByLabel('接收人').fill('someone@example.com');
    await page.getByRole('button', { name: '发送测试' }).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    assert.equal(received.length, before + 1);
    const log = await admin.get('/v1/audit-log?action=notification_channels.test&limit=5');
    assert.ok(
      log.body.data.some((e) => e.targetId === created.body.id),
      'the test is audit-logged',
    );
    await page.close();
  });
});
