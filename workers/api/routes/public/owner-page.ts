import { cases as core } from '@guanjia/core';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import {
  chaseCase,
  type OwnerLinkContext,
  type OwnerNotice,
  type OwnerStep,
  type OwnerView,
  openOwnerNotice,
  ownerStep,
  ownerView,
} from '../../../app/cases';
import type { AppEnv } from '../../../env';
import { createRouter } from '../../app';
import { toAppError } from '../../lib/problem';
import { layout, localeOf, ownerPagePolicy, when } from './owner-layout';
import { linkContext } from './owner-link';

/*
 * The page an owner opens from the link in an SMS, WeChat message or email (no login, no
 * script): the case's status and progress, the notices of its estate, and the owner's own steps
 * (confirm the repair, rate the service) as plain forms. Chinese first; `?lang=en` or an English
 * browser gets English.
 */
export const ownerPageRouter = createRouter();

// Every owner page, the refusals included: the inline style is the one thing beyond 'self'.
ownerPageRouter.use('/owner-link/*', ownerPagePolicy);

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

function casePage(
  ctx: OwnerLinkContext,
  view: OwnerView,
  locale: core.OwnerLocale,
  token: string,
  error?: string,
  ok?: string,
) {
  const t = core.ownerLabels(locale, ctx.settings.categories);
  const tz = ctx.tenant.timeZone;
  const self = `/owner-link/${token}`;
  const lang = locale === 'en' ? '?lang=en' : '';
  const other = `${self}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`;
  const body = html`
<h1>${ctx.tenant.name} · ${t.text('title')}</h1>
${error ? html`<section class="error" role="alert">${error}</section>` : ''}
${ok ? html`<section class="ok" role="status">${ok}</section>` : ''}
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
${chaseSection(ctx, locale, `${self}/chase${lang}`)}
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
          html`<article><h3><a href="${self}/notices/${n.id}${lang}">${n.title}</a></h3><time datetime="${n.publishedAt}">${when(n.publishedAt, locale, tz)}</time><p>${excerpt(n.body)} <a href="${self}/notices/${n.id}${lang}">${t.text('readNotice')}</a></p></article>`,
      )}</section>`
    : ''
}`;
  return layout(locale, `${t.text('title')} ${view.archiveNo}`, body, other);
}

/** The first lines of a notice on the case page: opening it (its own page) is what counts as a read. */
const excerpt = (body: string) => (body.length > 60 ? `${body.slice(0, 60)}…` : body);

/** One notice, opened from the case page: the read is recorded once per owner. */
function noticePage(ctx: OwnerLinkContext, notice: OwnerNotice, locale: core.OwnerLocale, token: string) {
  const t = core.ownerLabels(locale, ctx.settings.categories);
  const self = `/owner-link/${token}`;
  const lang = locale === 'en' ? '?lang=en' : '';
  const other = `${self}/notices/${notice.id}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`;
  const body = html`
<h1>${ctx.tenant.name} · ${t.text('notices')}</h1>
<article><h2>${notice.title}</h2><time datetime="${notice.publishedAt}">${when(notice.publishedAt, locale, ctx.tenant.timeZone)}</time><p>${notice.body}</p></article>
<p><a href="${self}${lang}">${t.text('backToCase')}</a></p>`;
  return layout(locale, notice.title, body, other);
}

/** 催单: the button while the owner may chase, else when they may chase again; nothing once the case is finished. */
function chaseSection(ctx: OwnerLinkContext, locale: core.OwnerLocale, action: string) {
  const hours = ctx.settings.chaseIntervalHours;
  const verdict = core.chaseVerdict(ctx.row, hours, ctx.scope.now);
  if (!verdict.ok && verdict.reason === 'finished') return '';
  const title = core.reportText(locale, 'chase');
  if (!verdict.ok) {
    const at = when(verdict.nextAt.toISOString(), locale, ctx.tenant.timeZone);
    return html`<section><h2>${title}</h2><p class="hint">${core.reportText(locale, 'chaseTooSoon', { at })}</p></section>`;
  }
  return html`<section><h2>${title}</h2><p class="hint">${core.reportText(locale, 'chaseHint', { n: hours })}</p>
<form method="post" action="${action}"><button type="submit">${title}</button></form></section>`;
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
    const locale = localeOf(c);
    const chased = c.req.query('chased') === '1' ? core.reportText(locale, 'chased') : undefined;
    return c.html(casePage(ctx, await ownerView(ctx), locale, token, undefined, chased));
  } catch (error) {
    return errorPage(c, error);
  }
});

ownerPageRouter.get('/owner-link/:token/notices/:noticeId', async (c) => {
  try {
    const token = c.req.param('token');
    const ctx = await linkContext(c, token);
    const notice = await openOwnerNotice(ctx, c.req.param('noticeId'));
    return c.html(noticePage(ctx, notice, localeOf(c), token));
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

/** 催单: counted once per case per the tenant's interval; past it, the page says when the owner may chase again. */
ownerPageRouter.post('/owner-link/:token/chase', async (c) => {
  const token = c.req.param('token');
  const locale = localeOf(c);
  let ctx: OwnerLinkContext;
  try {
    ctx = await linkContext(c, token);
  } catch (error) {
    return errorPage(c, error);
  }
  const result = await chaseCase(ctx);
  if (!result.chased) {
    const message =
      result.reason === 'finished'
        ? core.reportText(locale, 'chaseFinished')
        : core.reportText(locale, 'chaseTooSoon', {
            at: when(result.nextAt.toISOString(), locale, ctx.tenant.timeZone),
          });
    const status = result.reason === 'finished' ? 409 : 429;
    if (result.reason === 'too_soon') {
      c.header(
        'Retry-After',
        String(Math.max(1, Math.ceil((result.nextAt.getTime() - ctx.scope.now.getTime()) / 1000))),
      );
    }
    return c.html(casePage(ctx, await ownerView(ctx), locale, token, message), status);
  }
  return c.redirect(`/owner-link/${token}?${locale === 'en' ? 'lang=en&' : ''}chased=1`, 303);
});
