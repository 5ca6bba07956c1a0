import { exportJWK, generateKeyPair } from 'jose';

/** Secrets for the Worker under test: a fresh signing key per run and a known platform secret. */
export async function testSecrets() {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'ES256' };
  return {
    ENVIRONMENT: 'test',
    LOG_LEVEL: 'warn',
    JWT_PRIVATE_JWK: JSON.stringify(jwk),
    PLATFORM_SECRET: 'test-platform-secret',
  };
}
