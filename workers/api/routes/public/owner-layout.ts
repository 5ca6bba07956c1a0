import { cases as core } from '@guanjia/core';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { AppEnv } from '../../../env';
import { systemFontStack } from '../../lib/system-fonts';
import { useContentSecurityPolicy } from '../../middleware/security-headers';

/*
 * What every owner page shares (the owner link's page, the public report page): one inline
 * style allowed by its CSP hash, no script, no outside asset, Chinese first with English on
 * `?lang=en` or an English browser.
 */

/** The pages' only style, inline (one request per page on a phone); allowed by its CSP hash. */
const pageCss = `
body{font-family:${systemFontStack};margin:0;background:#f5f6f8;color:#1f2329}
main{max-width:640px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px}
h1{font-size:20px;margin:8px 0 16px}h2{font-size:16px;margin:0 0 12px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px;margin:0}dt{color:#646a73}dd{margin:0}
.status{display:inline-block;padding:2px 8px;border-radius:4px;background:#e8f3ff;color:#1456f0}
ol{list-style:none;padding:0;margin:0}li{border-left:2px solid #dee0e3;padding:0 0 12px 12px}
time{color:#646a73;font-size:13px;display:block}
button{font-family:inherit;background:#1456f0;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:16px}
textarea{width:100%;box-sizing:border-box;min-height:80px}
.error{color:#d83931}.lang{float:right;font-size:14px}
.ok{color:#2ea121}.hint{color:#646a73;font-size:14px}
.field{margin:0 0 14px}.field label{display:block;margin:0 0 6px;font-weight:600}
.field input,.field select,.field textarea{font-family:inherit;width:100%;box-sizing:border-box;font-size:16px;padding:10px;border:1px solid #c9cdd4;border-radius:6px;background:#fff}
.field input[type=file]{padding:8px}
.wide{width:100%}.secondary{background:#fff;color:#1456f0;border:1px solid #1456f0}
.links{list-style:none;padding:0;margin:0}.links li{border:0;padding:0;margin:0 0 8px}
.links a{display:block;padding:12px;border:1px solid #dee0e3;border-radius:6px;text-decoration:none;color:#1f2329}
.big{font-size:24px;font-weight:700;letter-spacing:1px}
.break{word-break:break-all;font-size:13px}
a.button{display:block;text-align:center;background:#1456f0;color:#fff;border-radius:6px;padding:12px;text-decoration:none;font-size:16px}
`;

let pageCssSource: string | undefined;
async function pageCssHashSource(): Promise<string> {
  if (!pageCssSource) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pageCss));
    pageCssSource = `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
  }
  return pageCssSource;
}

/** Middleware for every owner page, refusals included: the inline style is the one thing beyond 'self'. */
export async function ownerPagePolicy(c: Context<AppEnv>, next: () => Promise<void>) {
  useContentSecurityPolicy(c, { 'style-src': ["'self'", await pageCssHashSource()] });
  await next();
}

export function localeOf(c: Context<AppEnv>) {
  return core.pickOwnerLocale(c.req.query('lang'), c.req.header('Accept-Language'));
}

export function when(iso: string, locale: core.OwnerLocale, timeZone: string) {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function layout(
  locale: core.OwnerLocale,
  title: string,
  body: unknown,
  switchHref: string | null = null,
) {
  const t = core.ownerLabels(locale, []);
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(pageCss)}</style>
</head>
<body><main>${switchHref ? html`<a class="lang" href="${switchHref}">${t.text('switchTo')}</a>` : ''}${body}</main></body>
</html>`;
}
