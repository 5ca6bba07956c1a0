// `node bench/console.mjs` (not part of npm test): from navigation to a rendered work queue of 50
// cases, p50 over 20 loads in Chromium, against the Worker with the demo group and 60 cases.
// Build the console first (npm run build).
import { apiAs, launchBrowser, newPage, signIn, startPlatform } from '../test/e2e/platform.mjs';

const loads = Number(process.env.LOADS ?? 20);
const xixi = `prj_${'0'.repeat(21)}00001`;

const platform = await startPlatform();
const browser = await launchBrowser();
try {
  const hotline = await apiAs(platform.base, 'hotline_agent');
  for (let i = 0; i < 60; i++) {
    const res = await hotline.post(
      '/v1/cases',
      {
        kind: 'inquiry',
        channel: 'hotline',
        projectId: xixi,
        contact: { phone: `1360000${String(i).padStart(4, '0')}` },
        category: 'other',
        description: `第 ${i + 1} 个咨询：停车位怎么租`,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    if (res.status !== 201) throw new Error(`case ${i}: ${res.status}`);
  }
  const page = await newPage(browser, platform.base);
  await signIn(page, platform.base, 'hotline_agent');
  const times = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(`${platform.base}/queue`);
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr[data-row-key]').length >= 50,
      null,
      {
        timeout: 30_000,
      },
    );
    times.push(await page.evaluate(() => performance.now()));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    `queue of 50 rendered after navigation, ${loads} loads: p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await platform.stop();
}
