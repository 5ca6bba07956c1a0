import { AppError, type FieldIssue } from '@guanjia/core';
import type { MiddlewareHandler } from 'hono';

/*
 * Text is stored as sent, or refused. D1 (SQLite) stores UTF-8: a body that is not valid
 * UTF-8 would be decoded with U+FFFD in place of the bad bytes, and a lone surrogate (legal in
 * a JSON `\ud800` escape, not in UTF-8) would be answered as sent by the POST and read back
 * changed by the GET. Control characters have no place in a name or a description (a NUL
 * truncates in many consumers; bidi overrides make a name read differently from what it is).
 * The rules, for every string (and key) of every JSON body, documented in docs/conventions.md:
 *   - the body must be valid UTF-8, and no string may hold a lone surrogate;
 *   - no C0 control (U+0000–U+001F) except tab, line feed and carriage return, no DEL
 *     (U+007F), no C1 control (U+0080–U+009F);
 *   - no bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069);
 *   - a single-line field (`name`, `title`, and any key ending in `Name` or `Title`) holds no
 *     tab or line break either.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const lineBreakOrTab = /[\t\n\r]/;
const singleLine = (key: string) => /^(name|title)$|(Name|Title)$/.test(key);

/** What is wrong with one string, or undefined. */
export function textProblem(value: string, key = ''): string | undefined {
  if (loneSurrogate.test(value)) return 'Contains a lone UTF-16 surrogate (not a Unicode character)';
  const bad = control.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    return `Contains the control character U+${code}`;
  }
  if (singleLine(key) && lineBreakOrTab.test(value)) return 'Must be one line (no tab or line break)';
  return undefined;
}

/** Every string in a parsed JSON value that breaks the text rules, by path. */
export function textIssues(value: unknown, path = '', key = ''): FieldIssue[] {
  if (typeof value === 'string') {
    const message = textProblem(value, key);
    return message ? [{ path: path || 'body', message, code: 'invalid_text' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => textIssues(item, join(path, i), key));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => {
      const keyProblem = textProblem(k);
      const here = join(path, k);
      return keyProblem
        ? [{ path: here, message: `Field name: ${keyProblem}`, code: 'invalid_text' }]
        : textIssues(v, here, k);
    });
  }
  return [];
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

const isJson = (contentType: string | undefined) =>
  !!contentType && /^application\/([\w.-]+\+)?json\b/i.test(contentType.trim());

/**
 * Reads a JSON request body once, strictly: invalid UTF-8 or a string breaking the text
 * rules is a 400 naming the field. The body stays readable for the route's validator.
 */
export const textBody: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !isJson(c.req.header('content-type'))) {
    return next();
  }
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new AppError('validation_failed', 'The body is not valid UTF-8', {
      issues: [{ path: 'body', message: 'The body is not valid UTF-8', code: 'invalid_utf8' }],
    });
  }
  let parsed: unknown;
  try {
    parsed = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return next(); // malformed JSON: the route's validator answers it as before
  }
  const issues = textIssues(parsed);
  if (issues.length > 0)
    throw new AppError('validation_failed', 'See issues for the text to correct', { issues });
  return next();
};
