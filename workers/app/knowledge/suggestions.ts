import { fieldError, knowledge, type Reach } from '@guanjia/core';
import { type ArticleRow, candidateArticles } from '../../data/knowledge';
import { projectPlace } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';

/**
 * Suggestions at intake (受理时推荐): the published articles visible at the case's project that
 * best answer what the agent typed. The trigram index finds candidates sharing any three
 * characters with the description; core scores (`articleMatchScores`, bigrams weighted by rarity among the candidates) and ranks them
 * (`rankSuggestions`: the project's own answer first on a near tie, answers before scripts).
 */
export async function suggestArticles(
  scope: TenantScope,
  reach: Reach,
  input: { description: string; projectId?: string; limit?: number },
): Promise<{ article: ArticleRow; score: number; rank: number }[]> {
  const place = input.projectId ? await placeOfProject(scope, reach, input.projectId) : null;
  const candidates = await candidateArticles(
    scope,
    reach,
    knowledge.searchTrigrams(input.description),
    place,
  );
  const byId = new Map(candidates.map((a) => [a.id, a]));
  const scores = knowledge.articleMatchScores(input.description, candidates);
  const ranked = knowledge.rankSuggestions(
    input.description,
    candidates.map((a, i) => ({
      articleId: a.id,
      kind: a.kind,
      scopeLevel: a.scopeLevel,
      matchScore: scores[i] ?? 0,
    })),
    // Weighted scores run low (a description says more than any one answer): the cut is relative.
    { limit: input.limit ?? 3, minScore: 0.05 },
  );
  return ranked.map((r) => ({ article: byId.get(r.articleId) as ArticleRow, score: r.score, rank: r.rank }));
}

/**
 * Where a reader at a project stands (its branch and itself). A project that is unknown, or out
 * of the reader's reach, is the same 400 at `projectId`: a filter never tells one from the other.
 */
export async function placeOfProject(
  scope: TenantScope,
  reach: Reach,
  projectId: string,
): Promise<knowledge.Place> {
  const p = await projectPlace(scope, projectId);
  if (!inReach(reach, { branchId: p.branchId, projectId: p.id })) {
    throw fieldError('projectId', `Project ${projectId} not found`);
  }
  return { branchId: p.branchId, projectId: p.id };
}
