import { cases as core, maskPhone } from '@guanjia/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  fileReport,
  openReportPage,
  type ReportPage,
  reportPagePath,
  requestReportCode,
} from '../../../app/report';
import type { AppEnv } from '../../../env';
import { createRouter } from '../../app';
import { httpEdge } from '../../lib/edge';
import { toAppError } from '../../lib/problem';
import { textProblem } from '../../middleware/text-body';
import { ownerLinkFor } from '../cases/cases.output';
import { layout, localeOf, ownerPagePolicy, when } from './owner-layout';

/*
 * The public report page (业主自助报修), reached from the QR code posted in the estate
 * (`/report/{tenant}/{projectId}`, or a building's `/…/{buildingId}`): no login, no script,
 * plain forms that work in WeChat's browser. The owner picks their building, gives phone, unit,
 * type, category and description, asks for a one-time SMS code, then enters it with up to six
 * photos (multipart) and the case is filed. Every refusal is this page again, in the owner's
 * language, saying what to do, with what they typed kept.
 */
export const reportPageRouter = createRouter();

reportPageRouter.use('/report/*', ownerPagePolicy);

type Locale = core.OwnerLocale;
const say = core.reportText;

interface FormState {
  phone: string;
  unitId: string;
  kind: string;
  category: string;
  description: string;
}

const emptyForm: FormState = { phone: '', unitId: '', kind: 'repair', category: '', description: '' };

/** Kinds an owner reports here, in the order offered. */
const reportKinds: core.CaseKind[] = ['repair', 'complaint', 'inquiry', 'suggestion'];

const maxDescription = 2000;

/** The largest submit body: six photos of 10 MB and the form's text. */
const maxSubmitBytes = core.maxReportPhotos * core.maxReportPhotoBytes + 1024 * 1024;

function place(c: Context<AppEnv>) {
  return {
    tenantSlug: c.req.param('tenant') ?? '',
    projectId: c.req.param('project') ?? '',
    buildingId: c.req.param('building'),
  };
}

const langQuery = (locale: Locale) => (locale === 'en' ? '?lang=en' : '');
const otherLang = (path: string, locale: Locale) => `${path}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`;

function pagePath(page: ReportPage, buildingId?: string | null) {
  return reportPagePath(page.tenant.slug, page.project.id, buildingId);
}

function categoryOptions(
  nodes: readonly core.CategoryNode[],
  locale: Locale,
  prefix = '',
): { code: string; label: string }[] {
  return nodes.flatMap((n) => [
    { code: n.code, label: `${prefix}${n.labels[locale]}` },
    ...(n.children ? categoryOptions(n.children, locale, `${prefix}${n.labels[locale]} · `) : []),
  ]);
}

/** A page with a message, for refusals that have no form to show (unknown page, too busy). */
function messagePage(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  const locale = localeOf(c);
  return c.html(
    layout(
      locale,
      say(locale, 'title'),
      html`<h1>${say(locale, 'title')}</h1><section class="error" role="alert">${message}</section>`,
    ),
    status,
  );
}

/** Errors the page answers itself; anything else is the app's 500. */
function refusalOf(c: Context<AppEnv>, error: unknown) {
  const locale = localeOf(c);
  const code = toAppError(error).code;
  if (code === 'not_found') return messagePage(c, 404, say(locale, 'notFound'));
  if (code === 'rate_limited') return messagePage(c, 429, say(locale, 'tooBusy'));
  throw error;
}

/** The project's page: its buildings, each a link to its form. */
function projectPage(page: ReportPage, locale: Locale) {
  const self = pagePath(page);
  const body = html`<h1>${page.project.name} · ${say(locale, 'title')}</h1>
<section><p class="hint">${say(locale, 'intro')}</p>
<h2>${say(locale, 'pickBuilding')}</h2>
${
  page.project.buildings.length === 0
    ? html`<p class="error">${say(locale, 'noBuildings')}</p>`
    : html`<ul class="links">${page.project.buildings.map(
        (b) => html`<li><a href="${pagePath(page, b.id)}${langQuery(locale)}">${b.name}</a></li>`,
      )}</ul>`
}</section>`;
  return layout(locale, `${page.project.name} · ${say(locale, 'title')}`, body, otherLang(self, locale));
}

interface FormView {
  stage: 'start' | 'verify';
  form: FormState;
  error?: string | undefined;
  info?: string | undefined;
}

/**
 * The building's form. `start`: the case's fields and "text me a code". `verify`: the same
 * fields (still editable), the code, the photos and "submit"; "send a new code" posts the
 * fields back to the code step.
 */
function formPage(page: ReportPage, locale: Locale, view: FormView) {
  const building = page.building;
  if (!building) return projectPage(page, locale);
  const self = pagePath(page, building.id);
  const q = langQuery(locale);
  const t = core.ownerLabels(locale, page.settings.categories);
  const f = view.form;
  const fields = html`
<div class="field"><label for="phone">${say(locale, 'phone')}</label>
<input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20" required value="${f.phone}"></div>
<div class="field"><label for="unitId">${say(locale, 'unit')}</label>
<select id="unitId" name="unitId" required><option value="">${say(locale, 'pickUnit')}</option>${building.units.map(
    (u) =>
      html`<option value="${u.id}"${u.id === f.unitId ? html` selected` : ''}>${building.name} ${u.number}</option>`,
  )}</select></div>
<div class="field"><label for="kind">${say(locale, 'kind')}</label>
<select id="kind" name="kind" required>${reportKinds.map(
    (k) => html`<option value="${k}"${k === f.kind ? html` selected` : ''}>${t.kind(k)}</option>`,
  )}</select></div>
<div class="field"><label for="category">${say(locale, 'category')}</label>
<select id="category" name="category" required><option value="">—</option>${categoryOptions(
    page.settings.categories,
    locale,
  ).map(
    (o) => html`<option value="${o.code}"${o.code === f.category ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>
<div class="field"><label for="description">${say(locale, 'description')}</label>
<textarea id="description" name="description" maxlength="${maxDescription}" required>${f.description}</textarea></div>`;
  const body =
    view.stage === 'start'
      ? html`<form method="post" action="${self}/code${q}">${fields}
<button class="wide" type="submit">${say(locale, 'sendCode')}</button></form>`
      : html`<form method="post" action="${self}/submit${q}" enctype="multipart/form-data">${fields}
<div class="field"><label for="code">${say(locale, 'code')}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required></div>
<div class="field"><label for="photos">${say(locale, 'photos')}</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp,image/heic" multiple></div>
<button class="wide" type="submit">${say(locale, 'submit')}</button>
<p><button class="wide secondary" type="submit" formaction="${self}/code${q}" formenctype="application/x-www-form-urlencoded" formnovalidate>${say(locale, 'resend')}</button></p>
</form>`;
  const page_ = html`<h1>${page.project.name} · ${say(locale, 'title')}</h1>
${view.error ? html`<section class="error" role="alert">${view.error}</section>` : ''}
${view.info ? html`<section class="ok" role="status">${view.info}</section>` : ''}
<section>${view.stage === 'start' ? html`<p class="hint">${say(locale, 'intro')}</p>` : ''}${body}</section>
${page.project.buildings.length > 1 ? html`<p><a href="${pagePath(page)}${q}">${say(locale, 'otherBuilding')}</a></p>` : ''}`;
  return layout(locale, `${page.project.name} · ${say(locale, 'title')}`, page_, otherLang(self, locale));
}

/** The form's fields as typed (strings only, trimmed, bounded), and the first problem with them. */
function readForm(body: Record<string, unknown>, page: ReportPage, locale: Locale) {
  const str = (key: string, max = 200) => {
    const v = body[key];
    return typeof v === 'string' ? v.trim().slice(0, max) : '';
  };
  const form: FormState = {
    phone: str('phone', 32),
    unitId: str('unitId', 64),
    kind: str('kind', 32) || 'repair',
    category: str('category', 200),
    description: str('description', maxDescription + 1),
  };
  const phone = core.mobilePhone(form.phone);
  let problem: string | undefined;
  if (!phone) problem = say(locale, 'badPhone');
  else if (!page.building?.units.some((u) => u.id === form.unitId)) problem = say(locale, 'badUnit');
  else if (!reportKinds.includes(form.kind as core.CaseKind)) problem = say(locale, 'badKind');
  else if (!core.isValidCategory(page.settings.categories, form.category))
    problem = say(locale, 'badCategory');
  else if (
    !form.description ||
    form.description.length > maxDescription ||
    textProblem(form.description) !== undefined
  )
    problem = say(locale, 'badDescription');
  return { form, phone, problem };
}

const clientAddress = (c: Context<AppEnv>) => c.req.header('CF-Connecting-IP') ?? 'unknown';

reportPageRouter.get('/report/:tenant/:project/:building?', async (c) => {
  try {
    const page = await openReportPage(httpEdge(c), place(c));
    const locale = localeOf(c);
    return c.html(
      page.building ? formPage(page, locale, { stage: 'start', form: emptyForm }) : projectPage(page, locale),
    );
  } catch (error) {
    return refusalOf(c, error);
  }
});

/** Step 1: the fields checked, then a one-time code texted to the phone (unless a rate limit says when to try again). */
reportPageRouter.post('/report/:tenant/:project/:building/code', async (c) => {
  let page: ReportPage;
  try {
    page = await openReportPage(httpEdge(c), place(c));
  } catch (error) {
    return refusalOf(c, error);
  }
  const locale = localeOf(c);
  const { form, phone, problem } = readForm(await c.req.parseBody(), page, locale);
  if (problem || !phone) return c.html(formPage(page, locale, { stage: 'start', form, error: problem }), 400);
  const sent = await requestReportCode(page, { phone, address: clientAddress(c) });
  if (!sent.sent) {
    if (sent.reason === 'sms_unavailable') {
      return c.html(
        formPage(page, locale, { stage: 'start', form, error: say(locale, 'smsUnavailable') }),
        503,
      );
    }
    const at = when(sent.retryAt.toISOString(), locale, page.tenant.timeZone);
    const key =
      sent.limit === 'phone' ? 'limitPhone' : sent.limit === 'address' ? 'limitAddress' : 'limitProject';
    c.header(
      'Retry-After',
      String(Math.max(1, Math.ceil((sent.retryAt.getTime() - page.scope.now.getTime()) / 1000))),
    );
    return c.html(formPage(page, locale, { stage: 'start', form, error: say(locale, key, { at }) }), 429);
  }
  return c.html(
    formPage(page, locale, {
      stage: 'verify',
      form,
      info: say(locale, 'codeSent', { phone: maskPhone(phone) }),
    }),
  );
});

const submitBodyLimit = bodyLimit({
  maxSize: maxSubmitBytes,
  onError: (c) => {
    const ctx = c as unknown as Context<AppEnv>;
    return messagePage(ctx, 413, say(localeOf(ctx), 'bodyTooLarge'));
  },
});

/** Step 2: the code and the photos; the case is filed, and the owner gets its number and link. */
reportPageRouter.post('/report/:tenant/:project/:building/submit', submitBodyLimit, async (c) => {
  const edge = httpEdge(c);
  let page: ReportPage;
  try {
    page = await openReportPage(edge, place(c));
  } catch (error) {
    return refusalOf(c, error);
  }
  const locale = localeOf(c);
  const body = await c.req.parseBody({ all: true });
  const { form, phone, problem } = readForm(body, page, locale);
  const files = ([] as unknown[])
    .concat(body.photos ?? [])
    .filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
  const verify = (error: string, status: ContentfulStatusCode) => {
    const again = files.length > 0 ? ` ${say(locale, 'reselectPhotos')}` : '';
    return c.html(formPage(page, locale, { stage: 'verify', form, error: `${error}${again}` }), status);
  };
  if (problem || !phone) return verify(problem ?? say(locale, 'badPhone'), 400);
  const code = typeof body.code === 'string' ? body.code.trim().slice(0, 12) : '';
  const photos = await Promise.all(
    files.map(async (f) => ({ fileName: f.name, contentType: f.type, bytes: await f.arrayBuffer() })),
  );
  const result = await fileReport(page, {
    phone,
    code,
    unitId: form.unitId,
    kind: form.kind as core.CaseKind,
    category: form.category,
    description: form.description,
    photos,
    bucket: c.env.FILES,
  });
  if (!result.filed) {
    const r = result.refusal;
    switch (r.reason) {
      case 'too_many_photos':
        return verify(say(locale, 'tooManyPhotos'), 400);
      case 'photo_type':
        return verify(say(locale, 'wrongPhotoType', { name: r.fileName }), 415);
      case 'photo_too_large':
        return verify(say(locale, 'photoTooLarge', { name: r.fileName }), 413);
      case 'code': {
        const check = r.check;
        if (check.reason === 'wrong_code') return verify(say(locale, 'badCode', { n: check.triesLeft }), 400);
        if (check.reason === 'too_many_tries') return verify(say(locale, 'tooManyTries'), 429);
        return verify(say(locale, check.reason === 'expired' ? 'codeExpired' : 'noCode'), 400);
      }
    }
  }
  const row = result.created.row;
  const link = await ownerLinkFor(c.env, c.req.url, row, edge.now);
  const q = langQuery(locale);
  const receipt = html`<h1>${page.project.name} · ${say(locale, 'title')}</h1>
<section class="ok" role="status">${say(locale, 'filed')}</section>
<section><dl><dt>${say(locale, 'archiveNo')}</dt><dd class="big">${row.archiveNo}</dd></dl></section>
<section><p>${say(locale, 'ownerLinkHint')}</p><p class="break"><a href="${link.url}${q}">${link.url}</a></p>
<p><a class="button" href="${link.url}${q}">${say(locale, 'openCase')}</a></p></section>
<p><a href="${pagePath(page, page.building?.id)}${q}">${say(locale, 'reportAnother')}</a></p>`;
  return c.html(layout(locale, `${say(locale, 'archiveNo')} ${row.archiveNo}`, receipt), 201);
});
