import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { idempotency, ifMatch } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';

interface Values {
  title: string;
  round: number;
  period: string;
  template: string;
  scope: { level: 'tenant' | 'branch' | 'projects'; branchId?: string; projectIds?: string[] };
  sampling: { mode: 'all' | 'random'; perProject?: number; seed?: string };
  channels: ('sms' | 'wechat' | 'email')[];
  opensOn: Dayjs;
  closesOn: Dayjs;
}

/** The API's body from the form: the template picked as `key@version`, dates as local dates. */
function bodyOf(v: Values): Schemas['SurveyCampaignInput'] {
  const at = v.template.lastIndexOf('@');
  const scope =
    v.scope.level === 'branch'
      ? { level: 'branch' as const, branchId: v.scope.branchId ?? '' }
      : v.scope.level === 'projects'
        ? { level: 'projects' as const, projectIds: v.scope.projectIds ?? [] }
        : { level: 'tenant' as const };
  const sampling =
    v.sampling.mode === 'random'
      ? { mode: 'random' as const, perProject: v.sampling.perProject ?? 0, seed: v.sampling.seed ?? '' }
      : { mode: 'all' as const };
  return {
    title: v.title,
    round: v.round,
    period: v.period,
    templateKey: v.template.slice(0, at),
    templateVersion: Number(v.template.slice(at + 1)),
    scope,
    sampling,
    channels: v.channels,
    opensOn: v.opensOn.format('YYYY-MM-DD'),
    closesOn: v.closesOn.format('YYYY-MM-DD'),
  };
}

/** 新建调查: the CS centre schedules a campaign; the API's field issues show under their fields. */
export function NewCampaign() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const projects = useProjects();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const templates = useQuery({
    queryKey: ['satisfaction', 'templates'],
    queryFn: () => data(api.GET('/v1/satisfaction/templates', { params: { query: { limit: 100 } } })),
    enabled: open,
  });
  const branches = useQuery({
    queryKey: ['branches', 'all'],
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
    enabled: open,
  });
  const level = Form.useWatch(['scope', 'level'], form);
  const mode = Form.useWatch(['sampling', 'mode'], form);
  if (!auth.can('satisfaction.manage')) return null;
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await data(
        api.POST('/v1/satisfaction/campaigns', {
          params: { header: idempotency() as never },
          body: bodyOf(v),
        }),
      );
      message.success(t('sat.campaignCreated'));
      setOpen(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['satisfaction', 'campaigns'] });
    } catch (e) {
      // templateKey / templateVersion are one field here.
      form.setFields(
        fieldErrors(t, e).map((f) =>
          f.name[0] === 'templateKey' || f.name[0] === 'templateVersion' ? { ...f, name: ['template'] } : f,
        ) as never,
      );
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('form.required') }];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
        {t('sat.newCampaign')}
      </Button>
      <Modal
        open={open}
        title={t('sat.newCampaign')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('sat.schedule')}
        confirmLoading={saving}
        width={640}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            round: 1,
            period: `${dayjs().year()}-${dayjs().month() < 6 ? 'H1' : 'H2'}`,
            scope: { level: 'branch' },
            sampling: { mode: 'all' },
            channels: ['sms'],
            opensOn: dayjs().add(1, 'day'),
            closesOn: dayjs().add(15, 'day'),
          }}
        >
          <Form.Item name="title" label={t('sat.campaign')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="template" label={t('sat.template')} rules={required}>
            <Select
              loading={templates.isPending}
              options={(templates.data?.data ?? []).map((tp) => ({
                value: `${tp.key}@${tp.version}`,
                label: `${lang === 'en' ? tp.title.en : tp.title.zh} · v${tp.version}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('sat.period')} rules={required}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="round" label={t('sat.round')} rules={required}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name={['scope', 'level']} label={t('sat.scope')}>
            <Radio.Group
              options={(['tenant', 'branch', 'projects'] as const).map((l) => ({
                value: l,
                label: t(`sat.scope.${l}`),
              }))}
            />
          </Form.Item>
          {level === 'branch' && (
            <Form.Item name={['scope', 'branchId']} label={t('sat.branch')} rules={required}>
              <Select options={(branches.data?.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
          )}
          {level === 'projects' && (
            <Form.Item name={['scope', 'projectIds']} label={t('admin.project')} rules={required}>
              <Select mode="multiple" options={projects.data?.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          )}
          <Form.Item name={['sampling', 'mode']} label={t('sat.sampling')}>
            <Radio.Group
              options={[
                { value: 'all', label: t('sat.sampling.all') },
                { value: 'random', label: t('sat.sampling.random') },
              ]}
            />
          </Form.Item>
          {mode === 'random' && (
            <>
              <Form.Item name={['sampling', 'perProject']} label={t('sat.perProject')} rules={required}>
                <InputNumber min={1} />
              </Form.Item>
              <Form.Item name={['sampling', 'seed']} label={t('sat.seed')} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          <Form.Item name="channels" label={t('sat.channels')} rules={required}>
            <Checkbox.Group
              options={(['sms', 'wechat', 'email'] as const).map((c) => ({
                value: c,
                label: t(`sat.channel.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="opensOn" label={t('sat.opensOn')} rules={required}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="closesOn" label={t('sat.closesOn')} rules={required}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 取消调查: a campaign that has not closed. */
export function CancelCampaign({ campaign }: { campaign: Schemas['SurveyCampaign'] }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  if (!auth.can('satisfaction.manage') || (campaign.status !== 'scheduled' && campaign.status !== 'open'))
    return null;
  const cancel = () =>
    modal.confirm({
      title: t('sat.cancelCampaign'),
      content: campaign.title,
      onOk: async () => {
        try {
          await data(
            api.POST('/v1/satisfaction/campaigns/{id}/cancel', {
              params: { path: { id: campaign.id }, header: ifMatch(campaign.version) as never },
            }),
          );
          await client.invalidateQueries({ queryKey: ['satisfaction', 'campaigns'] });
        } catch (e) {
          message.error(problemMessage(t, e));
        }
      },
    });
  return (
    <Button size="small" danger onClick={cancel}>
      {t('sat.cancelCampaign')}
    </Button>
  );
}
