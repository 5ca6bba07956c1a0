/**
 * Phrase checks on a transcript of a call, chat or visit (Chinese): the greeting script, the
 * polite words (礼貌用语) and the forbidden phrases (服务禁语) of the service standards.
 *
 * Normalisation, applied to transcript and phrases alike:
 * 1. Unicode NFKC: full-width letters, digits and punctuation become half-width
 *    (`，` → `,`, `？` → `?`, `Ａ` → `A`), the ideographic space becomes a space.
 * 2. Latin letters are lower-cased.
 * 3. All whitespace is removed: Chinese puts no spaces between words, and speech-to-text
 *    output often spaces characters apart (`不 知 道` must still count).
 * Punctuation is kept for polite words and forbidden phrases, so a phrase never matches
 * across a sentence break: `不，知道了` ("no, I see") is not `不知道`. For the greeting,
 * punctuation is dropped from both sides, since pauses are not part of the script.
 * Matching is by substring: a forbidden phrase inside a longer one still counts
 * (`我也不知道呢`, `我们不管这个`), including `知不知道`; an auditor who judges otherwise
 * answers the item with a verdict instead of a transcript.
 */

/** The greeting script; `[小区名称]` is replaced by the project's name. */
export const defaultGreeting = '您好，这里是[小区名称]物业服务中心，请问有什么可以帮您？';
export const defaultPoliteWords = [
  '您好',
  '对不起',
  '请原谅',
  '谢谢',
  '请问',
  '不客气',
  '请稍等',
  '再见',
] as const;
export const defaultForbiddenPhrases = ['不清楚', '不知道', '没办法解决', '我们不管'] as const;

/** Placeholders for the project name accepted in a greeting script. */
const placeholder = /\[小区名称\]|\[项目名称\]|\{project\}/;

/** NFKC, lower-case, no whitespace; punctuation kept. */
export function normalisePhraseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

const stripPunctuation = (text: string) => text.replace(/[\p{P}\p{S}]/gu, '');

export interface PhraseOptions {
  /** Substituted for the greeting's placeholder; when absent, any 1–30 characters match it. */
  projectName?: string;
  greeting?: string;
  politeWords?: readonly string[];
  forbiddenPhrases?: readonly string[];
}

export interface PhraseCheckResult {
  greeting: { expected: string; matched: boolean };
  politeWords: { used: string[]; missing: string[] };
  /** Forbidden phrases heard, with how often (non-overlapping), in the list's order. */
  forbiddenHeard: { phrase: string; count: number }[];
}

function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks a transcript against the greeting, polite words and forbidden phrases. */
export function checkPhrases(transcript: string, options: PhraseOptions = {}): PhraseCheckResult {
  const text = normalisePhraseText(transcript);
  const bare = stripPunctuation(text);
  const script = options.greeting ?? defaultGreeting;
  const parts = script.split(placeholder).map((p) => stripPunctuation(normalisePhraseText(p)));
  const name =
    options.projectName === undefined
      ? undefined
      : stripPunctuation(normalisePhraseText(options.projectName));
  const matched =
    name !== undefined
      ? bare.includes(parts.join(name))
      : new RegExp(parts.map(escapeRegExp).join('.{1,30}?'), 'u').test(bare);
  const expected =
    options.projectName === undefined ? script : script.split(placeholder).join(options.projectName);

  const polite = options.politeWords ?? defaultPoliteWords;
  const used = polite.filter((w) => countOccurrences(text, normalisePhraseText(w)) > 0);
  const forbidden = options.forbiddenPhrases ?? defaultForbiddenPhrases;
  return {
    greeting: { expected, matched },
    politeWords: { used, missing: polite.filter((w) => !used.includes(w)) },
    forbiddenHeard: forbidden
      .map((phrase) => ({ phrase, count: countOccurrences(text, normalisePhraseText(phrase)) }))
      .filter((f) => f.count > 0),
  };
}
