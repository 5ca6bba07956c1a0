import { AppError } from '@guanjia/core';
import type { Context } from 'hono';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version the client read, from If-Match; absent means the client accepts last-write-wins. */
export function expectedVersion(c: Context): number | undefined {
  const header = c.req.header('If-Match');
  if (!header || header === '*') return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new AppError('precondition_failed', 'If-Match must be an ETag this API issued');
  return Number(match[1]);
}
