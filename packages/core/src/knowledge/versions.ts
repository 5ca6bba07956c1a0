import type { ArticleFields } from './articles';

/*
 * Article versions (版本): every saved change is a new version recording who changed which
 * fields, with the whole article as it then stood, so an old answer can be shown as it was.
 */

export const versionedArticleFields = [
  'kind',
  'title',
  'body',
  'categoryCode',
  'tags',
  'scope',
  'politePhrases',
  'forbiddenPhrases',
  'lesson',
  'sourceCaseId',
] as const satisfies readonly (keyof ArticleFields)[];
export type VersionedArticleField = (typeof versionedArticleFields)[number];

export interface ArticleVersion {
  version: number;
  changedBy: string;
  changedAt: Date;
  /** The fields that differ from the previous version; every field on version 1. */
  changedFields: VersionedArticleField[];
  snapshot: ArticleFields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two saves. */
export function changedArticleFields(before: ArticleFields, after: ArticleFields): VersionedArticleField[] {
  return versionedArticleFields.filter((f) => !same(before[f], after[f]));
}

/**
 * The version a save creates, or null when nothing changed (a save that changes nothing makes no
 * version, so the history lists only real edits).
 */
export function nextArticleVersion(
  previous: { version: number; fields: ArticleFields } | null,
  after: ArticleFields,
  changedBy: string,
  changedAt: Date,
): ArticleVersion | null {
  if (!previous) {
    return { version: 1, changedBy, changedAt, changedFields: [...versionedArticleFields], snapshot: after };
  }
  const changedFields = changedArticleFields(previous.fields, after);
  if (changedFields.length === 0) return null;
  return { version: previous.version + 1, changedBy, changedAt, changedFields, snapshot: after };
}
