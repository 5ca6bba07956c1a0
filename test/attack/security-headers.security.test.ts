import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { buildApi } from '../../workers/api';
import { signOwnerLink } from '../../workers/auth/owner-link';
import { demoTenant } from '../../workers/seed/demo-data';
import { act, as, fx, hotlineRepair, intake } from '../cases/support';
import { type ApiResponse, call } from '../support/api';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every header an HTML page of the Worker must carry, whatever its route or state. */
function expectPageHeaders(res: ApiResponse, what: string) {
  const h = res.headers;
  expect(h.get('content-type'), what).toMatch(/^text\/html/);
  const csp = h.get('Content-Security-Policy') ?? '';
  for (const directive of [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(csp, what).not.toMatch(/https?:|\*/); // nothing beyond the Worker's own origin
  expect(h.get('X-Content-Type-Options'), what).toBe('nosniff');
  expect(h.get('Referrer-Policy'), what).toBe('no-referrer');
  expect(h.get('X-Frame-Options'), what).toBe('DENY');
  expect(h.get('Cache-Control'), what).toBe('no-store');
}

/** The owner's page in every state it can answer in, with the response of each. */
async function ownerPagesInEveryState(): Promise<Record<string, ApiResponse>> {
  const hotline = await as('hotline_agent');
  const received = await intake(hotline, hotlineRepair({ description: '阳台漏水' }));
  const done = await intake(hotline, hotlineRepair({ description: '门锁损坏' }));
  await act(hotline, done.id, { type: 'dispatch', contractorId: fx.contractor1 });
  const contractor = await as('contractor_staff');
  await act(contractor, done.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
  await act(contractor, done.id, { type: 'arrive' });
  await act(contractor, done.id, { type: 'complete', note: '已更换' });
  const pages: Record<string, ApiResponse> = {};
  pages.received = await call('GET', `/owner-link/${received.ownerLink.token}`);
  pages.receivedEnglish = await call('GET', `/owner-link/${received.ownerLink.token}?lang=en`);
  pages.awaitingSignOff = await call('GET', `/owner-link/${done.ownerLink.token}`);
  pages.signOffRefused = await call('POST', `/owner-link/${received.ownerLink.token}/sign-off`, {
    headers: form,
  });
  await call('POST', `/owner-link/${done.ownerLink.token}/sign-off`, { headers: form });
  pages.awaitingRating = await call('GET', `/owner-link/${done.ownerLink.token}`);
  pages.badRating = await call('POST', `/owner-link/${done.ownerLink.token}/follow-up`, {
    headers: form,
    rawBody: 'satisfaction=9',
  });
  await call('POST', `/owner-link/${done.ownerLink.token}/follow-up`, {
    headers: form,
    rawBody: 'satisfaction=5',
  });
  pages.rated = await call('GET', `/owner-link/${done.ownerLink.token}`);
  pages.invalidLink = await call('GET', '/owner-link/not-a-token');
  pages.invalidLinkPost = await call('POST', '/owner-link/not-a-token/sign-off', { headers: form });
  const missing = await signOwnerLink(
    env,
    { tenantId: demoTenant.id, caseId: 'case_00000000000000000000000000', ownerId: null },
    new Date(),
  );
  pages.caseGone = await call('GET', `/owner-link/${missing.token}`);
  for (let i = 0; i < 40 && !pages.tooMany; i++) {
    const res = await call('GET', `/owner-link/${received.ownerLink.token}`);
    if (res.status === 429) pages.tooMany = res;
  }
  return pages;
}

describe('security headers on every page of the Worker', () => {
  it('the owner page carries them in every state: case, forms, refusals, bad link, missing case, rate limited', async () => {
    const pages = await ownerPagesInEveryState();
    expect(Object.fromEntries(Object.entries(pages).map(([k, r]) => [k, r.status]))).toEqual({
      received: 200,
      receivedEnglish: 200,
      awaitingSignOff: 200,
      signOffRefused: 400,
      awaitingRating: 200,
      badRating: 400,
      rated: 200,
      invalidLink: 401,
      invalidLinkPost: 401,
      caseGone: 404,
      tooMany: 429,
    });
    for (const [state, res] of Object.entries(pages)) {
      expectPageHeaders(res, `owner page ${state}`);
      // No script at all, and the one inline style is allowed by its hash, not by 'unsafe-inline'.
      expect(String(res.body)).not.toContain('<script');
      const csp = res.headers.get('Content-Security-Policy')!;
      expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toContain('unsafe');
      const style = /<style>([\s\S]*?)<\/style>/.exec(String(res.body))![1]!;
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style));
      expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
    }
  });

  it('every GET route of the app that answers HTML carries them; every answer carries nosniff', async () => {
    const routes = [
      ...new Set(
        buildApi()
          .routes.filter((r) => r.method === 'GET')
          .map((r) => r.path),
      ),
    ];
    const html: string[] = [];
    for (const path of routes) {
      const concrete = path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, 'x_00000000000000000000000000');
      const res = await call('GET', concrete);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      if (/^text\/html/.test(res.headers.get('content-type') ?? '')) {
        html.push(path);
        expectPageHeaders(res, path);
      }
    }
    // The enumeration found the pages (a route renamed or moved still gets checked).
    expect(html).toEqual(expect.arrayContaining(['/owner-link/:token', '/docs']));
  });

  it('/docs allows its own inline start-up script by hash and nothing from another origin', async () => {
    const res = await call('GET', '/docs');
    expectPageHeaders(res, '/docs');
    const csp = res.headers.get('Content-Security-Policy')!;
    const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/.exec(String(res.body))![1]!;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(inline));
    expect(csp).toMatch(
      new RegExp(
        `script-src 'self' '${`sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`.replace(/[+/=]/g, '\\$&')}'`,
      ),
    );
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('API answers, errors included, carry nosniff but no page policy', async () => {
    for (const res of [
      await call('GET', '/healthz'),
      await call('GET', '/openapi.json'),
      await call('GET', '/v1/branches'),
      // Under an API prefix: elsewhere an unknown path is a console route (index.html, a page).
      await call('GET', '/v1/no/such/route'),
    ]) {
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Content-Security-Policy')).toBeNull();
    }
  });
});
