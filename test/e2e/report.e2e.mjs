// Browser story of the public report page (业主自助报修) and the chase (催单), in real Chromium on
// a 375 px phone viewport against the real Worker with the demo group: an owner files a repair
// with photos after the SMS code (read from a local SMS provider over real HTTP), opens the owner
// link and chases. Once in Chinese, once in English; screenshots in .e2e/screenshots/report.*.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiAs, launchBrowser, newPage, screenshotDir, shots, signIn, startPlatform } from './platform.mjs';

const demoId = (prefix, n) => `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
const xixi = demoId('prj', 1);

/** A local SMS gateway: keeps what it is sent. */
function startSmsGateway() {
  const messages = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      try {
        messages.push(JSON.parse(body));
      } catch {}
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/sms`,
        messages,
        close: () => server.close(),
      }),
    );
  });
}

/** The newest code texted to `phone`, waiting briefly for it. */
async function codeFor(gateway, phone) {
  for (let i = 0; i < 100; i++) {
    const m = gateway.messages.filter((x) => x.to === phone && x.template === 'report.code').at(-1);
    if (m) return m.params.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code texted to ${phone}`);
}

let platform;
let browser;
let gateway;
let photoDir;

before(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  gateway = await startSmsGateway();
  const admin = await apiAs(platform.base, 'tenant_admin');
  const created = await admin.post('/v1/notification-channels', {
    kind: 'sms',
    endpointUrl: gateway.url,
    credentials: { apiKey: 'e2e' },
    sender: { sign: '示范物业' },
    enabled: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  photoDir = mkdtempSync(join(tmpdir(), 'guanjia-photos-'));
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  writeFileSync(join(photoDir, 'leak-1.png'), png);
  writeFileSync(join(photoDir, 'leak-2.png'), png);
});
after(async () => {
  gateway?.close();
  await browser?.close();
  await platform?.stop();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

const shot = async (page, name) => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `report.${name}.png`), fullPage: true });
};

const stories = [
  {
    lang: 'zh-CN',
    q: '',
    phone: '13912340001',
    text: {
      building: '1号楼',
      phone: '手机号',
      unit: '房号',
      kind: '类型',
      category: '类别',
      description: '问题描述',
      sendCode: '获取短信验证码',
      code: '短信验证码',
      photos: /照片/,
      submit: '提交报修',
      wrong: /验证码不正确/,
      filed: '提交成功，我们已受理您的工单。',
      open: '查看我的工单',
      chase: '催单',
      chased: '已催单，我们已提醒处理人员尽快处理。',
      tooSoon: /您已催过单，请于 .* 后再催。/,
      timeline: '您已催单',
    },
    description: '卫生间天花板渗水，已经滴了一晚上',
  },
  {
    lang: 'en',
    q: '?lang=en',
    phone: '13912340002',
    text: {
      building: '1号楼',
      phone: 'Mobile number',
      unit: 'Unit',
      kind: 'Type',
      category: 'Category',
      description: 'What is the problem?',
      sendCode: 'Text me a code',
      code: 'Code from the text',
      photos: /Photos/,
      submit: 'Submit',
      wrong: /That code is not right/,
      filed: 'Thank you: your case is received.',
      open: 'Open my case',
      chase: 'Chase this case',
      chased: 'Chased: we have reminded the handler to hurry.',
      tooSoon: /You have chased this case already\. You may chase again after/,
      timeline: 'You chased this case',
    },
    description: 'Water is dripping from the bathroom ceiling',
  },
];

describe('the public report page on a phone', () => {
  for (const story of stories) {
    it(`an owner files a repair with photos after the SMS code, then chases it (${story.lang})`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 375, height: 812 });
      const t = story.text;

      // The project's page (the QR code on the estate's notice board): pick the building.
      await page.goto(`${platform.base}/report/demo/${xixi}${story.q}`);
      await page.getByRole('heading', { name: /西溪花园/ }).waitFor();
      assert.equal(await page.locator('script').count(), 0, 'no script on the page');
      await shot(page, `1-project.${story.lang}`);
      await page.getByRole('link', { name: t.building, exact: true }).click();

      // The building's form.
      await page.getByLabel(t.phone).fill(story.phone);
      await page.getByLabel(t.unit).selectOption({ label: '1号楼 1-102' });
      await page.getByLabel(t.kind).selectOption('repair');
      await page.getByLabel(t.category).selectOption('leaks.roof');
      await page.getByLabel(t.description).fill(story.description);
      await shot(page, `2-form.${story.lang}`);
      await page.getByRole('button', { name: t.sendCode }).click();

      // The code step: the fields kept, a wrong code first.
      await page.getByLabel(t.code).waitFor();
      await shot(page, `3-code-sent.${story.lang}`);
      const code = await codeFor(gateway, story.phone);
      await page.getByLabel(t.code).fill(code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: t.submit, exact: true }).click();
      await page.getByRole('alert').getByText(t.wrong).waitFor();
      assert.equal(await page.getByLabel(t.description).inputValue(), story.description);
      await shot(page, `4-wrong-code.${story.lang}`);

      // The right code with two photos: filed.
      await page.getByLabel(t.code).fill(code);
      await page
        .getByLabel(t.photos)
        .setInputFiles([join(photoDir, 'leak-1.png'), join(photoDir, 'leak-2.png')]);
      await page.getByRole('button', { name: t.submit, exact: true }).click();
      await page.getByText(t.filed).waitFor();
      const archiveNo = (await page.locator('dd.big').textContent()).trim();
      assert.match(archiveNo, /^\d{11,}$/);
      await shot(page, `5-filed.${story.lang}`);

      // The case, as staff see it: on the web channel, with its photos.
      const hotline = await apiAs(platform.base, 'hotline_agent');
      const found = await hotline.get(`/v1/cases?channel=web&unitId=${demoId('unit', 2)}&limit=100`);
      const row = found.body.data.find((c) => c.archiveNo === archiveNo);
      assert.ok(row, 'the case is in the list');
      assert.equal(row.channel, 'web');
      const attachments = await hotline.get(`/v1/cases/${row.id}/attachments`);
      assert.equal(attachments.body.data.length, 2);

      // The owner link, then the chase.
      await page.getByRole('link', { name: t.open }).click();
      await page.getByText(archiveNo).first().waitFor();
      await page.getByRole('button', { name: t.chase }).click();
      await page.getByText(t.chased).waitFor();
      await page.getByText(t.timeline).first().waitFor();
      await page.getByText(t.tooSoon).waitFor();
      assert.equal(await page.getByRole('button', { name: t.chase }).count(), 0, 'no second chase yet');
      await shot(page, `6-chased.${story.lang}`);
      const chased = await hotline.get(`/v1/cases/${row.id}`);
      assert.equal(chased.body.chaseCount, 1);
      await page.close();

      if (story.lang === 'zh-CN') {
        // Staff see the chase on the case in the console: the count and the timeline entry.
        const desk = await newPage(browser, platform.base);
        await signIn(desk, platform.base, 'cs_supervisor');
        await desk.goto(`${platform.base}/cases/${row.id}`);
        await desk.getByTestId('case-chases').getByText('业主催单 1 次').waitFor();
        await desk.getByText('业主催单').nth(1).waitFor();
        await shots(desk, 'report.console-case-chased');
        // And in the work queue, beside the case's status.
        await desk.goto(`${platform.base}/queue`);
        await desk.getByRole('link', { name: archiveNo }).waitFor();
        await desk
          .getByRole('row', { name: new RegExp(archiveNo) })
          .getByText('业主催单 1 次')
          .waitFor();
        await desk.close();
      }
    });
  }
});

describe('the console’s report QR codes', () => {
  it('a CS supervisor prints the QR codes of 西溪花园 and its buildings', async () => {
    const page = await newPage(browser, platform.base);
    await signIn(page, platform.base, 'cs_supervisor');
    await page.getByRole('menuitem', { name: '报修二维码' }).click();
    await page.getByRole('heading', { name: '报修二维码' }).waitFor();
    await page.getByText('西溪花园 · 全项目').waitFor();
    await page.getByText('西溪花园 2号楼').first().waitFor();
    await page.locator('.gj-qr-card div[role="img"] > svg').nth(2).waitFor();
    assert.equal(
      await page.locator('.gj-qr-card div[role="img"] > svg').count(),
      3,
      'the project and its two buildings',
    );
    const link = await page
      .getByRole('link', { name: /\/report\/demo\// })
      .first()
      .getAttribute('href');
    assert.equal(link, `${platform.base}/report/demo/${xixi}`);
    await shots(page, 'report.qr-console');
    await page.close();
  });
});
