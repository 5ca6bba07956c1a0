import { Alert, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { problemMessage } from '../api/problem';
import { useI18n } from '../i18n';

/** The If-Match header of a record read at `version` (the API's ETag is the quoted version). */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** A fresh idempotency key for a creating POST. */
export const idempotency = () => ({ 'idempotency-key': crypto.randomUUID() });

/** A screen's title with its actions on the right. */
export function ScreenTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }} align="baseline">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Space>
  );
}

/** A failed request in the user's language (never the API's English detail). */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert type="error" role="alert" showIcon title={problemMessage(t, error)} style={{ marginBottom: 12 }} />
  );
}

/** A CSV file the browser saves: a header row and the rows, quoted where needed, with a BOM for Excel. */
export function downloadCsv(name: string, header: string[], rows: (string | number | null | undefined)[][]) {
  const quote = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  saveCsv(name, [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
}

/** Saves CSV text (the API's own `format=csv` answer, or one built here) with one BOM for Excel. */
export function saveCsv(name: string, text: string) {
  const body = text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
