/**
 * Standard Webhooks signing (https://www.standardwebhooks.com), WebCrypto only: the signature is
 * `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), where the key is the base64
 * part of the `whsec_...` secret. During a secret rotation both secrets sign and the
 * `webhook-signature` header lists both signatures, space-separated.
 */

const secretPrefix = 'whsec_';
const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh `whsec_` secret of 32 random bytes. */
export function generateWebhookSecret(): string {
  return secretPrefix + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(secretPrefix)) return false;
  try {
    return fromBase64(secret.slice(secretPrefix.length)).length >= 24;
  } catch {
    return false;
  }
}

async function hmac(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(content))));
}

/** `v1,<base64>` for one secret. */
export async function signPayload(
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  return `v1,${await hmac(secret, `${messageId}.${timestampSeconds}.${body}`)}`;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers; every secret given signs (current first). */
export async function webhookHeaders(
  secrets: readonly string[],
  messageId: string,
  at: Date,
  body: string,
): Promise<WebhookHeaders> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signatures = await Promise.all(secrets.map((s) => signPayload(s, messageId, timestamp, body)));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a delivery as a receiver would: a signature of `secret` among those in the header,
 * and a timestamp within `toleranceSeconds` of `now`.
 */
export async function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): Promise<boolean> {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isFinite(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = await signPayload(secret, headers['webhook-id'], timestamp, body);
  return headers['webhook-signature'].split(' ').some((candidate) => constantTimeEqual(candidate, expected));
}
