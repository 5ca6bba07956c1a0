import { AppError } from '@guanjia/core';

/** A list's `from` (inclusive) / `to` (exclusive) query instants as dates; `to` before `from` is a 400 on query.to. */
export function timeRange(query: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) {
    throw new AppError('validation_failed', '`to` is before `from`', {
      issues: [{ path: 'query.to', message: 'Must not be before from' }],
    });
  }
  return { from, to };
}
