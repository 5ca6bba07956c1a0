import { AppError, type FieldIssue } from '@guanjia/core';
import { importUnitsOwners, rejected } from '../../../app/imports';
import type { ImportRow } from '../../../data/imports';
import { requireReach } from '../../../data/reach';
import { createRouter } from '../../app';
import { parseCsv } from './csv';
import {
  type ImportColumn,
  ImportRowSchema,
  importColumns,
  importUnitsOwnersRoute,
  maxImportRows,
  optionalImportColumns,
} from './imports.routes';

export const importsRouter = createRouter();

/** Reads the header and every row; a row's problems are issues at `line <n>.<column>`. */
function readRows(text: string): { rows: ImportRow[]; issues: FieldIssue[] } {
  const parsed = parseCsv(text);
  if ('issue' in parsed) throw rejected([parsed.issue]);
  const [header, ...data] = parsed.records;
  if (!header)
    throw rejected([{ path: 'line 1', message: `The header row is missing: ${importColumns.join(',')}` }]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = importColumns.filter((column) => !names.includes(column));
  const known: readonly string[] = [...importColumns, ...optionalImportColumns];
  const unknown = names.filter((name) => !known.includes(name));
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  const headerIssues: FieldIssue[] = [
    ...missing.map((column) => ({
      path: `line ${header.line}.${column}`,
      message: `Column ${column} is missing`,
    })),
    ...unknown.map((name) => ({ path: `line ${header.line}.${name}`, message: `Unknown column ${name}` })),
    ...repeated.map((name) => ({
      path: `line ${header.line}.${name}`,
      message: `Column ${name} appears twice`,
    })),
  ];
  if (headerIssues.length > 0) throw rejected(headerIssues);
  if (data.length === 0)
    throw rejected([{ path: 'line 2', message: 'The file has no rows after the header' }]);
  if (data.length > maxImportRows) {
    throw new AppError('payload_too_large', `Import at most ${maxImportRows} rows per file; split the file`);
  }

  const rows: ImportRow[] = [];
  const issues: FieldIssue[] = [];
  for (const record of data) {
    if (record.fields.length !== names.length) {
      issues.push({
        path: `line ${record.line}`,
        message: `Expected ${names.length} cells, found ${record.fields.length}`,
      });
      continue;
    }
    const cells = Object.fromEntries(names.map((name, i) => [name, record.fields[i]])) as Record<
      ImportColumn,
      string
    >;
    const result = ImportRowSchema.safeParse(cells);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ path: `line ${record.line}.${issue.path.join('.')}`, message: issue.message });
      }
      continue;
    }
    const row = result.data;
    rows.push({
      line: record.line,
      building: row.building,
      unit: row.unit,
      floor: row.floor ?? null,
      areaSqm: row.area_sqm ?? null,
      owner:
        row.owner_name && row.owner_phone
          ? {
              name: row.owner_name,
              phone: row.owner_phone,
              email: row.owner_email ?? null,
              wechatOpenId: row.wechat_open_id ?? null,
              relation: row.relation ?? 'owner',
            }
          : null,
    });
  }
  return { rows, issues };
}

importsRouter.openapi(importUnitsOwnersRoute, async (c) => {
  const scope = c.get('scope');
  const reaches = [requireReach(scope, 'org.manage'), requireReach(scope, 'owners.manage')];
  let started = 0;
  const result = await importUnitsOwners(scope, reaches, {
    projectId: c.req.valid('param').id,
    read: async () => {
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv\b/i.test(type)) {
        throw new AppError('unsupported_media_type', 'Send the file as text/csv (UTF-8)');
      }
      const text = await c.req.text();
      started = Date.now();
      return { ...readRows(text), bytes: new TextEncoder().encode(text).length };
    },
  });
  c.get('logger').info('units-owners import', {
    projectId: result.project.id,
    rows: result.rows,
    statements: result.statements,
    ms: Date.now() - started,
  });
  return c.json(
    { projectId: result.project.id, rows: result.rows, ...result.counts, changed: result.statements > 0 },
    200,
  );
});
