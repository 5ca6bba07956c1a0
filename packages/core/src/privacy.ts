/** Owners' personal data never reaches a log line whole. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`.slice(0, Math.max(digits.length, 7));
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** A WeChat OpenID keeps its first 4 characters (enough to tell two apart in a log). */
export function maskOpenId(openId: string): string {
  return openId.length <= 4 ? '*'.repeat(openId.length) : `${openId.slice(0, 4)}***`;
}

const phonePattern = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Masks mainland mobile numbers inside free text (descriptions, emails). */
export function maskPhonesInText(text: string): string {
  return text.replace(phonePattern, '$1****$2');
}

/**
 * Secrets that must never reach a log line or a stored error whole, wherever they sit in a text
 * (a path, a URL, an error message). Each rule keeps enough to tell what was there.
 */
const secretRules: readonly [RegExp, string][] = [
  // Owner links (`/owner-link/<token>`, `/public/v1/owner-link/<token>/sign-off`): the token is the path segment.
  [/(\/owner-link\/)[^/?#\s"'<>]+/gi, '$1[redacted]'],
  // Public intake paths carry the project's channel key.
  [/(\/intake\/)[^/?#\s"'<>]+/gi, '$1[redacted]'],
  // Secrets that name their tenant: channel keys, API keys, refresh tokens, email reply tokens.
  [/\b(pck|gjk|gjr|gjm)_([0-9a-z]{26})_[A-Za-z0-9_-]+/g, '$1_$2_[redacted]'],
  // Webhook signing secrets.
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, 'whsec_[redacted]'],
  // JWTs (access tokens, owner links) anywhere in a text.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // Query (and form) parameters whose name says secret: `access_token=`, `api_key=`, `code=`, ...
  [
    /([?&;][^=&#\s"'<>]*(?:token|key|secret|code|password|passwd|signature|sig|auth|ticket)[^=&#\s"'<>]*=)[^&#\s"'<>]*/gi,
    '$1[redacted]',
  ],
  // `password: x`, `"secret":"x"`, `token=x` in free text.
  [
    /\b([\w-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[\w-]*)(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"',&;}]+/gi,
    '$1$2[redacted]',
  ],
];

/** Masks every secret `secretRules` knows in a text (paths, URLs, queries, error messages). */
export function maskSecrets(text: string): string {
  return secretRules.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A failure as it may be stored or shown (delivery logs, outbox errors): secrets and phones masked, bounded. */
export function errorText(error: unknown, max = 500): string {
  const message = String((error as Error)?.message ?? error);
  return maskPhonesInText(maskSecrets(message)).slice(0, max);
}
