import { exports } from 'cloudflare:workers';

export const platformSecret = 'test-platform-secret';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the Worker in-process through its real fetch handler. */
export async function call<T = any>(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    rawBody?: string | Uint8Array;
  } = {},
): Promise<ApiResponse<T>> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  let body: string | Uint8Array | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  // Manual: a test sees a redirect as the client would receive it.
  const response = await exports.default.fetch(`http://api.test${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** An API client bound to one token. */
export function client(token: string) {
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, { token, headers }),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, { token, body, headers }),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('PATCH', path, { token, body, headers }),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', path, { token, body, headers }),
    delete: <T = any>(path: string, headers?: Record<string, string>) =>
      call<T>('DELETE', path, { token, headers }),
    token,
  };
}
export type Client = ReturnType<typeof client>;
