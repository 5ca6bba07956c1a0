/**
 * Staff passwords: PBKDF2-SHA256 from WebCrypto with a per-user salt.
 * Stored as `pbkdf2$<iterations>$<salt b64>$<hash b64>` so the cost can grow.
 */
const defaultIterations = 100_000; // the most Workers' WebCrypto accepts

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = defaultIterations): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

/**
 * Checked against when a login is unknown or disabled, at the same cost as a real hash, so the
 * answer's timing does not tell which logins exist. Nothing hashes to it.
 */
export const decoyPasswordHash = `pbkdf2$${defaultIterations}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2' || !iter || !salt || !hash) return false;
  const actual = await derive(password, unb64(salt), Number(iter));
  const expected = unb64(hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

/** SHA-256 hex of a secret (API keys, refresh tokens): looked up by hash, never stored plain. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random secret with a readable prefix, e.g. `gjk_...`. */
export function randomSecret(prefix: string, bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return `${prefix}_${b64(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * A secret that names its tenant (`<prefix>_<tenant suffix>_<random>`), so the
 * tenant's shard is known before the hash is looked up.
 */
export function tenantBoundSecret(prefix: string, tenantId: string): string {
  const suffix = tenantId.slice(tenantId.indexOf('_') + 1);
  return randomSecret(`${prefix}_${suffix}`);
}

export function tenantIdOfSecret(prefix: string, secret: string): string | undefined {
  const match = new RegExp(`^${prefix}_([0-9a-z]{26})_[A-Za-z0-9_-]{20,}$`).exec(secret);
  return match ? `ten_${match[1]}` : undefined;
}
