import { AppError, type Grant } from '@guanjia/core';
import {
  createLocalJWKSet,
  exportJWK,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Env } from '../env';

export const accessTokenTtlSeconds = 15 * 60;
const algorithm = 'ES256';

export interface AccessClaims {
  tenantId: string;
  userId: string;
  grants: Grant[];
  contractorId: string | null;
}

interface KeyMaterial {
  kid: string;
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
  localJwks: ReturnType<typeof createLocalJWKSet>;
}

let cached: { source: string; material: Promise<KeyMaterial> } | undefined;

/** Keys are parsed once per isolate; a new secret value (a rotation) is picked up on the next deploy. */
function keyMaterial(env: Env): Promise<KeyMaterial> {
  const source = `${env.JWT_PRIVATE_JWK}\n${env.JWT_PREVIOUS_PUBLIC_JWKS ?? ''}`;
  if (cached?.source !== source) cached = { source, material: loadKeys(env) };
  return cached.material;
}

async function loadKeys(env: Env): Promise<KeyMaterial> {
  const privateJwk = JSON.parse(env.JWT_PRIVATE_JWK) as JWK;
  if (!privateJwk.kid) throw new Error('JWT_PRIVATE_JWK must carry a kid');
  const privateKey = (await importJWK(privateJwk, algorithm)) as CryptoKey;
  const { d: _d, ...publicPart } = privateJwk;
  const current: JWK = { ...publicPart, alg: algorithm, use: 'sig' };
  const previous = env.JWT_PREVIOUS_PUBLIC_JWKS ? (JSON.parse(env.JWT_PREVIOUS_PUBLIC_JWKS) as JWK[]) : [];
  const jwks = { keys: [current, ...previous.map((k) => ({ ...k, alg: algorithm, use: 'sig' }))] };
  return { kid: privateJwk.kid, privateKey, jwks, localJwks: createLocalJWKSet(jwks) };
}

export async function publicJwks(env: Env): Promise<JSONWebKeySet> {
  return (await keyMaterial(env)).jwks;
}

export async function signAccessToken(env: Env, claims: AccessClaims, now: Date): Promise<string> {
  const { kid, privateKey } = await keyMaterial(env);
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ tid: claims.tenantId, grants: claims.grants, ctr: claims.contractorId })
    .setProtectedHeader({ alg: algorithm, kid, typ: 'JWT' })
    .setIssuer(env.JWT_ISSUER)
    .setAudience(env.JWT_AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt(seconds)
    .setNotBefore(seconds)
    .setExpirationTime(seconds + accessTokenTtlSeconds)
    .sign(privateKey);
}

/** Verifies signature, alg, iss, aud, exp and nbf; anything wrong is a plain 401. */
export async function verifyAccessToken(env: Env, token: string): Promise<AccessClaims> {
  const { localJwks } = await keyMaterial(env);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, localJwks, {
      algorithms: [algorithm],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      requiredClaims: ['exp', 'nbf', 'sub', 'tid'],
    }));
  } catch {
    throw new AppError('invalid_token');
  }
  if (typeof payload.tid !== 'string' || typeof payload.sub !== 'string' || !Array.isArray(payload.grants)) {
    throw new AppError('invalid_token');
  }
  return {
    tenantId: payload.tid,
    userId: payload.sub,
    grants: payload.grants as Grant[],
    contractorId: typeof payload.ctr === 'string' ? payload.ctr : null,
  };
}

/** Generates a signing key pair (used by the dev script and tests). */
export async function generateSigningJwk(kid: string): Promise<JWK> {
  const { generateKeyPair } = await import('jose');
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: algorithm };
}
