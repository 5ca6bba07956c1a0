import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Cascader,
  Col,
  Form,
  Input,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { uploadAttachment } from '../../lib/attachments';
import { useBuildings, useCategories, useProjects, useUnits } from '../../lib/org';
import { formatTime, milestoneLabel } from '../../lib/time';
import { useAuth } from '../../session/auth';
import { ArticleSuggestions } from '../knowledge/article-suggestions';

interface Fields {
  kind: 'repair' | 'complaint' | 'inquiry' | 'suggestion';
  channel: string;
  projectId?: string;
  buildingId?: string;
  unitId?: string;
  phone?: string;
  contactName?: string;
  category?: string[];
  urgency: 'normal' | 'urgent' | 'emergency';
  severity?: 'normal' | 'major' | 'group';
  description: string;
}

interface Done {
  created: Schemas['CreatedCase'];
  firstDeadline: { milestone: string; dueAt: string } | null;
  uploadErrors: string[];
}

const staffChannels = ['hotline', 'department_phone', 'front_desk', 'guard_booth', 'web', 'wechat', 'app'];

/** The channel a role takes cases in by (热线 for the hotline, 前台 for the front desk, 保安亭 for guards). */
function presetChannel(hasRole: (...r: string[]) => boolean): string {
  if (hasRole('hotline_agent')) return 'hotline';
  if (hasRole('front_desk')) return 'front_desk';
  if (hasRole('security_guard')) return 'guard_booth';
  return 'department_phone';
}

/** 新建工单: a case in under a minute, from the keyboard. */
export function IntakePage() {
  const { t, lang } = useI18n();
  const { hasRole, can } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [owner, setOwner] = useState<Schemas['Owner'] | null | undefined>(undefined);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const kind = Form.useWatch('kind', form);
  const projectId = Form.useWatch('projectId', form);
  const buildingId = Form.useWatch('buildingId', form);
  const unitId = Form.useWatch('unitId', form);
  const category = Form.useWatch('category', form);
  const description = Form.useWatch('description', form) ?? '';
  const projects = useProjects();
  const buildings = useBuildings(projectId);
  const units = useUnits(projectId, buildingId);
  const categories = useCategories(lang);
  const categoryCode = category?.at(-1);

  // 维修反复: earlier repairs of this unit and category, shown before saving.
  const earlier = useQuery({
    queryKey: ['earlier-repairs', unitId, categoryCode],
    queryFn: () =>
      data(
        api.GET('/v1/cases', {
          params: { query: { unitId, kind: 'repair', category: categoryCode, limit: 10 } },
        }),
      ),
    enabled: kind === 'repair' && Boolean(unitId && categoryCode),
    select: (page) => page.data,
  });

  const findOwner = async () => {
    const phone = form.getFieldValue('phone')?.trim();
    if (!phone) return;
    try {
      const found = await data(api.GET('/v1/owners', { params: { query: { phone, limit: 5 } } }));
      const first = found.data[0] ?? null;
      setOwner(first);
      const home = first?.units[0];
      if (first) form.setFieldsValue({ contactName: first.name });
      if (home)
        form.setFieldsValue({ projectId: home.projectId, buildingId: home.buildingId, unitId: home.unitId });
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  const submit = async (f: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const created = await data(
        api.POST('/v1/cases', {
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
          body: {
            kind: f.kind,
            channel: f.channel as 'hotline',
            projectId: f.projectId as string,
            ...(f.buildingId && { buildingId: f.buildingId }),
            ...(f.unitId && { unitId: f.unitId }),
            ...(owner
              ? { ownerId: owner.id }
              : { contact: { phone: f.phone, ...(f.contactName && { name: f.contactName }) } }),
            category: categoryCode as string,
            urgency: f.urgency,
            ...(f.kind === 'complaint' && f.severity && { severity: f.severity }),
            description: f.description,
          },
        }),
      );
      const uploadErrors: string[] = [];
      for (const file of files) {
        try {
          await uploadAttachment(created.id, file.originFileObj as File);
        } catch (e) {
          uploadErrors.push(t('intake.uploadFailed', { name: file.name, reason: problemMessage(t, e) }));
        }
      }
      const sla = await data(api.GET('/v1/cases/{id}/sla', { params: { path: { id: created.id } } })).catch(
        () => null,
      );
      const running = (sla?.milestones ?? [])
        .filter((m) => m.status === 'pending' || m.status === 'warned')
        .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))[0];
      setDone({
        created,
        firstDeadline: running?.dueAt ? { milestone: running.milestone, dueAt: running.dueAt } : null,
        uploadErrors,
      });
    } catch (e) {
      setError(problemMessage(t, e));
      form.setFields(
        fieldErrors(t, e).map((f) => ({ ...f, name: f.name[0] === 'contact' ? ['phone'] : f.name })) as never,
      );
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="gj-page">
        <Card>
          <Result
            status="success"
            title={t('intake.success')}
            subTitle={
              <Space orientation="vertical">
                <Typography.Text strong style={{ fontSize: 20 }} data-testid="archive-no">
                  {t('intake.success.archiveNo', { archiveNo: done.created.archiveNo })}
                </Typography.Text>
                <Typography.Text>
                  {done.firstDeadline
                    ? t('intake.success.deadline', {
                        milestone: milestoneLabel(t, done.firstDeadline.milestone),
                        due: formatTime(lang, done.firstDeadline.dueAt),
                      })
                    : t('intake.success.noDeadline')}
                </Typography.Text>
                {done.uploadErrors.map((e) => (
                  <Alert key={e} type="warning" title={e} />
                ))}
              </Space>
            }
            extra={[
              <Link key="open" to={`/cases/${done.created.id}`}>
                <Button type="primary">{t('intake.success.open')}</Button>
              </Link>,
              <Button
                key="again"
                onClick={() => {
                  setDone(null);
                  setOwner(undefined);
                  setFiles([]);
                  form.resetFields();
                }}
              >
                {t('intake.success.another')}
              </Button>,
            ]}
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="gj-page" style={{ maxWidth: 960 }}>
      <Typography.Title level={3}>{t('intake.title')}</Typography.Title>
      {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Card>
        <Form<Fields>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'repair', channel: presetChannel(hasRole), urgency: 'normal' }}
        >
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="kind" label={t('intake.kind')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={(['repair', 'complaint', 'inquiry', 'suggestion'] as const).map((k) => ({
                    value: k,
                    label: t(`kind.${k}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
                <Select options={staffChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name="phone"
                label={t('intake.phone')}
                rules={[{ required: !owner, message: t('form.required') }]}
                extra={
                  owner === null
                    ? t('intake.phone.notFound')
                    : owner
                      ? t('intake.phone.found', { name: owner.name })
                      : undefined
                }
              >
                <Input.Search
                  inputMode="tel"
                  enterButton={t('intake.phone.find')}
                  onSearch={() => void findOwner()}
                  // Enter looks the number up; it does not submit the half-filled case.
                  onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
                  onChange={() => owner !== undefined && setOwner(undefined)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="contactName" label={t('intake.contactName')}>
                <Input disabled={Boolean(owner)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="urgency" label={t('intake.urgency')}>
                <Radio.Group
                  optionType="button"
                  options={(['normal', 'urgent', 'emergency'] as const).map((u) => ({
                    value: u,
                    label: t(`urgency.${u}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="projectId"
                label={t('intake.project')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('intake.pick')}
                  loading={projects.isPending}
                  options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  onChange={() => form.setFieldsValue({ buildingId: undefined, unitId: undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="buildingId" label={t('intake.building')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  placeholder={t('intake.pick')}
                  disabled={!projectId}
                  options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                  onChange={() => form.setFieldsValue({ unitId: undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="unitId" label={t('intake.unit')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  placeholder={t('intake.pick')}
                  disabled={!buildingId}
                  options={(units.data ?? []).map((u) => ({ value: u.id, label: u.number }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={kind === 'complaint' ? 12 : 24}>
              <Form.Item
                name="category"
                label={t('intake.category')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Cascader
                  changeOnSelect
                  placeholder={t('intake.pick')}
                  options={categories.data?.options ?? []}
                  showSearch
                />
              </Form.Item>
            </Col>
            {kind === 'complaint' && (
              <Col xs={24} md={12}>
                <Form.Item name="severity" label={t('intake.severity')}>
                  <Select
                    allowClear
                    options={(['normal', 'major', 'group'] as const).map((s) => ({
                      value: s,
                      label: t(`severity.${s}`),
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          {kind === 'repair' && unitId && categoryCode && earlier.data && (
            <Alert
              type={earlier.data.length > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                earlier.data.length > 0
                  ? t('intake.earlier', { count: earlier.data.length })
                  : t('intake.earlier.none')
              }
              description={
                earlier.data.length > 0 && (
                  <List
                    size="small"
                    dataSource={earlier.data}
                    renderItem={(c) => (
                      <List.Item>
                        <Link to={`/cases/${c.id}`}>{c.archiveNo}</Link> · {formatTime(lang, c.receivedAt)} ·{' '}
                        {t(`status.${c.status}`)} · {c.description.slice(0, 40)}
                      </List.Item>
                    )}
                  />
                )
              }
            />
          )}
          <Form.Item
            name="description"
            label={t('intake.description')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 5000 }]}
          >
            <Input.TextArea rows={4} showCount maxLength={5000} />
          </Form.Item>
          {can('knowledge.read') && (
            <div style={{ marginBottom: 16 }}>
              <ArticleSuggestions description={description} projectId={projectId} />
            </div>
          )}
          <Form.Item label={t('intake.photos')} extra={t('intake.photos.hint')}>
            <Upload
              listType="picture"
              accept="image/jpeg,image/png,image/webp,image/heic"
              multiple
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <Button>{t('intake.photos.add')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {busy ? t('intake.submitting') : t('intake.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
