import { AppError } from '@guanjia/core';
import { createLocalJWKSet, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Env } from '../env';

/**
 * The owner link (业主链接): a signed, expiring JWT that lets an owner, who never logs in, see
 * one case and answer its follow-up or sign-off. ES256 with the platform's signing key (the one
 * behind /.well-known/jwks.json), bound to its purpose by its own audience
 * (`<JWT_AUDIENCE>:owner-link`) and `typ`, so an access token is never an owner link and an owner
 * link is never an access token. Claims: tid (tenant), sub (case), own (owner id, or null for a
 * sender who is not a known owner), exp (30 days).
 */
export const ownerLinkTtlSeconds = 30 * 24 * 60 * 60;
const algorithm = 'ES256';
const type = 'owner-link+jwt';

export interface OwnerLinkClaims {
  tenantId: string;
  caseId: string;
  ownerId: string | null;
}

interface Keys {
  kid: string;
  privateKey: CryptoKey;
  verify: ReturnType<typeof createLocalJWKSet>;
}

let cached: { source: string; keys: Promise<Keys> } | undefined;

function keys(env: Env): Promise<Keys> {
  const source = `${env.JWT_PRIVATE_JWK}\n${env.JWT_PREVIOUS_PUBLIC_JWKS ?? ''}`;
  if (cached?.source !== source) cached = { source, keys: load(env) };
  return cached.keys;
}

async function load(env: Env): Promise<Keys> {
  const jwk = JSON.parse(env.JWT_PRIVATE_JWK) as JWK;
  if (!jwk.kid) throw new Error('JWT_PRIVATE_JWK must carry a kid');
  const privateKey = (await importJWK(jwk, algorithm)) as CryptoKey;
  const { d: _d, ...publicPart } = jwk;
  const previous = env.JWT_PREVIOUS_PUBLIC_JWKS ? (JSON.parse(env.JWT_PREVIOUS_PUBLIC_JWKS) as JWK[]) : [];
  const verify = createLocalJWKSet({
    keys: [publicPart, ...previous].map((k) => ({ ...k, alg: algorithm, use: 'sig' })),
  });
  return { kid: jwk.kid, privateKey, verify };
}

const audienceOf = (env: Env) => `${env.JWT_AUDIENCE}:owner-link`;

export async function signOwnerLink(
  env: Env,
  claims: OwnerLinkClaims,
  now: Date,
  ttlSeconds = ownerLinkTtlSeconds,
): Promise<{ token: string; expiresAt: Date }> {
  const { kid, privateKey } = await keys(env);
  const seconds = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ tid: claims.tenantId, own: claims.ownerId, purpose: 'owner_link' })
    .setProtectedHeader({ alg: algorithm, kid, typ: type })
    .setIssuer(env.JWT_ISSUER)
    .setAudience(audienceOf(env))
    .setSubject(claims.caseId)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + ttlSeconds)
    .sign(privateKey);
  return { token, expiresAt: new Date((seconds + ttlSeconds) * 1000) };
}

/** Verifies signature, purpose, audience and expiry; an expired or tampered link is a 401. */
export async function verifyOwnerLink(env: Env, token: string, now: Date): Promise<OwnerLinkClaims> {
  const { verify } = await keys(env);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, verify, {
      algorithms: [algorithm],
      issuer: env.JWT_ISSUER,
      audience: audienceOf(env),
      typ: type,
      currentDate: now,
      requiredClaims: ['exp', 'sub', 'tid'],
    }));
  } catch {
    throw new AppError('invalid_token', 'The owner link is invalid or has expired');
  }
  if (
    payload.purpose !== 'owner_link' ||
    typeof payload.tid !== 'string' ||
    typeof payload.sub !== 'string'
  ) {
    throw new AppError('invalid_token', 'The owner link is invalid or has expired');
  }
  const own = payload.own;
  return { tenantId: payload.tid, caseId: payload.sub, ownerId: typeof own === 'string' ? own : null };
}

/** The path of an owner link on this API. */
/** The owner's page (owner-page.ts); `/public/v1/owner-link/<token>` answers the same token as JSON. */
export const ownerLinkPath = (token: string) => `/owner-link/${token}`;
