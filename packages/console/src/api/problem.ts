import type { Translate } from '../i18n';
import { ApiError, type Problem } from './client';

/**
 * What the user reads for a failed request: the problem's stable `code` in the user's language
 * (never the API's English detail, a raw code or JSON), with what the code needs said.
 */
export function problemMessage(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown', { status: '?' });
  const p: Problem = error.problem;
  if (p.code === 'network') return t('error.network');
  if (p.code === 'account_locked') {
    return t('login.locked', { minutes: Math.max(1, Math.ceil((p.retryAfterSeconds ?? 900) / 60)) });
  }
  if (p.code === 'rate_limited') return t('login.rateLimited', { seconds: p.retryAfterSeconds ?? 60 });
  if (p.code === 'illegal_transition' && p.caseStatus) {
    const refused = t('case.refused', { status: t(`status.${p.caseStatus}`) });
    const allowed = (p.allowed ?? []).map((a) => t(`action.${a}`)).join('、');
    return allowed ? `${refused} ${t('case.refused.allowed', { actions: allowed })}` : refused;
  }
  const key = `error.${p.code}`;
  const text = t(key);
  return text === key ? t('error.unknown', { status: p.status }) : text;
}

/**
 * A 400's field issues for antd's `form.setFields`: each named field gets a sentence in the
 * user's language (the API's zod messages are English, so the code of the issue picks it).
 */
export function fieldErrors(t: Translate, error: unknown): { name: string[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.issues ?? []).map((issue) => ({
    name: issue.path.split('.'),
    errors: [
      t(issue.code === 'too_small' || issue.code === 'invalid_type' ? 'form.required' : 'form.invalid'),
    ],
  }));
}
