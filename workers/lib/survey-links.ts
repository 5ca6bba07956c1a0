import type { Env } from '../env';

/*
 * The survey link (满意度调查链接) of one invited owner: `<tenantId>.<invitationId>.<mac>`, the mac an
 * HMAC-SHA256 of the tenant and invitation under the platform's key. Deterministic, so the link
 * is made again when the campaign opens and its messages go out, and nothing but its SHA-256 is
 * stored (`survey_invitations.token_hash`): a leaked database row opens no survey.
 */

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** The key material the links are signed with (the notify key, else the platform secret). */
export const surveyLinkSecret = (env: Env) => env.NOTIFY_ENCRYPTION_KEY || env.PLATFORM_SECRET;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(`survey-link-v1:${secret}`),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export async function surveyToken(secret: string, tenantId: string, invitationId: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    encoder.encode(`${tenantId}:${invitationId}`),
  );
  return `${tenantId}.${invitationId}.${b64url(mac)}`;
}

/** What is stored of a token: its SHA-256, hex. */
export async function surveyTokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The tenant a token names (the lookup is by its hash within that tenant). */
export function tenantOfSurveyToken(token: string): string | null {
  const parts = token.split('.');
  return parts.length === 3 && parts[0] ? parts[0] : null;
}

export const surveyLinkPath = (token: string) => `/survey-link/${token}`;
