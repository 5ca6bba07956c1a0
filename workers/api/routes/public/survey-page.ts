import { cases as core, type satisfaction } from '@guanjia/core';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { answerSurvey, openSurveyLink, type SurveyLinkContext } from '../../../app/satisfaction';
import type { AppEnv } from '../../../env';
import { createRouter } from '../../app';
import { httpEdge } from '../../lib/edge';
import { toAppError } from '../../lib/problem';

/*
 * The survey page an owner opens from the link in their SMS, WeChat message or email (no login,
 * no script): the campaign's questions as a plain form, answered once. Chinese first; `?lang=en`
 * or an English browser gets English. The answers stay anonymous to staff unless the owner ticks
 * the box that lets them see who answered.
 */
export const surveyPageRouter = createRouter();

const text = {
  'zh-CN': {
    intro: '感谢您抽出时间评价我们的服务。1 分为非常不满意，5 分为非常满意。',
    identifiable: '我同意工作人员看到是我填写的（默认匿名）',
    comment: '其他意见或建议',
    submit: '提交',
    thanks: '感谢您的评价！您的意见将帮助我们改进服务。',
    answered: '您已经填写过本次调查，感谢您的参与。',
    notOpen: '本次调查当前不在填写时间内。',
    invalid: '请完成所有必答题后再提交。',
    notFound: '链接无效或调查不存在。',
    optional: '（选答）',
  },
  en: {
    intro: 'Thank you for rating our service. 1 is very dissatisfied, 5 is very satisfied.',
    identifiable: 'Staff may see that this answer is mine (anonymous by default)',
    comment: 'Anything else you would like to tell us',
    submit: 'Submit',
    thanks: 'Thank you! Your answers help us improve.',
    answered: 'You have answered this survey already. Thank you.',
    notOpen: 'This survey is not open for answers now.',
    invalid: 'Please answer every required question.',
    notFound: 'The link is not valid or the survey does not exist.',
    optional: ' (optional)',
  },
} as const;

function localeOf(c: Context<AppEnv>) {
  return core.pickOwnerLocale(c.req.query('lang'), c.req.header('Accept-Language'));
}

const pick = (l: { zh: string; en: string }, locale: string) => (locale === 'en' ? l.en : l.zh);

function layout(locale: string, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
</head>
<body><main>${body}</main></body>
</html>`;
}

function question(q: satisfaction.Question, locale: 'zh-CN' | 'en') {
  const t = text[locale];
  const legend = html`${pick(q.label, locale)}${q.required ? '' : t.optional}`;
  if (q.type === 'scale') {
    return html`<fieldset><legend>${legend}</legend>${[5, 4, 3, 2, 1].map(
      (n) =>
        html`<label><input type="radio" name="${q.id}" value="${n}"${q.required ? html` required` : ''}> ${n}</label> `,
    )}</fieldset>`;
  }
  const type = q.multiple ? 'checkbox' : 'radio';
  return html`<fieldset><legend>${legend}</legend>${q.options.map(
    (o) =>
      html`<label><input type="${type}" name="${q.id}" value="${o.value}"> ${pick(o.label, locale)}</label> `,
  )}</fieldset>`;
}

function surveyPage(ctx: SurveyLinkContext, locale: 'zh-CN' | 'en', token: string, notice?: string) {
  const t = text[locale];
  const title = `${ctx.tenant.name} · ${ctx.campaign.title}`;
  const action = `/survey-link/${token}${locale === 'en' ? '?lang=en' : ''}`;
  const closed = ctx.invitation.answeredAt ? t.answered : ctx.phase !== 'open' ? t.notOpen : null;
  const body = html`<h1>${title}</h1>
${notice ? html`<p role="alert">${notice}</p>` : ''}
${
  closed
    ? html`<p role="status">${closed}</p>`
    : html`<p>${t.intro}</p>
<form method="post" action="${action}">
${ctx.template.questions.map((q) => question(q, locale))}
<p><label>${t.comment}<br><textarea name="comment" maxlength="2000"></textarea></label></p>
<p><label><input type="checkbox" name="identifiable" value="yes"> ${t.identifiable}</label></p>
<button type="submit">${t.submit}</button>
</form>`
}`;
  return layout(locale, title, body);
}

function notFoundPage(c: Context<AppEnv>, error: unknown) {
  const code = toAppError(error).code;
  if (code !== 'not_found' && code !== 'invalid_token') throw error;
  const locale = localeOf(c);
  return c.html(
    layout(locale, text[locale].notFound, html`<p role="alert">${text[locale].notFound}</p>`),
    404,
  );
}

/** The form's fields as core's answers: ratings as numbers, several options as a list. */
function answersOf(
  template: satisfaction.QuestionnaireTemplate,
  form: Record<string, string | File | (string | File)[]>,
) {
  const answers: Record<string, satisfaction.Answer> = {};
  for (const q of template.questions) {
    const raw = form[q.id];
    if (raw === undefined || raw === '') continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (q.type === 'scale') answers[q.id] = Number(values[0]);
    else answers[q.id] = q.multiple ? values : (values[0] ?? '');
  }
  return answers;
}

surveyPageRouter.get('/survey-link/:token', async (c) => {
  try {
    const token = c.req.param('token');
    return c.html(surveyPage(await openSurveyLink(httpEdge(c), token), localeOf(c), token));
  } catch (error) {
    return notFoundPage(c, error);
  }
});

surveyPageRouter.post('/survey-link/:token', async (c) => {
  const token = c.req.param('token');
  const locale = localeOf(c);
  const t = text[locale];
  let ctx: SurveyLinkContext;
  try {
    ctx = await openSurveyLink(httpEdge(c), token);
  } catch (error) {
    return notFoundPage(c, error);
  }
  const form = await c.req.parseBody({ all: true });
  const comment =
    typeof form.comment === 'string' && form.comment.trim() ? form.comment.trim().slice(0, 2000) : undefined;
  try {
    await answerSurvey(ctx, {
      answers: answersOf(ctx.template, form),
      identifiable: form.identifiable === 'yes',
      ...(comment ? { comment } : {}),
    });
  } catch (error) {
    const code = toAppError(error).code;
    const status =
      code === 'validation_failed' ? 400 : code === 'conflict' || code === 'illegal_transition' ? 409 : 0;
    if (!status) throw error;
    const notice = code === 'validation_failed' ? t.invalid : code === 'conflict' ? t.answered : t.notOpen;
    return c.html(surveyPage(ctx, locale, token, notice), status as 400 | 409);
  }
  return c.html(
    layout(locale, ctx.campaign.title, html`<h1>${ctx.campaign.title}</h1><p role="status">${t.thanks}</p>`),
    200,
  );
});
