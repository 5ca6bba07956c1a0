import { DateTimeString } from '@guanjia/core';
import { z } from '@hono/zod-openapi';

/** Field shapes the audit routes share. */
export const id = z.string().min(1).max(64);
export const time = DateTimeString;
export const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
