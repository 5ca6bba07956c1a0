import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { useBuildings, useProjects } from '../../lib/org';

/** One QR code from the API (SVG), drawn into the page as a node (no data: or blob: URL, which the CSP refuses). */
function QrImage({
  path,
  id,
  label,
}: {
  path: '/v1/projects/{id}/report-qr' | '/v1/buildings/{id}/report-qr';
  id: string;
  label: string;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const svg = useQuery({
    queryKey: ['report-qr', path, id],
    queryFn: async (): Promise<{ svg: string; url: string }> => {
      const res = await api.GET(path, { params: { path: { id } }, parseAs: 'text' });
      const svgText = await data(Promise.resolve(res));
      return { svg: String(svgText ?? ''), url: res.response.headers.get('x-report-url') ?? '' };
    },
    staleTime: 5 * 60_000,
  });
  useEffect(() => {
    if (!box.current || !svg.data) return;
    const doc = new DOMParser().parseFromString(svg.data.svg, 'image/svg+xml');
    const node = doc.documentElement;
    node.setAttribute('width', '100%');
    node.removeAttribute('height');
    box.current.replaceChildren(document.importNode(node, true));
  }, [svg.data]);
  return (
    <Card className="gj-qr-card" title={label} size="small">
      {svg.isPending && <Skeleton.Image active />}
      {svg.isError && <Alert type="error" title={problemMessage(t, svg.error)} />}
      <div ref={box} role="img" aria-label={`${t('reportQr.qrOf')} ${label}`} />
      {svg.data?.url && (
        <Typography.Paragraph
          className="gj-noprint"
          copyable={{ text: svg.data.url }}
          style={{ wordBreak: 'break-all', marginTop: 8 }}
        >
          <a href={svg.data.url} target="_blank" rel="noreferrer">
            {svg.data.url}
          </a>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 报修二维码: printable QR codes of a project's public report page and of each building's. */
export function ReportQrPage() {
  const { t } = useI18n();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const chosen = projectId ?? projects.data?.[0]?.id;
  const buildings = useBuildings(chosen);
  const project = projects.data?.find((p) => p.id === chosen);

  return (
    <div className="gj-page" style={{ maxWidth: 1100 }}>
      <Space
        className="gj-noprint"
        style={{ justifyContent: 'space-between', width: '100%' }}
        align="baseline"
        wrap
      >
        <Typography.Title level={3}>{t('reportQr.title')}</Typography.Title>
        <Space wrap>
          <Select
            style={{ minWidth: 220 }}
            aria-label={t('reportQr.project')}
            placeholder={t('reportQr.project')}
            value={chosen}
            onChange={setProjectId}
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <Button type="primary" onClick={() => window.print()} disabled={!chosen}>
            {t('reportQr.print')}
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph className="gj-noprint" type="secondary">
        {t('reportQr.hint')}
      </Typography.Paragraph>
      {projects.isError && <Alert type="error" role="alert" title={problemMessage(t, projects.error)} />}
      {projects.isPending && <Skeleton active />}
      {projects.data?.length === 0 && <Empty description={t('app.empty')} />}
      {chosen && project && (
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12} md={8}>
            <QrImage
              path="/v1/projects/{id}/report-qr"
              id={chosen}
              label={`${project.name} · ${t('reportQr.wholeProject')}`}
            />
          </Col>
          {(buildings.data ?? []).map((b) => (
            <Col xs={24} sm={12} md={8} key={b.id}>
              <QrImage path="/v1/buildings/{id}/report-qr" id={b.id} label={`${project.name} ${b.name}`} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
