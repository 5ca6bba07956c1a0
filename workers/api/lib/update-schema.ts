import { z } from '@hono/zod-openapi';

type Shape = z.ZodRawShape;
type Def = { type: string; innerType?: z.ZodType };

/**
 * The field without its `.default(...)`, however deep under `.optional()`/`.nullable()`.
 * Zod 4 applies a default even inside an optional field, so `.partial()` of a create schema
 * would fill every omitted field with its default and a PATCH would write it.
 */
export function withoutDefault(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as Def;
  if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
    // What the document says of the field belongs before `.default()`, on the inner schema.
    return withoutDefault(def.innerType);
  }
  if (def.type === 'optional' && def.innerType) return withoutDefault(def.innerType).optional();
  if (def.type === 'nullable' && def.innerType) return withoutDefault(def.innerType).nullable();
  return schema;
}

/**
 * The body of a PATCH derived from the create body: every field optional, none defaulted, so
 * the parsed body holds exactly the fields the caller sent and only those are written.
 * Unknown fields are refused (strict), like every request body.
 */
export function updateSchemaOf<S extends Shape>(create: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(create.shape).map(([key, field]) => [key, withoutDefault(field as z.ZodType).optional()]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };
  return z.object(shape).strict();
}
