import { buildApi } from '../../workers/api';

/** The OpenAPI document as the Worker serves it at /openapi.json, built in plain Node. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const res = await buildApi().request('/openapi.json', {}, { ENVIRONMENT: 'development' });
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
