import type { z } from 'zod';
import type { FieldIssue } from './errors';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The paths of the fields in `input` that `schema` does not know, at any depth.
 *
 * Zod strips unknown keys by default, so a misspelt or unsupported field would be dropped
 * without a word. Every request body is checked with this walk against its route's schema
 * (see `createRouter` in workers/api/app.ts, and the case action parser): one place, whatever shape the schema has (objects, unions of action
 * bodies, arrays of objects, records). An object that declares a catchall accepts any key.
 */
export function unknownFields(schema: z.ZodType, input: unknown, path = ''): string[] {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(input)) return [];
      const shape = def.shape ?? {};
      const found: string[] = [];
      for (const [key, value] of Object.entries(input)) {
        const field = shape[key];
        if (field) found.push(...unknownFields(field, value, join(path, key)));
        else if (!def.catchall || def.catchall._zod.def.type === 'never') found.push(join(path, key));
        else found.push(...unknownFields(def.catchall, value, join(path, key)));
      }
      return found;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return input === undefined || input === null || !def.innerType
        ? []
        : unknownFields(def.innerType, input, path);
    case 'pipe':
      // z.preprocess(fn, schema) is a pipe from a transform into the schema: the schema is what
      // the body may hold.
      if (def.in?._zod.def.type === 'transform' && def.out) return unknownFields(def.out, input, path);
      return def.in ? unknownFields(def.in, input, path) : [];
    case 'lazy':
      return def.getter ? unknownFields(def.getter(), input, path) : [];
    case 'array':
      return Array.isArray(input) && def.element
        ? input.flatMap((item, i) => unknownFields(def.element as z.ZodType, item, join(path, i)))
        : [];
    case 'tuple':
      return Array.isArray(input)
        ? input.flatMap((item, i) => {
            const item_ = def.items?.[i] ?? def.rest;
            return item_ ? unknownFields(item_, item, join(path, i)) : [];
          })
        : [];
    case 'record':
      return isPlainObject(input) && def.valueType
        ? Object.entries(input).flatMap(([key, value]) =>
            unknownFields(def.valueType as z.ZodType, value, join(path, key)),
          )
        : [];
    case 'union': {
      // The option the value parsed as (for a discriminated union, the one its tag names);
      // when none did, the fields that no option knows.
      const options = def.options ?? [];
      const option = options.find((o) => o.safeParse(input).success);
      if (option) return unknownFields(option, input, path);
      const [first, ...rest] = options.map((o) => unknownFields(o, input, path));
      return (first ?? []).filter((p) => rest.every((other) => other.includes(p)));
    }
    case 'intersection': {
      // A key is unknown only if neither side knows it.
      if (!def.left || !def.right) return [];
      const right = new Set(unknownFields(def.right, input, path));
      return unknownFields(def.left, input, path).filter((p) => right.has(p));
    }
    default:
      return [];
  }
}

/** One field issue per unknown field, as the API answers them. */
export const unknownFieldIssues = (paths: string[]): FieldIssue[] =>
  paths.map((path) => ({
    path,
    message: `Unknown field ${path.split('.').pop()}: this body has no such field`,
    code: 'unrecognized_keys',
  }));
