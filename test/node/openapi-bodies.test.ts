import { cases } from '@guanjia/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-doc';

type Schema = Record<string, unknown> & {
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
};
interface Doc {
  paths: Record<
    string,
    Record<string, { operationId: string; requestBody?: Body; responses: Record<string, Body> }>
  >;
  components: { schemas: Record<string, Schema> };
}
interface Body {
  content?: Record<string, { schema?: Schema }>;
}

let doc: Doc;
beforeAll(async () => {
  doc = (await openApiDocument()) as unknown as Doc;
});

const resolve = (schema: Schema): Schema =>
  schema.$ref
    ? resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] as Schema)
    : schema;

/** Keys that say something about a value's shape (a bare `{ description }` says nothing). */
const shapeKeys = ['type', '$ref', 'oneOf', 'anyOf', 'allOf', 'enum', 'const', 'properties', 'items', 'not'];

/** The places inside a schema that say nothing about the value: `{}`, `z.unknown()`, `z.any()`. */
function untyped(schema: Schema, at: string, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return untyped(resolve(schema), schema.$ref, seen);
  }
  if (!shapeKeys.some((k) => k in schema)) return [at];
  const found: string[] = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {}))
    found.push(...untyped(sub, `${at}.${name}`, seen));
  for (const key of ['items', 'additionalProperties'] as const) {
    const sub = schema[key];
    if (sub && typeof sub === 'object') found.push(...untyped(sub as Schema, `${at}.${key}`, seen));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const subs = schema[key];
    if (Array.isArray(subs))
      for (const [i, sub] of subs.entries()) found.push(...untyped(sub, `${at}.${key}[${i}]`, seen));
  }
  return found;
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ label: `${method.toUpperCase()} ${path}`, ...op })),
  );

describe('request bodies in the OpenAPI document', () => {
  it('every request body has a schema, typed all the way down', () => {
    const bad: string[] = [];
    for (const op of operations()) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (!media.schema) bad.push(`${op.label} ${type}: no schema`);
        else bad.push(...untyped(media.schema, `${op.label} ${type}`));
      }
    }
    expect(bad).toEqual([]);
  });

  it('every answer with a body (2xx but 204) has a schema', () => {
    const bad: string[] = [];
    for (const op of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('2') || status === '204') continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) bad.push(`${op.label} ${status}: no content`);
        for (const [type, m] of media) if (!m.schema) bad.push(`${op.label} ${status} ${type}: no schema`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the case action body (POST /v1/cases/{id}/actions)', () => {
  const union = () => doc.components.schemas.CaseAction as Schema;
  const member = (name: string) => doc.components.schemas[`CaseAction_${name}`] as Schema;

  it('is a discriminated union on `type` with one named component per step of core', () => {
    const body =
      doc.paths['/v1/cases/{id}/actions']?.post?.requestBody?.content?.['application/json']?.schema;
    expect(body).toEqual({ $ref: '#/components/schemas/CaseAction' });
    expect(union().oneOf).toEqual(
      cases.actionNames.map((n) => ({ $ref: `#/components/schemas/CaseAction_${n}` })),
    );
    expect(union().discriminator).toEqual({
      propertyName: 'type',
      mapping: Object.fromEntries(cases.actionNames.map((n) => [n, `#/components/schemas/CaseAction_${n}`])),
    });
  });

  it.each(cases.actionNames)('%s: its own fields, each described, and a valid example', (name) => {
    const schema = member(name);
    expect(schema, `components.schemas.CaseAction_${name}`).toBeDefined();
    expect(schema.properties?.type).toMatchObject({ enum: [name] });
    expect(schema.required).toContain('type');
    expect(schema.description, `CaseAction_${name} description`).toEqual(expect.any(String));
    // The fields are core's: the same names, the same required ones.
    const core = cases.CaseActionSchema.options.find((o) => o.shape.type.value === name);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(core?.shape ?? {}).sort());
    const undescribed = Object.entries(schema.properties ?? {})
      .filter(([, field]) => typeof field.description !== 'string' || field.description.length === 0)
      .map(([field]) => field);
    expect(undescribed, `fields of ${name} without a description (case-actions.ts)`).toEqual([]);
    const example = schema.example as Record<string, unknown>;
    expect(example?.type).toBe(name);
    const parsed = cases.CaseActionSchema.safeParse(example);
    expect(parsed.error?.issues ?? [], `the example of ${name} is a valid step`).toEqual([]);
  });
});
