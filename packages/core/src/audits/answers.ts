import { z } from 'zod';
import type { FieldIssue } from '../errors';
import type { AuditItem, AuditTemplate } from './template';

const base = {
  itemKey: z.string().min(1),
  note: z.string().max(2000).optional(),
  /** Ids of uploaded evidence (photos, audio, screenshots) backing this answer. */
  evidenceIds: z.array(z.string().min(1)).max(20).optional(),
};

/**
 * One answer of an auditor. `not_applicable` excludes the item from the score's base. A
 * phrase item takes a transcript to check, or the auditor's verdict, or both (the verdict
 * wins: a person who listened to the recording overrides substring matching).
 */
export const AuditAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('not_applicable') }),
  z.object({ ...base, kind: z.literal('yes_no'), value: z.boolean() }),
  z.object({ ...base, kind: z.literal('scale'), value: z.number() }),
  z.object({ ...base, kind: z.literal('timing'), seconds: z.number().nonnegative() }),
  z.object({
    ...base,
    kind: z.literal('phrase'),
    transcript: z.string().max(100_000).optional(),
    passed: z.boolean().optional(),
  }),
]);
export type AuditAnswer = z.infer<typeof AuditAnswerSchema>;

export type AnswerIssueCode =
  | 'unknown_item'
  | 'duplicate_answer'
  | 'wrong_kind'
  | 'out_of_range'
  | 'not_applicable_not_allowed'
  | 'phrase_needs_transcript_or_verdict'
  | 'missing_required';

export interface AnswerIssue extends FieldIssue {
  code: AnswerIssueCode;
  itemKey: string;
}

/** Every item of a template with its section key, in template order. */
export function templateItems(template: AuditTemplate): { sectionKey: string; item: AuditItem }[] {
  return template.sections.flatMap((s) => s.items.map((item) => ({ sectionKey: s.key, item })));
}

/**
 * Checks answers against a template; an empty list means they can be scored. Paths point
 * into the answers array (`answers[2].value`) or, for a missing item, at `answers`. With
 * `partial` a required item not answered yet is no issue (an auditor half-way through).
 */
export function validateAnswers(
  template: AuditTemplate,
  answers: readonly AuditAnswer[],
  options: { partial?: boolean } = {},
): AnswerIssue[] {
  const items = new Map(templateItems(template).map((e) => [e.item.key, e.item]));
  const issues: AnswerIssue[] = [];
  const seen = new Set<string>();
  const add = (
    i: number | null,
    field: string,
    code: AnswerIssueCode,
    itemKey: string,
    message: string,
  ): void => {
    issues.push({ path: i === null ? 'answers' : `answers[${i}]${field}`, code, itemKey, message });
  };

  answers.forEach((a, i) => {
    const item = items.get(a.itemKey);
    if (!item) {
      add(i, '.itemKey', 'unknown_item', a.itemKey, `no item ${a.itemKey} in this template`);
    } else if (seen.has(a.itemKey)) {
      add(i, '.itemKey', 'duplicate_answer', a.itemKey, `${a.itemKey} answered twice`);
    } else {
      seen.add(a.itemKey);
      checkAnswer(item, a, (field, code, message) => add(i, field, code, a.itemKey, message));
    }
  });
  if (options.partial) return issues;
  for (const [itemKey, item] of items) {
    if (item.required && !seen.has(itemKey))
      add(null, '', 'missing_required', itemKey, `${itemKey} is required`);
  }
  return issues;
}

type Report = (field: string, code: AnswerIssueCode, message: string) => void;

function checkAnswer(item: AuditItem, a: AuditAnswer, report: Report): void {
  if (a.kind === 'not_applicable') {
    if (!item.allowNotApplicable)
      report('.kind', 'not_applicable_not_allowed', `${a.itemKey} must be answered`);
  } else if (a.kind !== item.type) {
    report('.kind', 'wrong_kind', `${a.itemKey} is a ${item.type} item, not ${a.kind}`);
  } else if (a.kind === 'scale' && item.type === 'scale' && !(a.value >= item.min && a.value <= item.max)) {
    report('.value', 'out_of_range', `${a.itemKey} takes ${item.min}..${item.max}, not ${a.value}`);
  } else if (a.kind === 'timing' && !Number.isFinite(a.seconds)) {
    report('.seconds', 'out_of_range', `${a.itemKey} needs a finite number of seconds`);
  } else if (a.kind === 'phrase' && a.transcript === undefined && a.passed === undefined) {
    report('', 'phrase_needs_transcript_or_verdict', `${a.itemKey} needs a transcript or a verdict`);
  }
}
