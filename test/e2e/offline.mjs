// Issue 16: /docs, the console and an owner page load nothing from another origin.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { apiAs, newPage, screenshotDir } from './platform.mjs';

/** The stories, on the platform and browser the suite started (`ctx.platform`, `ctx.browser`). */
export function offlineStories(ctx) {
  /** Opens the path and returns every request the page made that left the Worker's origin. */
  async function foreignRequests(path, ready) {
    const { platform, browser } = ctx;
    const page = await newPage(browser, platform.base);
    const origin = new URL(platform.base).origin;
    const foreign = [];
    page.on('request', (request) => {
      const url = request.url();
      if (/^(data|blob|about):/.test(url)) return;
      if (new URL(url).origin !== origin) foreign.push(url);
    });
    await page.goto(`${platform.base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    await page.close();
    return foreign;
  }

  describe('every page works with no outside network', () => {
    it('/docs renders the API reference from the Worker itself', async () => {
      const foreign = await foreignRequests('/docs', async (page) => {
        await page.getByText('Guanjia 管家 API').first().waitFor({ timeout: 30_000 });
        // The first tag's operations are listed with their paths.
        await page.getByText('/platform/tenants').first().waitFor();
        mkdirSync(screenshotDir, { recursive: true });
        await page.screenshot({ path: join(screenshotDir, 'docs.png') });
      });
      assert.deepEqual(foreign, []);
    });

    it('the console’s login page', async () => {
      const foreign = await foreignRequests('/login', (page) =>
        page.getByRole('heading', { name: /员工登录/ }).waitFor(),
      );
      assert.deepEqual(foreign, []);
    });

    it('an owner’s case page', async () => {
      const { platform } = ctx;
      const hotline = await apiAs(platform.base, 'hotline_agent');
      const created = await hotline.post(
        '/v1/cases',
        {
          kind: 'inquiry',
          channel: 'hotline',
          projectId: `prj_${'0'.repeat(21)}00001`,
          contact: { phone: '13600009999' },
          category: 'other',
          description: '停车位怎么租',
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      assert.equal(created.status, 201);
      const path = new URL(created.body.ownerLink.url).pathname;
      const foreign = await foreignRequests(path, (page) =>
        page.getByText(created.body.archiveNo).first().waitFor(),
      );
      assert.deepEqual(foreign, []);
    });
  });
}
