import type { ArticleKind, ArticleScope } from './articles';
import { scopeNearness } from './articles';

/*
 * Suggestions at intake (受理时推荐): given the description typed so far and the candidate
 * articles the wiring's trigram search found with their match scores (0..1), which to show.
 *
 * - Nothing for a description under `minChars` meaningful characters: a trigram of two
 *   characters matches everything.
 * - A candidate below `minScore`, or below `relativeCutoff` × the best score, is noise.
 * - A nearer scope wins a near tie: the project's own answer gets `scopeBonus` per level over the
 *   group's, so it shows first unless the group's matches clearly better.
 * - At intake answers come before procedures, scripts and case examples when scores tie.
 */

export interface SuggestionCandidate {
  articleId: string;
  kind: ArticleKind;
  scopeLevel: ArticleScope['level'];
  /** The trigram match score, 0..1 (higher is better). */
  matchScore: number;
}

export interface SuggestionOptions {
  limit?: number;
  minChars?: number;
  minScore?: number;
  relativeCutoff?: number;
  scopeBonus?: number;
}

export interface RankedSuggestion extends SuggestionCandidate {
  rank: number;
  /** The score after the scope bonus, what the order follows. */
  score: number;
}

const kindOrder: Record<ArticleKind, number> = {
  standard_answer: 0,
  procedure: 1,
  script: 2,
  case_example: 3,
};

/** Characters that carry meaning: letters and digits of any script, not spaces or punctuation. */
export const meaningfulLength = (text: string) =>
  [...text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '')].length;

export function rankSuggestions(
  description: string,
  candidates: readonly SuggestionCandidate[],
  options: SuggestionOptions = {},
): RankedSuggestion[] {
  const { limit = 3, minChars = 3, minScore = 0.2, relativeCutoff = 0.5, scopeBonus = 0.03 } = options;
  if (meaningfulLength(description) < minChars) return [];
  const best = new Map<string, SuggestionCandidate>();
  for (const c of candidates) {
    if (!Number.isFinite(c.matchScore)) continue;
    const seen = best.get(c.articleId);
    if (!seen || c.matchScore > seen.matchScore) best.set(c.articleId, c);
  }
  const kept = [...best.values()].filter((c) => c.matchScore >= minScore);
  const top = Math.max(0, ...kept.map((c) => c.matchScore));
  return kept
    .filter((c) => c.matchScore >= top * relativeCutoff)
    .map((c) => ({ ...c, score: c.matchScore + (2 - scopeNearness(c.scopeLevel)) * scopeBonus }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        kindOrder[a.kind] - kindOrder[b.kind] ||
        (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0),
    )
    .slice(0, limit)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/** The meaningful characters of a text, NFKC and lower case (no spaces, punctuation or symbols). */
const meaningful = (text: string) => [
  ...text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, ''),
];

/** The distinct n-grams of a text's meaningful characters (Chinese words are mostly two characters). */
export function ngrams(text: string, n = 2): Set<string> {
  const chars = meaningful(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/**
 * How well an article answers a description, 0..1: half how much of the article's title the
 * description says, half how much of the description the article (title and body) covers, both
 * by character bigrams. The wiring's trigram index finds the candidates; this orders them.
 */
export function articleMatchScore(description: string, article: { title: string; body: string }): number {
  const asked = ngrams(description);
  if (asked.size === 0) return 0;
  const title = ngrams(article.title);
  const all = new Set([...title, ...ngrams(article.body)]);
  let covered = 0;
  for (const g of asked) if (all.has(g)) covered++;
  let said = 0;
  for (const g of title) if (asked.has(g)) said++;
  const titleShare = title.size ? said / title.size : 0;
  return Math.round((0.5 * titleShare + 0.5 * (covered / asked.size)) * 1000) / 1000;
}

/** The trigrams of a description to look candidates up by in the trigram index (at most `max`). */
export function searchTrigrams(description: string, max = 40): string[] {
  return [...ngrams(description, 3)].slice(0, max);
}

/**
 * Scores of several candidate articles for one description, 0..1 each, with every bigram of the
 * description weighted by how rare it is among the candidates (ln(1 + N/df)): 物业 in every
 * answer says little, 微信 or 困人 says much. Per article: 0.6 × the weighted share of the
 * description its title, tags and body cover, plus 0.4 × the weighted share its title and tags
 * alone cover (a title that names the question ranks first).
 */
export function articleMatchScores(
  description: string,
  articles: readonly { title: string; body: string; tags?: readonly string[] }[],
): number[] {
  const asked = ngrams(description);
  if (asked.size === 0) return articles.map(() => 0);
  const grams = articles.map((a) => {
    const title = ngrams(`${a.title} ${(a.tags ?? []).join(' ')}`);
    return { title, all: new Set([...title, ...ngrams(a.body)]) };
  });
  const weight = new Map<string, number>();
  for (const g of asked) {
    const df = grams.filter((x) => x.all.has(g)).length;
    weight.set(g, Math.log(1 + (articles.length + 1) / (df + 1)));
  }
  const total = [...weight.values()].reduce((s, w) => s + w, 0);
  return grams.map(({ title, all }) => {
    let covered = 0;
    let titled = 0;
    for (const [g, w] of weight) {
      if (all.has(g)) covered += w;
      if (title.has(g)) titled += w;
    }
    return Math.round(((0.6 * covered + 0.4 * titled) / total) * 1000) / 1000;
  });
}
