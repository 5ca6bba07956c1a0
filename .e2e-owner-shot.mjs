import { mkdirSync } from 'node:fs';
import { apiAs, launchBrowser, startPlatform } from './test/e2e/platform.mjs';
const platform = await startPlatform();
const browser = await launchBrowser();
try {
  const hotline = await apiAs(platform.base, 'hotline_agent');
  const created = await hotline.post('/v1/cases', {
    kind: 'repair', channel: 'hotline', projectId: `prj_${'0'.repeat(21)}00001`,
    ownerId: `own_${'0'.repeat(21)}00002`,
    contact: { phone: '13600009999' }, category: 'plumbing', description: '厨房水槽下水管漏水，地面有积水',
  }, { 'idempotency-key': crypto.randomUUID() });
  console.log(created.status, JSON.stringify(created.body).slice(0, 300));
  const url = created.body.ownerLink.url.replace(/^https?:\/\/[^/]+/, platform.base);
  mkdirSync('/work/tmp', { recursive: true });
  for (const lang of ['zh-CN', 'en']) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}?lang=${lang}`);
    await page.screenshot({ path: `/work/tmp/owner-${lang}.png`, fullPage: true });
    await page.close();
  }
} finally { await browser.close(); await platform.stop(); }
