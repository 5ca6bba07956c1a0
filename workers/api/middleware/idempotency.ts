import { AppError, sha256Hex } from '@guanjia/core';
import { createMiddleware } from 'hono/factory';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../../data/idempotency-keys';
import type { AppEnv } from '../../env';

/** How long a key is remembered; older rows are swept by the cron handler. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

/**
 * `Idempotency-Key` on creating POSTs: the first response is stored and
 * replayed; the same key with a different body answers 422.
 */
export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  if (!key) return next();
  if (key.length < 8 || key.length > 255) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 8 to 255 characters', {
      issues: [{ path: 'Idempotency-Key', message: 'length 8..255' }],
    });
  }
  const scope = c.get('scope');
  const fingerprint = await sha256Hex(
    `${c.req.method} ${new URL(c.req.url).pathname}\n${await c.req.text()}`,
  );
  const claimed = await claimIdempotencyKey(scope, key, fingerprint);

  if (!claimed) {
    const first = await findIdempotencyKey(scope, key);
    if (!first) throw new AppError('idempotency_in_progress');
    if (first.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused');
    if (first.status === null || first.response === null) throw new AppError('idempotency_in_progress');
    const stored = storedResponse(first.response);
    return new Response(stored.body, {
      status: first.status,
      headers: { 'content-type': 'application/json', ...stored.headers, 'Idempotent-Replayed': 'true' },
    });
  }

  try {
    await next();
  } catch (error) {
    await releaseIdempotencyKey(scope, key);
    throw error;
  }
  if (c.res.status >= 500 || c.error) {
    await releaseIdempotencyKey(scope, key);
    return;
  }
  const body = await c.res.clone().text();
  const headers = Object.fromEntries(
    replayedHeaders.flatMap((name) => {
      const value = c.res.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const response = JSON.stringify({ v: 1, headers, body } satisfies StoredResponse);
  await completeIdempotencyKey(scope, key, c.res.status, response);
});

/** Headers of the first response a replay repeats: where the record is, and its version. */
const replayedHeaders = ['content-type', 'location', 'etag'] as const;

interface StoredResponse {
  v: 1;
  headers: Record<string, string>;
  body: string;
}

/** The stored first response; a row written before headers were kept holds the bare body. */
function storedResponse(text: string): Omit<StoredResponse, 'v'> {
  try {
    const parsed = JSON.parse(text) as Partial<StoredResponse> | null;
    if (parsed?.v === 1 && typeof parsed.body === 'string' && parsed.headers) {
      return { headers: parsed.headers, body: parsed.body };
    }
  } catch {
    // not JSON: a bare body
  }
  return { headers: {}, body: text };
}
