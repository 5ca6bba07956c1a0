import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cases, unknownFields } from '../src/index';

describe('the fields a body holds that its schema does not know', () => {
  const Note = z.object({ text: z.string(), tags: z.array(z.object({ code: z.string() })).default([]) });

  it('are found at any depth: top level, nested objects, arrays of objects, records of objects', () => {
    const Body = z.object({
      name: z.string(),
      note: Note.optional(),
      byKey: z.record(z.string(), z.object({ on: z.boolean() })),
    });
    expect(
      unknownFields(Body, {
        name: 'x',
        colour: 'red',
        note: { text: 't', visibility: 'owner', tags: [{ code: 'a' }, { code: 'b', weight: 2 }] },
        byKey: { a: { on: true, off: false } },
      }),
    ).toEqual(['colour', 'note.visibility', 'note.tags.1.weight', 'byKey.a.off']);
  });

  it('in a union, against the option the value is: a case action with a stray field', () => {
    expect(
      unknownFields(cases.CaseActionSchema, {
        type: 'add_note',
        note: '已电话联系',
        visibility: 'owner',
        pinned: true,
      }),
    ).toEqual(['pinned']);
    // No option fits: the fields no option knows.
    expect(unknownFields(cases.CaseActionSchema, { zz: 1 })).toEqual(['zz']);
  });

  it('through a preprocess step, against the schema it feeds', () => {
    const settings = z.preprocess((body) => body, z.object({ timeZone: z.string().optional() }));
    expect(unknownFields(settings, { timeZone: 'Asia/Shanghai', colour: 'red' })).toEqual(['colour']);
  });

  it('none where the schema accepts any key (a passthrough object, a record)', () => {
    expect(unknownFields(z.object({ a: z.string() }).passthrough(), { a: 'x', b: 1 })).toEqual([]);
    expect(unknownFields(z.record(z.string(), z.number()), { any: 1 })).toEqual([]);
    expect(unknownFields(Note, { text: 't' })).toEqual([]);
  });
});
