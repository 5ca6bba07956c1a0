import { AppError, errorCatalogue, type FieldIssue, unknownFieldIssues } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';

/** RFC 9457 problem document, the body of every error response. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://guanjia.dev/problems/validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable machine-readable error code' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    issues: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .passthrough()
  .openapi('Problem');

export const problemTypeBase = 'https://guanjia.dev/problems/';

export function issuesFromZod(error: ZodError, prefix = ''): FieldIssue[] {
  const pathOf = (...parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.');
  return error.issues.flatMap((issue) =>
    // A strict object names its unknown keys together; each one is a field to correct.
    issue.code === 'unrecognized_keys'
      ? unknownFieldIssues(issue.keys.map((key) => pathOf(...issue.path, key)))
      : [{ path: pathOf(...issue.path), message: issue.message, code: issue.code }],
  );
}

export function problemResponse(c: Context, error: AppError): Response {
  const { status, title } = errorCatalogue[error.code];
  const body = {
    type: `${problemTypeBase}${error.code}`,
    title,
    status,
    code: error.code,
    detail: error.detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId'),
    issues: error.issues,
    ...error.extra,
  };
  const headers = new Headers({ 'content-type': 'application/problem+json; charset=utf-8' });
  const retryAfter = error.extra?.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers.set('Retry-After', String(retryAfter));
  return new Response(JSON.stringify(body), { status, headers });
}

/** Hono's own HTTP errors (malformed JSON, wrong content type) keep their 4xx meaning. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('payload_too_large');
    if (error.status === 415) return new AppError('unsupported_media_type');
    if (error.status < 500) {
      return new AppError('validation_failed', error.message, {
        issues: [{ path: 'body', message: error.message }],
      });
    }
  }
  return new AppError('internal');
}
