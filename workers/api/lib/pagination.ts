import { AppError } from '@guanjia/core';
import { z } from '@hono/zod-openapi';

export const PageQuerySchema = z.object({
  cursor: z.string().optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'Null on the last page' }),
    })
    .openapi(name);
}

export function encodeCursor(lastId: string): string {
  return btoa(JSON.stringify({ after: lastId })).replace(/=+$/, '');
}

/** Cursors are keyset positions (the last id seen), so pages stay stable while rows are added. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(atob(cursor)) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {}
  throw new AppError('validation_failed', 'The cursor is not one this API issued', {
    issues: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}

/** Rows were fetched with limit + 1 to know whether another page exists. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
