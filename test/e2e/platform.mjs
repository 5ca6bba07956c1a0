// The platform as `npm run dev` starts it (fresh local D1 migrated, demo seed, wrangler dev on
// loopback), and Debian's Chromium driven by playwright-core, for the browser stories.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureDevVars, migrateLocal, seedDemo, startWrangler } from '../../scripts/local.mjs';

export const port = Number(process.env.E2E_PORT ?? 8811);
export const screenshotDir = new URL('../../.e2e/screenshots/', import.meta.url).pathname;
export const demoPassword = 'Guanjia@2026';

/** Starts the Worker on a fresh persist dir with the demo group; `stop()` ends it and removes the dir. */
export async function startPlatform() {
  if (!existsSync(new URL('../../packages/console/dist/index.html', import.meta.url))) {
    throw new Error('Build the console first: npm run build');
  }
  const persistTo = mkdtempSync(join(tmpdir(), 'guanjia-e2e-'));
  await ensureDevVars();
  migrateLocal(persistTo);
  const wrangler = await startWrangler({ port, persistTo, quiet: true, inspectorPort: port + 1000 });
  const demo = await seedDemo(wrangler.base);
  return {
    base: wrangler.base,
    demo,
    stop: async () => {
      await wrangler.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags this closed network needs and a fresh profile. */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'guanjia-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh page in its own storage (its own session and remembered language). */
export async function newPage(browser, base, { mobile = false } = {}) {
  const page = await browser.context.newPage();
  if (mobile) await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${base}/login`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  return page;
}

export async function signIn(page, base, who) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/集团代码|Group code/).fill('demo');
  await page.getByLabel(/^(账号|Login)$/).fill(`${who}@demo.guanjia.dev`);
  await page.getByLabel(/^(密码|Password)$/).fill(demoPassword);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Screenshots of the screen as it is, in zh-CN and then in English (the header's switch), back
 * to zh-CN after: `<story>.<step>.zh-CN.png` and `.en.png`.
 */
export async function shots(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // Settled: no request running and no spinner or skeleton left on the screen.
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'),
      null,
      {
        timeout: 30_000,
      },
    );
  };
  await settled();
  await page.screenshot({ path: join(screenshotDir, `${name}.zh-CN.png`), fullPage: true });
  await page.getByRole('button', { name: 'English' }).first().click();
  // The English pack is its own chunk: the screen switches once it has loaded (the switch then
  // offers 中文).
  await page.getByRole('button', { name: '中文' }).first().waitFor();
  await settled();
  await page.screenshot({ path: join(screenshotDir, `${name}.en.png`), fullPage: true });
  await page.getByRole('button', { name: '中文' }).first().click();
  await page.getByRole('button', { name: 'English' }).first().waitFor();
  await page.waitForTimeout(200);
}

/** The API as an integrator calls it (setting up what a story starts from). */
export async function apiAs(base, who) {
  const res = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login: `${who}@demo.guanjia.dev`, password: demoPassword }),
  });
  if (!res.ok) throw new Error(`login ${who}: ${res.status} ${await res.text()}`);
  const { accessToken } = await res.json();
  const call = async (method, path, body, headers = {}) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, etag: r.headers.get('etag') };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    /** A step on the case at its current version. */
    act: async (caseId, body) => {
      const current = await call('GET', `/v1/cases/${caseId}`);
      const res = await call('POST', `/v1/cases/${caseId}/actions`, body, { 'if-match': current.etag });
      if (res.status !== 200) throw new Error(`${body.type}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}
