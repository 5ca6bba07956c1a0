import { maskName, maskOpenId, maskPhone, maskPhonesInText, maskSecrets } from '@guanjia/core';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

const phoneKeys = /phone|mobile|tel/i;
/** `wechatOpenId`, `wechat_open_id`, `openid`, `touser` (the WeChat API's name for it). */
const openIdKeys = /open_?id|^touser$/i;
/** `name`, `ownerName`, `owner_name`, `contactName`, `fromName`, `senderName`, `residentName`. */
const nameKeys = /^((owner|contact|from|sender|resident|customer)_?)?name$/i;
/** Fields whose whole value is a secret: `password`, `accessToken`, `apiKey`, `credentials`, `key`, ... */
const secretKeys =
  /password|passwd|secret|token|api_?key|access_?key|authorization|credential|cookie|signature|^key$/i;

/**
 * A failed drizzle query's message carries its bound parameters (`\nparams: a,b,...`): the
 * values of the row being written, owners' names and phones among them. They are dropped.
 */
const queryParams = /(\n|^)params: [^\n]*/g;

/**
 * The one masking every log line passes (docs/access.md, "Logs"): owners' phone numbers, names
 * and WeChat OpenIDs never reach a log line whole, nor does any secret: a field named like one
 * is dropped whole, and every text (paths, URLs, queries, error messages) goes through core's
 * `maskSecrets` (owner-link tokens, channel keys, API keys, JWTs, `?access_token=`...).
 */
export function redact(value: unknown, key = ''): unknown {
  if (value !== null && value !== undefined && secretKeys.test(key)) return '[redacted]';
  if (typeof value === 'string') {
    if (phoneKeys.test(key)) return maskPhone(value);
    if (nameKeys.test(key)) return maskName(value);
    if (openIdKeys.test(key)) return maskOpenId(value);
    return maskPhonesInText(maskSecrets(value.replace(queryParams, '$1params: [redacted]')));
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof levels;

/** Structured JSON lines, one per event, carrying request and tenant ids. */
export function createLogger(base: LogFields = {}, minLevel: LogLevel = 'info'): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (levels[level] < levels[minLevel]) return;
    const line = JSON.stringify({
      level,
      message: redact(message),
      time: new Date().toISOString(),
      ...(redact({ ...base, ...fields }) as LogFields),
    });
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    with: (fields) => createLogger({ ...base, ...fields }, minLevel),
  };
}
