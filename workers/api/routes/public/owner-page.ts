import { cases as core } from '@guanjia/core';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import {
  type OwnerLinkContext,
  type OwnerStep,
  type OwnerView,
  ownerStep,
  ownerView,
} from '../../../app/cases';
import type { AppEnv } from '../../../env';
import { createRouter } from '../../app';
import { toAppError } from '../../lib/problem';
import { systemFontStack } from '../../lib/system-fonts';
import { useContentSecurityPolicy } from '../../middleware/security-headers';
import { linkContext } from './owner-link';

/*
 * The page an owner opens from the link in an SMS, WeChat message or email (no login, no
 * script): the case's status and progress, the notices of its estate, and the owner's own steps
 * (confirm the repair, rate the service) as plain forms. Chinese first; `?lang=en` or an English
 * browser gets English.
 */
export const ownerPageRouter = createRouter();

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
button{background:#1456f0;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:16px}
textarea{width:100%;box-sizing:border-box;min-height:80px}
.error{color:#d83931}.lang{float:right;font-size:14px}
`;

let pageCssSource: string | undefined;
async function pageCssHashSource(): Promise<string> {
  if (!pageCssSource) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pageCss));
    pageCssSource = `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
  }
  return pageCssSource;
}

// Every owner page, the refusals included: the inline style is the one thing beyond 'self'.
ownerPageRouter.use('/owner-link/*', async (c, next) => {
  useContentSecurityPolicy(c, { 'style-src': ["'self'", await pageCssHashSource()] });
  await next();
});

type Labels = ReturnType<typeof core.ownerLabels>;

const FollowUpForm = z.object({
  satisfaction: z.coerce.number().int().min(1).max(5),
  lowRatingReason: z
    .enum(core.lowRatingReasons)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  comment: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined),
});

function localeOf(c: Context<AppEnv>) {
  return core.pickOwnerLocale(c.req.query('lang'), c.req.header('Accept-Language'));
}

function when(iso: string, locale: core.OwnerLocale, timeZone: string) {
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

function layout(locale: core.OwnerLocale, title: string, body: unknown, switchHref: string | null = null) {
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

function casePage(
  ctx: OwnerLinkContext,
  view: OwnerView,
  locale: core.OwnerLocale,
  token: string,
  error?: string,
) {
  const t = core.ownerLabels(locale, ctx.settings.categories);
  const tz = ctx.tenant.timeZone;
  const self = `/owner-link/${token}`;
  const lang = locale === 'en' ? '?lang=en' : '';
  const other = `${self}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`;
  const body = html`
<h1>${ctx.tenant.name} · ${t.text('title')}</h1>
${error ? html`<section class="error" role="alert">${error}</section>` : ''}
<section>
<dl>
<dt>${t.text('archiveNo')}</dt><dd>${view.archiveNo}</dd>
<dt>${t.text('status')}</dt><dd><span class="status">${t.status(view.status)}</span></dd>
<dt>${t.text('kind')}</dt><dd>${t.kind(view.kind)}</dd>
<dt>${t.text('category')}</dt><dd>${t.category(view.category)}</dd>
<dt>${t.text('receivedAt')}</dt><dd>${when(view.receivedAt, locale, tz)}</dd>
${view.visitBookedFor ? html`<dt>${t.text('visitBookedFor')}</dt><dd>${when(view.visitBookedFor, locale, tz)}</dd>` : ''}
<dt>${t.text('description')}</dt><dd>${view.description}</dd>
${view.satisfaction ? html`<dt>${t.text('rated')}</dt><dd>${view.satisfaction} · ${t.satisfaction(view.satisfaction)}</dd>` : ''}
</dl>
</section>
${view.allowedActions.includes('sign_off') ? signOffForm(t, `${self}/sign-off${lang}`) : ''}
${view.allowedActions.includes('follow_up') ? followUpForm(t, `${self}/follow-up${lang}`) : ''}
<section>
<h2>${t.text('timeline')}</h2>
<ol>${view.timeline
    .slice()
    .reverse()
    .map(
      (e) =>
        html`<li><time datetime="${e.at}">${when(e.at, locale, tz)}</time>${t.step(e.action)}${e.note ? html`：${e.note}` : ''}</li>`,
    )}</ol>
</section>
${
  view.notices.length > 0
    ? html`<section><h2>${t.text('notices')}</h2>${view.notices.map(
        (n) =>
          html`<article><h3>${n.title}</h3><time datetime="${n.publishedAt}">${when(n.publishedAt, locale, tz)}</time><p>${n.body}</p></article>`,
      )}</section>`
    : ''
}`;
  return layout(locale, `${t.text('title')} ${view.archiveNo}`, body, other);
}

function signOffForm(t: Labels, action: string) {
  return html`<section><h2>${t.text('signOff')}</h2><p>${t.text('signOffHint')}</p>
<form method="post" action="${action}"><button type="submit">${t.text('signOff')}</button></form></section>`;
}

function followUpForm(t: Labels, action: string) {
  return html`<section><h2>${t.text('followUp')}</h2>
<form method="post" action="${action}">
<fieldset><legend>${t.text('satisfaction')}</legend>
${[5, 4, 3, 2, 1].map((n) => html`<label><input type="radio" name="satisfaction" value="${n}" required> ${n} ${t.satisfaction(n)}</label><br>`)}
</fieldset>
<fieldset><legend>${t.text('lowRatingReason')}</legend>
${core.lowRatingReasons.map((r) => html`<label><input type="radio" name="lowRatingReason" value="${r}"> ${t.lowRatingReason(r)}</label><br>`)}
</fieldset>
<p><label>${t.text('comment')}<br><textarea name="comment" maxlength="2000"></textarea></label></p>
<button type="submit">${t.text('submit')}</button>
</form></section>`;
}

/** A refusal as a page in the owner's language; the status stays the API's. */
function errorPage(c: Context<AppEnv>, error: unknown) {
  const appError = toAppError(error);
  const locale = localeOf(c);
  const t = core.ownerLabels(locale, []);
  const message =
    appError.code === 'invalid_token'
      ? t.text('invalidLink')
      : appError.code === 'rate_limited'
        ? t.text('tooMany')
        : appError.code === 'not_found'
          ? t.text('notFound')
          : null;
  if (!message) throw error;
  const status = appError.code === 'invalid_token' ? 401 : appError.code === 'rate_limited' ? 429 : 404;
  return c.html(
    layout(locale, t.text('title'), html`<section class="error" role="alert">${message}</section>`),
    status,
  );
}

ownerPageRouter.get('/owner-link/:token', async (c) => {
  try {
    const token = c.req.param('token');
    const ctx = await linkContext(c, token);
    return c.html(casePage(ctx, await ownerView(ctx), localeOf(c), token));
  } catch (error) {
    return errorPage(c, error);
  }
});

ownerPageRouter.post('/owner-link/:token/:step{sign-off|follow-up}', async (c) => {
  const token = c.req.param('token');
  const locale = localeOf(c);
  let ctx: OwnerLinkContext;
  try {
    ctx = await linkContext(c, token);
  } catch (error) {
    return errorPage(c, error);
  }
  const t = core.ownerLabels(locale, ctx.settings.categories);
  const refuse = async (message: string) =>
    c.html(casePage(ctx, await ownerView(ctx), locale, token, message), 400);
  let step: OwnerStep = { type: 'sign_off' };
  if (c.req.param('step') === 'follow-up') {
    const form = FollowUpForm.safeParse(await c.req.parseBody());
    if (!form.success) return refuse(t.text('pickRating'));
    step = { type: 'follow_up', ...form.data };
  }
  try {
    await ownerStep(ctx, step);
  } catch (error) {
    const code = toAppError(error).code;
    if (code === 'illegal_transition' || code === 'conflict' || code === 'validation_failed')
      return refuse(t.text('notNow'));
    throw error;
  }
  // Post/redirect/get: a reload does not submit twice.
  return c.redirect(`/owner-link/${token}${locale === 'en' ? '?lang=en' : ''}`, 303);
});
