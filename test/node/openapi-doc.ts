import { buildApi } from '../../workers/api';

/** The OpenAPI document as the Worker serves it, built in plain Node (no workerd needed). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const res = await buildApi().request('/openapi.json', {}, { ENVIRONMENT: 'development' });
  return (await res.json()) as Record<string, unknown>;
}
