import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditAnswer,
  type AuditItem,
  type AuditTemplate,
  AuditTemplateSchema,
  scoreAudit,
} from '../../src/audits/index';

/*
 * What "N/A never changes the others beyond their weight" means exactly: answering an item
 * not applicable gives the same score as deleting that item from the template (and its
 * section, if it was the last applicable one), i.e. the remaining weights are renormalised.
 */

const critical = fc.constantFrom(null, null, null, 'zero_section' as const, 'fail_audit' as const);
const weight = fc.integer({ min: 1, max: 10 });
const itemArb = fc.oneof(
  fc.record({ type: fc.constant('yes_no' as const), weight, critical }),
  fc
    .record({
      type: fc.constant('scale' as const),
      weight,
      critical,
      min: fc.integer({ min: 0, max: 3 }),
      span: fc.integer({ min: 1, max: 9 }),
    })
    .map(({ span, ...i }) => ({ ...i, max: i.min + span })),
  fc
    .record({
      type: fc.constant('timing' as const),
      weight,
      critical,
      limitSeconds: fc.integer({ min: 1, max: 30 }),
      graded: fc.boolean(),
    })
    .map(({ graded, ...i }) => ({ ...i, ...(graded ? { zeroAtSeconds: i.limitSeconds * 4 } : {}) })),
);
const templateArb = fc
  .array(fc.record({ weight, items: fc.array(itemArb, { minLength: 1, maxLength: 4 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((sections) =>
    AuditTemplateSchema.parse({
      key: 'prop',
      channel: 'hotline',
      label: { zh: '性质', en: 'Property' },
      sections: sections.map((s, si) => ({
        key: `s${si}`,
        label: { zh: '节', en: 'Section' },
        weight: s.weight,
        items: s.items.map((item, ii) => ({ ...item, key: `i${si}_${ii}`, label: { zh: '项', en: 'Item' } })),
      })),
    }),
  );

const items = (t: AuditTemplate) => t.sections.flatMap((s) => s.items);

/** A valid answer for an item from a number in [0, 1): low = worse. */
function answerFor(item: AuditItem, u: number, notApplicable: boolean): AuditAnswer {
  if (notApplicable) return { itemKey: item.key, kind: 'not_applicable' };
  if (item.type === 'yes_no') return { itemKey: item.key, kind: 'yes_no', value: u >= 0.5 };
  if (item.type === 'scale')
    return { itemKey: item.key, kind: 'scale', value: item.min + Math.floor(u * (item.max - item.min + 1)) };
  if (item.type === 'timing')
    return { itemKey: item.key, kind: 'timing', seconds: Math.round((1 - u) * 200) };
  return { itemKey: item.key, kind: 'phrase', passed: u >= 0.5 };
}
const best = (item: AuditItem) => answerFor(item, 0.999, false);

const auditArb = templateArb.chain((template) =>
  fc
    .array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.boolean(), fc.boolean()), {
      minLength: items(template).length,
      maxLength: items(template).length,
    })
    .map((draws) => ({
      template,
      draws,
      answers: items(template).map((item, i) => answerFor(item, draws[i]![0], draws[i]![1] && draws[i]![2])),
    })),
);

const runs = { numRuns: 300 };

describe('scoring properties (fast-check)', () => {
  it('whatever the answers, the total and every section score lie within 0..100', () => {
    fc.assert(
      fc.property(auditArb, ({ template, answers }) => {
        const r = scoreAudit(template, answers);
        for (const s of [r.score, r.rawScore, ...r.sections.map((x) => x.score)]) {
          if (s !== null) expect(s >= 0 && s <= 100).toBe(true);
        }
      }),
      runs,
    );
  });

  it('an auditor who answers every item at its best gives exactly 100', () => {
    fc.assert(
      fc.property(templateArb, (template) => {
        expect(scoreAudit(template, items(template).map(best)).score).toBe(100);
      }),
      runs,
    );
  });

  it('marking an item not applicable scores exactly as if the item were not in the template', () => {
    fc.assert(
      fc.property(auditArb, fc.nat(), ({ template, answers }, pick) => {
        const all = items(template);
        const target = all[pick % all.length]!;
        const withNa = answers.map((a) =>
          a.itemKey === target.key ? { itemKey: a.itemKey, kind: 'not_applicable' as const } : a,
        );
        const without: AuditTemplate = {
          ...template,
          sections: template.sections
            .map((s) => ({ ...s, items: s.items.filter((i) => i.key !== target.key) }))
            .filter((s) => s.items.length > 0),
        };
        const expected = without.sections.length
          ? scoreAudit(
              without,
              answers.filter((a) => a.itemKey !== target.key),
            ).score
          : null;
        expect(scoreAudit(template, withNa).score).toBe(expected);
      }),
      runs,
    );
  });

  it('adding a failed critical item to any section never raises the score', () => {
    fc.assert(
      fc.property(
        auditArb,
        fc.nat(),
        fc.constantFrom('zero_section' as const, 'fail_audit' as const),
        weight,
        ({ template, answers }, pick, effect, w) => {
          const before = scoreAudit(template, answers).score;
          const si = pick % template.sections.length;
          const extra: AuditItem = {
            ...items(template)[0]!,
            key: 'extra',
            type: 'yes_no',
            critical: effect,
            weight: w,
          } as AuditItem;
          const grown: AuditTemplate = {
            ...template,
            sections: template.sections.map((s, i) => (i === si ? { ...s, items: [...s.items, extra] } : s)),
          };
          const r = scoreAudit(grown, [...answers, { itemKey: 'extra', kind: 'yes_no', value: false }]);
          expect(r.score).not.toBeNull();
          if (before !== null) expect(r.score!).toBeLessThanOrEqual(before);
          // A veto always fails the audit; a zeroed section fails it only if the total drops below the mark.
          if (effect === 'fail_audit') expect(r).toMatchObject({ score: 0, passed: false });
        },
      ),
      runs,
    );
  });

  it('improving one answer (fail to pass, a higher scale, a faster answer) never lowers the score', () => {
    fc.assert(
      fc.property(
        auditArb,
        fc.nat(),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        ({ template, answers, draws }, pick, v) => {
          const all = items(template);
          const i = pick % all.length;
          if (answers[i]!.kind === 'not_applicable') return;
          const better = Math.max(draws[i]![0], v);
          const improved = answers.map((a, j) => (j === i ? answerFor(all[i]!, better, false) : a));
          expect(scoreAudit(template, improved).score!).toBeGreaterThanOrEqual(
            scoreAudit(template, answers).score!,
          );
        },
      ),
      runs,
    );
  });
});
