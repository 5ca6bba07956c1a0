import { call } from '../support/api';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  operationId: string;
  hasJsonBody: boolean;
  bodySchema?: JsonSchema;
  /** Names of the documented query parameters. */
  query: string[];
  secured: boolean;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

let cached: Promise<{ doc: OpenApiDoc; operations: Operation[] }> | undefined;

/** Every operation the API documents: the attack suite covers a new route the day it appears. */
export function loadOperations() {
  cached ??= (async () => {
    const doc = (await call('GET', '/openapi.json')).body as OpenApiDoc;
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        const json = op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
        operations.push({
          method: method as Operation['method'],
          path,
          operationId: op.operationId ?? `${method} ${path}`,
          hasJsonBody: !!json,
          bodySchema: json,
          query: ((op.parameters ?? []) as { in: string; name: string }[])
            .filter((p) => p.in === 'query')
            .map((p) => p.name),
          secured: Array.isArray(op.security) && op.security.some((s: object) => 'bearer' in s),
        });
      }
    }
    return { doc, operations };
  })();
  return cached;
}

export function resolveRef(doc: OpenApiDoc, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

/** The collection that lists the ids a path takes, e.g. `/v1/cases/{id}/timeline` → `/v1/cases`. */
export function collectionOf(path: string): string | undefined {
  const index = path.indexOf('/{');
  return index > 0 ? path.slice(0, index) : undefined;
}
