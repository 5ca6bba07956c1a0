import { AppError } from '../errors';
import { type AuditAnswer, validateAnswers } from './answers';
import { checkPhrases, type PhraseCheckResult } from './phrases';
import type { AuditItem, AuditTemplate, CriticalEffect } from './template';

export interface ItemResult {
  itemKey: string;
  sectionKey: string;
  /** Share of the item's weight earned, 0..1; null when not applicable or unanswered. */
  fraction: number | null;
  passed: boolean | null;
  critical: CriticalEffect | null;
  phrases?: PhraseCheckResult;
}

export interface SectionResult {
  sectionKey: string;
  /** 0..100, two decimals; null when no item of it applies (then it leaves the total's base). */
  score: number | null;
  /** A failed critical item zeroed it. */
  zeroed: boolean;
  items: ItemResult[];
}

export interface AuditScore {
  /** 0..100, two decimals; 0 when vetoed; null when nothing in the audit applied. */
  score: number | null;
  /** The score before a `fail_audit` veto, for diagnosis. */
  rawScore: number | null;
  threshold: number;
  /** At or above the threshold and not vetoed; null when there is no score. */
  passed: boolean | null;
  vetoed: boolean;
  sections: SectionResult[];
  failedItems: ItemResult[];
  failedCritical: ItemResult[];
}

export interface ScoreContext {
  /** Substituted into the greeting script. */
  projectName?: string;
  /** The tenant's threshold, used unless the template sets its own. Default 80. */
  passThreshold?: number;
  /**
   * Score a checklist still being filled in: unanswered required items leave the base like
   * optional ones instead of refusing the answers (the console's live score). Submitting
   * scores without it, so a finished audit still needs every required item.
   */
  partial?: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function evaluate(item: AuditItem, answer: AuditAnswer | undefined, ctx: ScoreContext) {
  if (!answer || answer.kind === 'not_applicable') return { fraction: null, passed: null };
  if (item.type === 'yes_no' && answer.kind === 'yes_no')
    return { fraction: answer.value ? 1 : 0, passed: answer.value };
  if (item.type === 'scale' && answer.kind === 'scale') {
    const passAt = item.passAt ?? (item.min + item.max) / 2;
    return { fraction: (answer.value - item.min) / (item.max - item.min), passed: answer.value >= passAt };
  }
  if (item.type === 'timing' && answer.kind === 'timing') {
    const within = answer.seconds <= item.limitSeconds;
    const graded =
      item.zeroAtSeconds === undefined
        ? 0
        : Math.max(0, (item.zeroAtSeconds - answer.seconds) / (item.zeroAtSeconds - item.limitSeconds));
    return { fraction: within ? 1 : graded, passed: within };
  }
  if (item.type === 'phrase' && answer.kind === 'phrase') {
    const phrases =
      answer.transcript === undefined
        ? undefined
        : checkPhrases(answer.transcript, {
            projectName: ctx.projectName,
            greeting: item.greeting,
            ...(item.check === 'polite_words' && item.words ? { politeWords: item.words } : {}),
            ...(item.check === 'forbidden_phrases' && item.words ? { forbiddenPhrases: item.words } : {}),
          });
    let fraction = 0;
    if (phrases && item.check === 'greeting') fraction = phrases.greeting.matched ? 1 : 0;
    if (phrases && item.check === 'polite_words') {
      fraction = Math.min(1, phrases.politeWords.used.length / item.minPoliteWords);
    }
    if (phrases && item.check === 'forbidden_phrases') fraction = phrases.forbiddenHeard.length === 0 ? 1 : 0;
    if (answer.passed !== undefined) fraction = answer.passed ? 1 : 0;
    return { fraction, passed: fraction >= 1, phrases };
  }
  return { fraction: null, passed: null }; // unreachable once validated
}

/**
 * Scores an audit. Throws `AppError('validation_failed')` with the answer issues when the
 * answers do not fit the template.
 *
 * - A section scores the weighted mean of its applicable items (each earning a fraction of
 *   its weight). Not-applicable and unanswered optional items leave the base: the result is
 *   exactly the score of the same audit with those items removed from the template.
 * - A failed `zero_section` critical item makes its section 0.
 * - The total is the weighted mean of the applicable sections' scores; a failed
 *   `fail_audit` critical item makes it 0 and the audit fails (一票否决).
 */
export function scoreAudit(
  template: AuditTemplate,
  answers: readonly AuditAnswer[],
  ctx: ScoreContext = {},
): AuditScore {
  const issues = validateAnswers(template, answers, { partial: ctx.partial });
  if (issues.length)
    throw new AppError('validation_failed', 'The audit answers do not fit the template', { issues });
  const byKey = new Map(answers.map((a) => [a.itemKey, a]));
  let weighted = 0;
  let base = 0;
  let vetoed = false;
  const sections: SectionResult[] = template.sections.map((section) => {
    let earned = 0;
    let weights = 0;
    let zeroed = false;
    const items = section.items.map((item): ItemResult => {
      const r = evaluate(item, byKey.get(item.key), ctx);
      if (r.fraction !== null) {
        earned += item.weight * r.fraction;
        weights += item.weight;
      }
      if (r.passed === false && item.critical === 'zero_section') zeroed = true;
      if (r.passed === false && item.critical === 'fail_audit') vetoed = true;
      return {
        itemKey: item.key,
        sectionKey: section.key,
        fraction: r.fraction,
        passed: r.passed,
        critical: item.critical,
        ...(r.phrases ? { phrases: r.phrases } : {}),
      };
    });
    if (weights === 0) return { sectionKey: section.key, score: null, zeroed: false, items };
    const fraction = zeroed ? 0 : earned / weights;
    weighted += section.weight * fraction;
    base += section.weight;
    return { sectionKey: section.key, score: round2(100 * fraction), zeroed, items };
  });
  const threshold = template.passThreshold ?? ctx.passThreshold ?? 80;
  const rawScore = base === 0 ? null : round2((100 * weighted) / base);
  const score = rawScore === null ? null : vetoed ? 0 : rawScore;
  const failedItems = sections.flatMap((s) => s.items.filter((i) => i.passed === false));
  return {
    score,
    rawScore,
    threshold,
    passed: score === null ? null : !vetoed && score >= threshold,
    vetoed,
    sections,
    failedItems,
    failedCritical: failedItems.filter((i) => i.critical !== null),
  };
}
