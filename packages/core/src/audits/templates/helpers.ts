import type { Role } from '../../access/roles';
import type { CriticalEffect } from '../template';

/** Shorthands for the default templates: key, labels, weight, then the item's own fields. */
type Extra = { critical?: CriticalEffect; ownerRole?: Role; guidance?: string; allowNotApplicable?: boolean };
const base = (key: string, zh: string, en: string, weight: number, extra: Extra) => ({
  key,
  label: { zh, en },
  weight,
  ...extra,
});

export const yesNo = (key: string, zh: string, en: string, weight: number, extra: Extra = {}) => ({
  ...base(key, zh, en, weight, extra),
  type: 'yes_no' as const,
});

export const scale = (key: string, zh: string, en: string, weight: number, extra: Extra = {}) => ({
  ...base(key, zh, en, weight, extra),
  type: 'scale' as const,
  min: 1,
  max: 5,
  passAt: 3,
});

export const timing = (
  key: string,
  zh: string,
  en: string,
  weight: number,
  limitSeconds: number,
  zeroAtSeconds: number,
  extra: Extra = {},
) => ({ ...base(key, zh, en, weight, extra), type: 'timing' as const, limitSeconds, zeroAtSeconds });

export const greeting = (weight: number, script?: string) => ({
  ...base('greeting_script', '使用标准问候语', 'Standard greeting script', weight, {
    allowNotApplicable: false,
  }),
  type: 'phrase' as const,
  check: 'greeting' as const,
  ...(script ? { greeting: script } : {}),
});

export const politeWords = (weight: number, minPoliteWords = 3) => ({
  ...base('polite_words', '使用礼貌用语', 'Polite words used', weight, { allowNotApplicable: false }),
  type: 'phrase' as const,
  check: 'polite_words' as const,
  minPoliteWords,
});

/** Hearing 不清楚/不知道/没办法解决/我们不管 fails the whole audit (一票否决). */
export const noForbiddenPhrases = (weight: number) => ({
  ...base('no_forbidden_phrases', '未使用服务禁语', 'No forbidden phrases', weight, {
    critical: 'fail_audit',
    allowNotApplicable: false,
    guidance: '不清楚、不知道、没办法解决、我们不管',
  }),
  type: 'phrase' as const,
  check: 'forbidden_phrases' as const,
});
