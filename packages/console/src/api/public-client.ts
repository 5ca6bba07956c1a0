import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The generated client without a token: sign-in and refresh. */
export const publicApi = createClient<paths>({ baseUrl: '' });
