import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { idempotency, ifMatch } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';

/*
 * The small registers' forms: file an owner interview (访谈), schedule a supervisor's rotation
 * (轮岗) and file its report, record a plan's quarterly re-check (复核). Field issues from the
 * API show under their fields.
 */

type InterviewValues = {
  ownerId: string;
  unitId: string;
  interviewedOn: Dayjs;
  livingExperience: string;
  productOpinion: string;
};

/** 填写访谈: find the owner by name or phone, pick their unit, write what they said. */
export function FileInterview() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const projects = useProjects();
  const [form] = Form.useForm<InterviewValues>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState('');
  const term = search.trim();
  const phone = /^[\d +-]{3,}$/.test(term) ? term : undefined;
  const owners = useQuery({
    queryKey: ['owners', 'interview-search', term],
    queryFn: () =>
      data(
        api.GET('/v1/owners', {
          params: { query: { limit: 20, ...(phone ? { phone } : term ? { name: term } : {}) } },
        }),
      ),
    enabled: open,
  });
  const ownerId = Form.useWatch('ownerId', form);
  const owner = owners.data?.data.find((o) => o.id === ownerId);
  const projectName = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
  const submit = async (v: InterviewValues) => {
    setSaving(true);
    try {
      await data(
        api.POST('/v1/satisfaction/interviews', {
          params: { header: idempotency() as never },
          body: { ...v, interviewedOn: v.interviewedOn.format('YYYY-MM-DD') },
        }),
      );
      message.success(t('sat.interviewFiled'));
      setOpen(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['satisfaction', 'interviews'] });
    } catch (e) {
      form.setFields(fieldErrors(t, e) as never);
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('form.required') }];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('sat.fileInterview')}
      </Button>
      <Modal
        open={open}
        title={t('sat.fileInterview')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('sat.file')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ interviewedOn: dayjs() }}
          preserve={false}
        >
          <Form.Item name="ownerId" label={t('sat.interviewOwner')} rules={required}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={owners.isFetching}
              placeholder={t('sat.ownerSearch')}
              onChange={() => form.setFieldValue('unitId', undefined)}
              options={owners.data?.data.map((o) => ({ value: o.id, label: `${o.name} · ${o.phone}` }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t('sat.unit')} rules={required}>
            <Select
              disabled={!owner}
              options={owner?.units.map((u) => ({
                value: u.unitId,
                label: `${projectName(u.projectId)} ${u.number}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="interviewedOn" label={t('sat.interviewedOn')} rules={required}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="livingExperience" label={t('sat.livingExperience')} rules={required}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="productOpinion" label={t('sat.productOpinion')} rules={required}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 安排轮岗: the CS centre schedules a newly promoted supervisor's two weeks. */
export function ScheduleRotation() {
  const { t } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ staffId: string; branchId?: string; startsOn: Dayjs }>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const staff = useQuery({
    queryKey: ['staff', 'list', 'all'],
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
    enabled: open && auth.can('staff.read'),
  });
  const branches = useQuery({
    queryKey: ['branches', 'all'],
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
    enabled: open,
  });
  if (!auth.can('satisfaction.manage')) return null;
  const submit = async (v: { staffId: string; branchId?: string; startsOn: Dayjs }) => {
    setSaving(true);
    try {
      await data(
        api.POST('/v1/satisfaction/rotations', {
          params: { header: idempotency() as never },
          body: {
            staffId: v.staffId,
            ...(v.branchId ? { branchId: v.branchId } : {}),
            startsOn: v.startsOn.format('YYYY-MM-DD'),
          },
        }),
      );
      message.success(t('sat.rotationScheduled'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['satisfaction', 'rotations'] });
    } catch (e) {
      form.setFields(fieldErrors(t, e) as never);
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('sat.scheduleRotation')}</Button>
      <Modal
        open={open}
        title={t('sat.scheduleRotation')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('sat.scheduleIt')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="staffId"
            label={t('sat.rotationSupervisor')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={staff.data?.data.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="branchId" label={t('sat.rotationCentre')}>
            <Select
              allowClear
              placeholder={t('sat.groupCentre')}
              options={branches.data?.data.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
          <Form.Item
            name="startsOn"
            label={t('sat.rotationStarts')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 提交交流汇报: the supervisor (or the CS centre) files the rotation's report. */
export function RotationReport({ rotation }: { rotation: Schemas['SupervisorRotation'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState('');
  const [saving, setSaving] = useState(false);
  if (rotation.report) return null;
  const submit = async () => {
    setSaving(true);
    try {
      await data(
        api.POST('/v1/satisfaction/rotations/{id}/report', {
          params: { path: { id: rotation.id }, header: ifMatch(rotation.version) as never },
          body: { report: report.trim() },
        }),
      );
      message.success(t('sat.rotationReported'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['satisfaction', 'rotations'] });
    } catch (e) {
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('sat.fileRotationReport')}
      </Button>
      <Modal
        open={open}
        title={t('sat.fileRotationReport')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('sat.file')}
        okButtonProps={{ disabled: !report.trim() }}
        confirmLoading={saving}
      >
        <Input.TextArea
          aria-label={t('sat.rotationReport')}
          rows={6}
          maxLength={10_000}
          value={report}
          onChange={(e) => setReport(e.target.value)}
        />
      </Modal>
    </>
  );
}

type Plan = Schemas['ImprovementPlan'];
type ProgressStatus = Schemas['PlanRecheckInput']['progress'][number]['status'];
const progressStatuses: ProgressStatus[] = ['not_started', 'in_progress', 'done', 'dropped'];

/** 季度复核: the CS centre records progress per measure for a quarter's re-check. */
export function RecordRecheck({ plan, recheck }: { plan: Plan; recheck: Plan['rechecks'][number] }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ progress: { status: ProgressStatus; note?: string }[] }>();
  if (recheck.checkedAt || plan.status !== 'presented' || !auth.can('satisfaction.manage')) return null;
  const submit = async (v: { progress: { status: ProgressStatus; note?: string }[] }) => {
    setSaving(true);
    try {
      await data(
        api.POST('/v1/satisfaction/plans/{id}/rechecks/{recheckId}', {
          params: { path: { id: plan.id, recheckId: recheck.id } },
          body: {
            progress: plan.measures.map((m, i) => ({
              measureId: m.id,
              status: v.progress[i]?.status ?? 'in_progress',
              ...(v.progress[i]?.note?.trim() ? { note: v.progress[i]?.note?.trim() } : {}),
            })),
          },
        }),
      );
      message.success(t('sat.recheckRecorded'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['satisfaction', 'plans'] });
    } catch (e) {
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  const label = t('sat.recordRecheck', { quarter: `${recheck.year}Q${recheck.quarter}` });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('sat.file')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={{ progress: plan.measures.map(() => ({ status: 'in_progress' })) }}
        >
          {plan.measures.map((m, i) => (
            <Form.Item key={m.id} label={m.action} style={{ marginBottom: 8 }}>
              <Form.Item name={['progress', i, 'status']} noStyle>
                <Select
                  aria-label={`${t('sat.measureProgress')} ${i + 1}`}
                  style={{ width: 140, marginRight: 8 }}
                  options={progressStatuses.map((s) => ({ value: s, label: t(`sat.progress.${s}`) }))}
                />
              </Form.Item>
              <Form.Item name={['progress', i, 'note']} noStyle>
                <Input
                  aria-label={`${t('sat.progressNote')} ${i + 1}`}
                  placeholder={t('sat.progressNote')}
                  style={{ width: 260 }}
                  maxLength={2000}
                />
              </Form.Item>
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
