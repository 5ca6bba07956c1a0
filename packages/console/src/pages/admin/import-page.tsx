import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Progress, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { csvPreview, postWithProgress } from '../../lib/upload';

const previewRows = 6; // the header and five rows
const knownColumns = new Set([
  'building',
  'unit',
  'floor',
  'area_sqm',
  'owner_name',
  'owner_phone',
  'owner_email',
  'relation',
  'wechat_open_id',
]);

interface BadRow {
  key: string;
  line: number | null;
  column: string;
  detail: string;
}

/** Splits the API's `line <n>.<column>` paths into a line and a column. */
function badRowsOf(error: unknown): BadRow[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.issues ?? []).map((issue, i) => {
    const m = /^line (\d+)(?:\.(\w+))?/.exec(issue.path);
    return { key: String(i), line: m ? Number(m[1]) : null, column: m?.[2] ?? '', detail: issue.message };
  });
}

/** 批量导入: a project's units and owners from CSV; all or nothing, every bad row named. */
export function ImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string[][]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Schemas['UnitsOwnersImportResult'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = progress !== null && progress < 100;

  const choose = async (chosen: File) => {
    setFile(chosen);
    setResult(null);
    setError(null);
    setProgress(null);
    setPreview(csvPreview(await chosen.text(), previewRows));
    return false; // kept in the browser until "Import"
  };

  const run = async () => {
    if (!file || !projectId) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const done = await postWithProgress<Schemas['UnitsOwnersImportResult']>(
        `/v1/projects/${encodeURIComponent(projectId)}/imports/units-owners`,
        file,
        { 'content-type': 'text/csv', 'Idempotency-Key': crypto.randomUUID() },
        // The bytes going up are 90%; the rest is the server checking and writing the rows.
        (share) => setProgress(Math.round(share * 90)),
      );
      setProgress(100);
      setResult(done);
      await queryClient.invalidateQueries({ queryKey: ['buildings'] });
      await queryClient.invalidateQueries({ queryKey: ['units'] });
    } catch (e) {
      setProgress(null);
      setError(e);
    }
  };

  const badRows = badRowsOf(error);
  const [header, ...rows] = preview;

  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.import.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('admin.import.help')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ minWidth: 220 }}
            aria-label={t('admin.project')}
            placeholder={t('admin.import.project')}
            value={projectId}
            onChange={setProjectId}
            options={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Upload accept=".csv,text/csv" maxCount={1} showUploadList={false} beforeUpload={(f) => choose(f)}>
            <Button>{t('admin.import.choose')}</Button>
          </Upload>
          {file && <Typography.Text data-testid="import-file">{file.name}</Typography.Text>}
          <Button type="primary" disabled={!file || !projectId || running} onClick={() => void run()}>
            {t('admin.import.run')}
          </Button>
        </Space>
        {header && (
          <>
            <Typography.Title level={5}>{t('admin.import.preview', { count: rows.length })}</Typography.Title>
            <Table
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey={(r) => r.key}
              dataSource={rows.map((r, i) => ({ key: String(i), line: i + 2, cells: r }))}
              columns={[
                { title: t('admin.import.line'), dataIndex: 'line', width: 60 },
                ...header.map((h, c) => ({
                  title: knownColumns.has(h.trim()) ? t(`admin.import.col.${h.trim()}`) : h,
                  key: String(c),
                  render: (_: unknown, r: { cells: string[] }) => r.cells[c] ?? '',
                })),
              ]}
            />
          </>
        )}
        {progress !== null && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text>
              {progress < 100 ? t('admin.import.running') : t('admin.import.done')}
            </Typography.Text>
            <Progress
              percent={progress}
              status={progress < 100 ? 'active' : 'success'}
              aria-label={t('admin.import.progress')}
            />
          </div>
        )}
        {result && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            role="status"
            title={t('admin.import.imported', { rows: result.rows })}
            description={
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
                {(['buildings', 'units', 'owners', 'links'] as const).map((k) => (
                  <Descriptions.Item key={k} label={t(`admin.import.count.${k}`)}>
                    {t('admin.import.createdReused', {
                      created: result[k].created,
                      reused: result[k].reused,
                    })}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            }
          />
        )}
        {error !== null && (
          <div style={{ marginTop: 12 }}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={
                badRows.length > 0
                  ? t('admin.import.rejected', { count: new Set(badRows.map((b) => b.line)).size })
                  : problemMessage(t, error)
              }
            />
            {badRows.length > 0 && (
              <Table<BadRow>
                style={{ marginTop: 8 }}
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={badRows}
                aria-label={t('admin.import.badRows')}
                columns={[
                  { title: t('admin.import.line'), dataIndex: 'line', width: 70, render: (v) => v ?? '—' },
                  {
                    title: t('admin.import.column'),
                    dataIndex: 'column',
                    render: (c: string) => (knownColumns.has(c) ? t(`admin.import.col.${c}`) : c || '—'),
                  },
                  {
                    title: t('admin.import.reason'),
                    render: (_, r) => (
                      <Space orientation="vertical" size={0}>
                        <span>
                          {knownColumns.has(r.column)
                            ? t(`admin.import.why.${r.column}`)
                            : t('admin.import.why.file')}
                        </span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.detail}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                ]}
              />
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
