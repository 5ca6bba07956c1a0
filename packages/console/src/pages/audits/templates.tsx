import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch } from '../../lib/admin';
import { useAuth } from '../../session/auth';

/* 暗访模板: view a checklist, copy it, and (group-wide managers) edit its weights and pass mark. */

type Template = Schemas['AuditTemplate'];
type Section = Template['sections'][number];

function TemplateEditor({ template, onClose }: { template: Template; onClose: () => void }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editable = auth.can('audits.manage') && auth.me?.grants.some((g) => g.scopeType === 'group');
  const [sections, setSections] = useState<Section[]>(template.sections);
  const [threshold, setThreshold] = useState<number | null>(template.threshold);
  const [saving, setSaving] = useState(false);
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);

  const setSectionWeight = (si: number, weight: number) =>
    setSections((all) => all.map((s, i) => (i === si ? { ...s, weight } : s)));
  const setItemWeight = (si: number, ii: number, weight: number) =>
    setSections((all) =>
      all.map((s, i) =>
        i === si ? { ...s, items: s.items.map((it, j) => (j === ii ? { ...it, weight } : it)) } : s,
      ),
    );

  async function save() {
    setSaving(true);
    try {
      await data(
        api.PATCH('/v1/audit-templates/{id}', {
          params: { path: { id: template.id }, header: ifMatch(template.version) as never },
          body: { sections, threshold },
        }),
      );
      message.success(t('audits.templates.saved'));
      await qc.invalidateQueries({ queryKey: ['audits', 'templates'] });
      onClose();
    } catch (error) {
      message.error(problemMessage(t, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('audits.templates.passMark')}</span>
        <InputNumber
          min={0}
          max={100}
          value={threshold}
          disabled={!editable}
          placeholder={t('audits.templates.tenantMark')}
          onChange={(v) => setThreshold(v === null ? null : Number(v))}
          aria-label={t('audits.templates.passMark')}
        />
        <Tag>v{template.version}</Tag>
      </Space>
      {sections.map((s, si) => (
        <Card
          key={s.key}
          size="small"
          title={label(s.label)}
          extra={
            <Space size={4}>
              {t('audits.templates.weight')}
              <InputNumber
                size="small"
                min={1}
                max={1000}
                value={s.weight}
                disabled={!editable}
                aria-label={`${label(s.label)} ${t('audits.templates.weight')}`}
                onChange={(v) => v !== null && setSectionWeight(si, Number(v))}
              />
            </Space>
          }
        >
          {s.items.map((item, ii) => (
            <div
              key={item.key}
              style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '4px 0' }}
            >
              <span>
                {label(item.label)} <Tag>{t(`audits.itemType.${item.type}`)}</Tag>
                {item.critical && <Tag color="red">{t('audits.item.veto')}</Tag>}
              </span>
              <InputNumber
                size="small"
                min={0.1}
                max={1000}
                value={item.weight}
                disabled={!editable}
                aria-label={`${label(item.label)} ${t('audits.templates.weight')}`}
                onChange={(v) => v !== null && setItemWeight(si, ii, Number(v))}
                style={{ width: 72 }}
              />
            </div>
          ))}
        </Card>
      ))}
      {editable && (
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('audits.templates.save')}
        </Button>
      )}
    </Space>
  );
}

export function AuditTemplates() {
  const { t } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Template | null>(null);
  const list = useQuery({
    queryKey: ['audits', 'templates'],
    queryFn: () => data(api.GET('/v1/audit-templates', { params: { query: { limit: 100 } } })),
  });
  const canCopy = auth.can('audits.manage') && auth.me?.grants.some((g) => g.scopeType === 'group');

  async function copy(tpl: Template) {
    try {
      const created = await data(
        api.POST('/v1/audit-templates', {
          params: { header: idempotency() as never },
          body: {
            name: t('audits.templates.copyName', { name: tpl.name }),
            channel: tpl.channel,
            sections: tpl.sections,
            threshold: tpl.threshold,
          },
        }),
      );
      message.success(t('audits.templates.copied'));
      await qc.invalidateQueries({ queryKey: ['audits', 'templates'] });
      setOpen(created);
    } catch (error) {
      message.error(problemMessage(t, error));
    }
  }

  return (
    <div>
      <ErrorAlert error={list.error} />
      <Table<Template>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('audits.templates.name'), dataIndex: 'name' },
          {
            title: t('audits.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`audits.channel.${v}`),
          },
          {
            title: t('audits.templates.passMark'),
            dataIndex: 'threshold',
            render: (v: number | null) =>
              v ?? <Typography.Text type="secondary">{t('audits.templates.tenantMark')}</Typography.Text>,
          },
          {
            title: t('audits.templates.items'),
            key: 'items',
            render: (_, tpl) => tpl.sections.reduce((n, s) => n + s.items.length, 0),
          },
          {
            title: '',
            key: 'act',
            render: (_, tpl) => (
              <Space>
                <Button size="small" onClick={() => setOpen(tpl)}>
                  {t('audits.templates.view')}
                </Button>
                {canCopy && (
                  <Button size="small" onClick={() => void copy(tpl)}>
                    {t('audits.templates.copy')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open?.name}
        size="large"
        destroyOnHidden
      >
        {open && (
          <TemplateEditor key={`${open.id}:${open.version}`} template={open} onClose={() => setOpen(null)} />
        )}
      </Drawer>
    </div>
  );
}
