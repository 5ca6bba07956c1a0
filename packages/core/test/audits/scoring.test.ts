import { describe, expect, it } from 'vitest';
import {
  type AuditAnswer,
  defaultAuditTemplates,
  scoreAudit,
  templateOfStored,
  validateAnswers,
} from '../../src/audits/index';
import type { AppError } from '../../src/errors';
import { allGood, na, scaleAnswer, smallTemplate, timed, yes } from './support';

const t = smallTemplate();
const replace = (answers: AuditAnswer[], a: AuditAnswer) =>
  answers.map((x) => (x.itemKey === a.itemKey ? a : x));

describe('scoring an audit', () => {
  it('an auditor who finds everything right gives 100 and a pass', () => {
    expect(scoreAudit(t, allGood)).toMatchObject({
      score: 100,
      passed: true,
      failedItems: [],
      vetoed: false,
    });
  });

  it.each([
    ['item b (weight 2 of 5) failed', [yes('b', false)], 70, 60],
    ['the scale at 3 of 1..5 earns half its weight', [scaleAnswer('c', 3)], 92.5, 90],
    ['answered in 30 s with 15 s limit and zero at 45 s earns half', [timed('d', 30)], 92.5, 90],
    ['answered after 60 s earns nothing for timing', [timed('d', 60)], 85, 80],
    ['the non-critical conduct item failed halves that section', [yes('f', false)], 87.5, 100],
  ])('%s', (_label, changes, total, service) => {
    const answers = changes.reduce(replace, allGood);
    const r = scoreAudit(t, answers);
    expect(r.score).toBe(total);
    expect(r.sections[0]?.score).toBe(service);
  });

  it('a failed critical item zeroes its section but not the others', () => {
    const r = scoreAudit(t, replace(allGood, yes('e', false)));
    expect(r.sections.map((s) => [s.sectionKey, s.score, s.zeroed])).toEqual([
      ['service', 100, false],
      ['conduct', 0, true],
    ]);
    expect(r.score).toBe(75);
    expect(r.failedCritical.map((i) => i.itemKey)).toEqual(['e']);
  });

  it('a failed fail_audit critical item fails the audit with 0, keeping the raw score for diagnosis', () => {
    const veto = smallTemplate();
    const e = veto.sections[1]?.items[0];
    if (e) e.critical = 'fail_audit';
    const r = scoreAudit(veto, replace(allGood, yes('e', false)));
    expect(r).toMatchObject({ score: 0, rawScore: 87.5, passed: false, vetoed: true });
  });

  it('a not-applicable item leaves the base: one failed item of the remaining three counts for its weight', () => {
    const r = scoreAudit(t, [
      na('a'),
      yes('b', false),
      scaleAnswer('c', 5),
      timed('d', 0),
      yes('e'),
      yes('f'),
    ]);
    expect(r.sections[0]?.score).toBe(50); // b is 2 of the remaining 4
  });

  it('a section with every item not applicable leaves the total, which is renormalised over the rest', () => {
    const r = scoreAudit(
      t,
      [...allGood.slice(0, 4), na('e'), na('f')].map((a) => (a.itemKey === 'b' ? yes('b', false) : a)),
    );
    expect(r.sections[1]?.score).toBeNull();
    expect(r.score).toBe(60);
  });

  it('an audit where nothing applies has no score and neither passes nor fails', () => {
    const r = scoreAudit(t, ['a', 'b', 'c', 'd', 'e', 'f'].map(na));
    expect(r).toMatchObject({ score: null, passed: null });
  });

  it('the pass mark is the tenant threshold unless the template sets its own', () => {
    const answers = replace(allGood, yes('b', false)); // 70
    expect(scoreAudit(t, answers, { passThreshold: 90 }).passed).toBe(false);
    expect(scoreAudit(smallTemplate({ passThreshold: 70 }), answers, { passThreshold: 90 }).passed).toBe(
      true,
    );
  });

  it('a phrase item scores a transcript, and the auditor’s verdict overrides it', () => {
    const hotline = defaultAuditTemplates.hotline!;
    const base: AuditAnswer[] = validateAnswers(hotline, []).map((i) => ({
      itemKey: i.itemKey,
      kind: 'not_applicable',
    }));
    const withItem = (a: AuditAnswer) => replace(base, a);
    const heard = withItem({ itemKey: 'no_forbidden_phrases', kind: 'phrase', transcript: '这个我们不管。' });
    expect(() => scoreAudit(hotline, heard)).toThrow(); // greeting and polite words may not be N/A
    const answers: AuditAnswer[] = [
      {
        itemKey: 'greeting_script',
        kind: 'phrase',
        transcript: '您好，这里是阳光花园物业服务中心，请问有什么可以帮您？',
      },
      { itemKey: 'polite_words', kind: 'phrase', transcript: '您好 请问 谢谢 再见' },
      { itemKey: 'no_forbidden_phrases', kind: 'phrase', transcript: '这个我们不管。' },
      ...base.filter((a) => !['greeting_script', 'polite_words', 'no_forbidden_phrases'].includes(a.itemKey)),
    ];
    const r = scoreAudit(hotline, answers, { projectName: '阳光花园' });
    expect(r).toMatchObject({ vetoed: true, score: 0, passed: false });
    expect(r.failedCritical[0]?.phrases?.forbiddenHeard).toEqual([{ phrase: '我们不管', count: 1 }]);
    const overridden = replace(answers, {
      itemKey: 'no_forbidden_phrases',
      kind: 'phrase',
      transcript: '这个我们不管。',
      passed: true,
    });
    expect(scoreAudit(hotline, overridden, { projectName: '阳光花园' })).toMatchObject({
      vetoed: false,
      score: 100,
    });
  });
});

describe('answers that do not fit the template are refused with clear issues', () => {
  it('unknown item, out-of-range scale, wrong kind, duplicate and missing required are each named', () => {
    const answers: AuditAnswer[] = [
      yes('a'),
      yes('a'),
      scaleAnswer('c', 7),
      timed('b', 3),
      yes('zzz'),
      { itemKey: 'e', kind: 'phrase' },
    ];
    expect(validateAnswers(t, answers).map((i) => [i.path, i.code])).toEqual([
      ['answers[1].itemKey', 'duplicate_answer'],
      ['answers[2].value', 'out_of_range'],
      ['answers[3].kind', 'wrong_kind'],
      ['answers[4].itemKey', 'unknown_item'],
      ['answers[5].kind', 'wrong_kind'],
      ['answers', 'missing_required'],
      ['answers', 'missing_required'],
    ]);
  });

  it('scoring invalid answers throws a validation_failed error carrying the issues', () => {
    try {
      scoreAudit(t, allGood.slice(1));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).issues).toEqual([
        { path: 'answers', code: 'missing_required', itemKey: 'a', message: 'a is required' },
      ]);
    }
  });

  it('an optional item may be left out and then counts as not applicable', () => {
    const optional = smallTemplate();
    const a = optional.sections[0]?.items[0];
    if (a) a.required = false;
    expect(scoreAudit(optional, allGood.slice(1)).score).toBe(100);
  });
});

describe('a checklist still being filled in (partial)', () => {
  it('scores only what was marked so far, leaving the unanswered items out of the base', () => {
    const r = scoreAudit(t, [yes('a'), yes('b', false)], { partial: true });
    expect(r.sections[0]?.score).toBe(33.33);
    expect(r.sections[1]?.score).toBeNull();
    expect(r.score).toBe(33.33);
    expect(r.failedItems.map((i) => i.itemKey)).toEqual(['b']);
  });

  it('gives the same score as the finished audit once every item is marked', () => {
    expect(scoreAudit(t, allGood, { partial: true })).toEqual(scoreAudit(t, allGood));
  });

  it('with nothing marked there is no score yet', () => {
    expect(scoreAudit(t, [], { partial: true })).toMatchObject({ score: null, passed: null });
  });

  it('still refuses answers that do not fit, and without partial still needs every required item', () => {
    expect(() => scoreAudit(t, [scaleAnswer('c', 9)], { partial: true })).toThrow();
    expect(() => scoreAudit(t, [yes('a')])).toThrow();
    expect(validateAnswers(t, [yes('a')], { partial: true })).toEqual([]);
  });
});

describe('the default templates', () => {
  it.each(Object.entries(defaultAuditTemplates))(
    'the %s template has labels in Chinese and English and a forbidden-phrase veto',
    (_c, tpl) => {
      for (const s of tpl!.sections) {
        expect(s.label.zh).toMatch(/\p{Script=Han}/u);
        expect(s.label.en).toMatch(/^[A-Za-z]/);
      }
      const forbidden = tpl!.sections.flatMap((s) => s.items).find((i) => i.key === 'no_forbidden_phrases');
      expect(forbidden).toMatchObject({ critical: 'fail_audit', type: 'phrase', check: 'forbidden_phrases' });
    },
  );

  it('the sales office checks snobbery, neglect and false promises', () => {
    const keys = defaultAuditTemplates.sales_office!.sections.flatMap((s) => s.items.map((i) => i.key));
    expect(keys).toEqual(expect.arrayContaining(['no_snobbery', 'never_left_alone', 'no_false_promises']));
  });
});

describe('a stored template read as core’s', () => {
  it('takes labels from the name and the audit’s pass mark over the template’s', () => {
    const stored = { name: '热线', channel: 'hotline' as const, sections: t.sections, threshold: 70 };
    expect(templateOfStored(stored)).toMatchObject({ label: { zh: '热线', en: '热线' }, passThreshold: 70 });
    expect(templateOfStored(stored, 90).passThreshold).toBe(90);
  });
});
