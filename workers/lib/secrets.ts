import type { Env } from '../env';

/**
 * Secrets the platform must use again (webhook signing secrets, provider credentials) are kept
 * AES-GCM encrypted in D1 under a key derived (HKDF-SHA256) from NOTIFY_ENCRYPTION_KEY, or from
 * PLATFORM_SECRET when that is not set. Rotating the source key needs a re-encryption pass.
 */
const keys = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function sealingKey(env: Env): Promise<CryptoKey> {
  const source = env.NOTIFY_ENCRYPTION_KEY || env.PLATFORM_SECRET;
  let key = keys.get(source);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', encoder.encode(source), 'HKDF', false, [
        'deriveKey',
      ]);
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: encoder.encode('guanjia'),
          info: encoder.encode('notify-secrets-v1'),
        },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(source, key);
  }
  return key;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function seal(env: Env, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await sealingKey(env),
    encoder.encode(plain),
  );
  return `v1.${b64(iv)}.${b64(new Uint8Array(cipher))}`;
}

export async function unseal(env: Env, sealed: string): Promise<string> {
  const [, iv = '', cipher = ''] = sealed.split('.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: unb64(iv) },
    await sealingKey(env),
    unb64(cipher),
  );
  return new TextDecoder().decode(plain);
}
