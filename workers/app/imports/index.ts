import { AppError, type FieldIssue, type Reach } from '@guanjia/core';
import {
  type ImportRow,
  importableProject,
  loadImportContext,
  planImport,
  runImport,
} from '../../data/imports';
import type { TenantScope } from '../../data/scope';

/*
 * The units-and-owners import of a project (CSV): all or nothing. The edge reads the file into
 * rows; a bad line anywhere rejects the whole file with every issue at `line <n>.<column>`.
 */

/** The 422 of a rejected import: every issue, sorted by line, and the bad lines. */
export const rejected = (issues: FieldIssue[]) => {
  const lineOf = (issue: FieldIssue) => Number(/^line (\d+)/.exec(issue.path)?.[1] ?? 0);
  const sorted = [...issues].sort((a, b) => lineOf(a) - lineOf(b));
  const badLines = [...new Set(sorted.map(lineOf))];
  return new AppError(
    'import_rejected',
    `${badLines.length} bad line(s): ${badLines.slice(0, 20).join(', ')}${badLines.length > 20 ? ', …' : ''}; nothing was imported`,
    { issues: sorted, extra: { badLines } },
  );
};

/**
 * Imports the rows `read` answers into the project (in the caller's org and owners reach): the
 * project is checked first, then the file is read, planned against what exists, and written.
 */
export async function importUnitsOwners(
  scope: TenantScope,
  reaches: Reach[],
  input: {
    projectId: string;
    read: () => Promise<{ rows: ImportRow[]; issues: FieldIssue[]; bytes: number }>;
  },
) {
  const project = await importableProject(scope, input.projectId, reaches);
  const { rows, issues, bytes } = await input.read();
  const phones = [...new Set(rows.flatMap((r) => (r.owner ? [r.owner.phone] : [])))];
  const openIds = [...new Set(rows.flatMap((r) => (r.owner?.wechatOpenId ? [r.owner.wechatOpenId] : [])))];
  const plan = planImport(rows, await loadImportContext(scope, project.id, phones, openIds));
  const allIssues = [...issues, ...plan.issues];
  if (allIssues.length > 0) throw rejected(allIssues);
  const { statements } = await runImport(scope, project.id, plan, { rows: rows.length, bytes });
  return { project, rows: rows.length, counts: plan.counts, statements };
}
