import createClient, { type Middleware } from 'openapi-fetch';
import { endSession, validAccessToken } from '../session/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Case = Schemas['Case'];
export type Problem = Schemas['Problem'] & {
  status: number;
  /** A refused step (409 illegal_transition): the case's status then. */
  caseStatus?: string;
  allowed?: string[];
  retryAfterSeconds?: number;
};

/** Every staff request carries the access token, refreshed first when it is about to expire. */
const bearer: Middleware = {
  async onRequest({ request }) {
    const token = await validAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) endSession('expired');
    return response;
  },
};

/** The console's one way to the API: the client generated from /openapi.json. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(bearer);

/** An API error the screens show through `problemMessage`. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/** The data of an openapi-fetch answer, or an ApiError with the problem document. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError({ code: 'network', status: 0, type: '', title: '' } as Problem);
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...body,
      caseStatus: body.caseStatus ?? (typeof body.status === 'string' ? body.status : undefined),
      code: body.code ?? 'unknown',
      status: result.response.status,
      type: body.type ?? '',
      title: body.title ?? '',
    } as Problem);
  }
  return result.data as T;
}
