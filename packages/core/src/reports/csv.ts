/*
 * The one CSV writer every report uses: UTF-8 with a BOM (so Excel opens Chinese correctly),
 * CRLF line ends and RFC 4180 quoting, and cells that a spreadsheet would read as a formula
 * (starting with = + - @, or a tab / carriage return) prefixed with ' (OWASP CSV injection).
 */

export type CsvCell = string | number | boolean | null | undefined | Date;

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

/** One cell as written. Numbers are written as numbers (a negative number is not a formula). */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else if (value instanceof Date) s = value.toISOString();
  else s = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole document: the header row, then the rows, BOM first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Rows of objects to CSV by a column list (key and its header label, e.g. Chinese). */
export function objectsToCsv<T>(
  columns: readonly { key: keyof T & string; label: string }[],
  rows: readonly T[],
): string {
  return toCsv(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => r[c.key] as CsvCell)),
  );
}
