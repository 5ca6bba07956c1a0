import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultTemplates,
  parseSections,
  score,
  type TemplateSection,
} from '../../workers/api/routes/audits/rules';
import type { AuditRow } from '../../workers/data/audits';

/** Scoring maths of the edge's interim adapter (until core's audits rules land): properties over random answers. */

const auditOf = (sections: TemplateSection[], threshold = 80) =>
  ({ template: { sections }, threshold }) as unknown as AuditRow;

const templates = defaultTemplates().map((t) => parseSections(t.sections));

type Answer = Record<string, unknown> & { itemId: string };

/** Random answers to every item of a template: some N/A, values within the item's kind. */
const answersFor = (sections: TemplateSection[]) =>
  fc.tuple(
    ...sections.flatMap((s) =>
      s.items.map((item) =>
        fc.oneof(
          { weight: 1, arbitrary: fc.constant<Answer>({ itemId: item.id, notApplicable: true }) },
          {
            weight: 4,
            arbitrary:
              item.kind === 'yes_no'
                ? fc.boolean().map<Answer>((value) => ({ itemId: item.id, value }))
                : item.kind === 'scale'
                  ? fc
                      .integer({ min: 0, max: item.max ?? 5 })
                      .map<Answer>((value) => ({ itemId: item.id, value }))
                  : item.kind === 'timing'
                    ? fc
                        .integer({ min: 0, max: 120 })
                        .map<Answer>((seconds) => ({ itemId: item.id, seconds }))
                    : fc
                        .subarray([...(item.phrase?.phrases ?? []), '好的', '马上处理'])
                        .map<Answer>((words) => ({ itemId: item.id, transcript: words.join('，') })),
          },
        ),
      ),
    ),
  );

const perfect = (sections: TemplateSection[]): Answer[] =>
  sections.flatMap((s) =>
    s.items.map((item): Answer => {
      if (item.kind === 'yes_no') return { itemId: item.id, value: true };
      if (item.kind === 'scale') return { itemId: item.id, value: item.max };
      if (item.kind === 'timing') return { itemId: item.id, seconds: 0 };
      return {
        itemId: item.id,
        transcript:
          item.phrase?.mode === 'forbidden' ? '马上为您处理' : (item.phrase?.phrases ?? []).join(''),
      };
    }),
  );

describe('audit scoring properties (every default template)', () => {
  it.each(templates.map((t, i) => [defaultTemplates()[i]?.channel, t] as const))(
    '%s: the score stays within 0–100 and passing means at or above the threshold without a critical failure',
    (_channel, sections) => {
      fc.assert(
        fc.property(answersFor(sections), fc.integer({ min: 0, max: 100 }), (answers, threshold) => {
          const r = score(auditOf(sections, threshold), answers);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(r.passed).toBe(r.score >= threshold && !r.result.failedByCritical);
          if (r.result.failedByCritical) expect(r.score).toBe(0);
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(templates.map((t, i) => [defaultTemplates()[i]?.channel, t] as const))(
    '%s: perfect answers score 100, and marking any perfect item N/A keeps 100',
    (_channel, sections) => {
      expect(score(auditOf(sections), perfect(sections)).score).toBe(100);
      const ids = sections.flatMap((s) => s.items.map((i) => i.id));
      fc.assert(
        fc.property(fc.subarray(ids), (na) => {
          const answers = perfect(sections).map((a) =>
            na.includes(a.itemId) ? { itemId: a.itemId, notApplicable: true } : a,
          );
          expect(score(auditOf(sections), answers).score).toBe(100);
        }),
      );
    },
  );

  it('improving one answer never lowers the score', () => {
    const sections = templates[0] as TemplateSection[];
    fc.assert(
      fc.property(answersFor(sections), fc.nat(), (answers, pick) => {
        const before = score(auditOf(sections), answers).score;
        const index = pick % answers.length;
        const better = [...answers];
        better[index] = perfect(sections)[index] as Answer;
        expect(score(auditOf(sections), better).score).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('a forbidden phrase heard zeroes its section when the template says zero_section', () => {
    const sections = templates[0] as TemplateSection[];
    fc.assert(
      fc.property(fc.constantFrom('不清楚', '不知道', '没办法解决', '我们不管'), (phrase) => {
        const answers = perfect(sections).map((a) =>
          a.itemId === 'forbidden' ? { itemId: 'forbidden', transcript: `这个${phrase}` } : a,
        );
        const r = score(auditOf(sections), answers);
        const language = (r.result.sections as { sectionId: string; score: number }[]).find(
          (s) => s.sectionId === 'language',
        );
        expect(language?.score).toBe(0);
        expect(r.result.failedByCritical).toBe(false);
        expect(r.score).toBeLessThan(100);
      }),
    );
  });
});
