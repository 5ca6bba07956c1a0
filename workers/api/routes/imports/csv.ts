import type { FieldIssue } from '@guanjia/core';
import { parse } from 'csv-parse/browser/esm/sync';

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/**
 * Parses CSV text (UTF-8, with or without BOM, LF or CRLF, quoted fields may span lines)
 * into records with the line each starts on. Blank lines are skipped.
 * A malformed file answers an issue instead of records.
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { issue: FieldIssue } {
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return {
      issue: {
        path: lines ? `line ${lines}` : 'body',
        message: `Not valid CSV: ${(error as Error).message}`,
      },
    };
  }
  // csv-parse reports where each record ends in UTF-8 bytes; the next record starts
  // after it, past any blank lines. Lines are counted from those byte offsets.
  const bytes = new TextEncoder().encode(text);
  const newlineOffsets: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) newlineOffsets.push(i);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = newlineOffsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((newlineOffsets[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
  let start = 0;
  const records: CsvRecord[] = [];
  for (const { record, info } of parsed) {
    if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    while (bytes[start] === 0x0a || bytes[start] === 0x0d) start += 1;
    records.push({ line: lineAt(start), fields: record });
    start = info.bytes;
  }
  return { records };
}
