import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ifMatch } from '../../lib/admin';
import { formatTime } from '../../lib/time';
import { useAuth } from '../../session/auth';

type Summary = Schemas['ComplaintSummary'];

/**
 * One project's monthly complaint summary: the project's CS lead adds the cause analysis and
 * measures and submits it; the branch CS manager reviews it (comment, major problem to the GM).
 * Opening it is the branch CS manager's read receipt (the API records the first read).
 */
export function SummaryDetail({
  summary: listed,
  staffName,
}: {
  summary: Summary;
  staffName: (id: string | null) => string;
}) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const one = useQuery({
    queryKey: ['satisfaction', 'summary', listed.id],
    queryFn: () => data(api.GET('/v1/complaint-summaries/{id}', { params: { path: { id: listed.id } } })),
  });
  const s = one.data ?? listed;
  const [step, setStep] = useState<'submit' | 'review' | undefined>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={one.error} />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('sat.causeAnalysis')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{s.causeAnalysis ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sat.summaryMeasures')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{s.measures ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sat.submittedAt')}>
          {s.submittedAt
            ? `${s.submittedByName ?? staffName(s.submittedBy)} · ${formatTime(lang, s.submittedAt)}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sat.readAt')}>
          {s.readAt ? `${s.readByName ?? staffName(s.readBy)} · ${formatTime(lang, s.readAt)}` : '—'}
        </Descriptions.Item>
        {s.status === 'reviewed' && (
          <>
            <Descriptions.Item label={t('sat.reviewOutcome')}>
              {s.majorProblem ? (
                <Tag color="red">{t('sat.majorProblem')}</Tag>
              ) : (
                <Tag color="success">{t('sat.noMajor')}</Tag>
              )}
              {s.reviewComment}
            </Descriptions.Item>
            <Descriptions.Item label={t('sat.reviewedAt')}>
              {`${s.reviewedByName ?? staffName(s.reviewedBy)} · ${formatTime(lang, s.reviewedAt)}`}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      <Space>
        {s.status === 'draft' && auth.can('satisfaction.plan') && (
          <Button type="primary" onClick={() => setStep('submit')}>
            {t('sat.submitSummary')}
          </Button>
        )}
        {s.status === 'submitted' && auth.can('satisfaction.manage') && (
          <Button type="primary" onClick={() => setStep('review')}>
            {t('sat.reviewSummary')}
          </Button>
        )}
      </Space>
      {step && <StepModal summary={s} step={step} onClose={() => setStep(undefined)} />}
    </Space>
  );
}

function StepModal({
  summary,
  step,
  onClose,
}: {
  summary: Summary;
  step: 'submit' | 'review';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const send = async (v: {
    causeAnalysis?: string;
    measures?: string;
    comment?: string;
    majorProblem?: boolean;
  }) => {
    setSaving(true);
    const params = { path: { id: summary.id }, header: ifMatch(summary.version) as never };
    try {
      if (step === 'submit') {
        await data(
          api.POST('/v1/complaint-summaries/{id}/submit', {
            params,
            body: { causeAnalysis: v.causeAnalysis ?? '', measures: v.measures ?? '' },
          }),
        );
      } else {
        await data(
          api.POST('/v1/complaint-summaries/{id}/review', {
            params,
            body: { ...(v.comment ? { comment: v.comment } : {}), majorProblem: Boolean(v.majorProblem) },
          }),
        );
      }
      message.success(t(step === 'submit' ? 'sat.summarySubmitted' : 'sat.summaryReviewed'));
      await Promise.all([
        client.invalidateQueries({ queryKey: ['satisfaction', 'summaries'] }),
        client.invalidateQueries({ queryKey: ['satisfaction', 'summary', summary.id] }),
      ]);
      onClose();
    } catch (e) {
      form.setFields(fieldErrors(t, e) as never);
      message.error(problemMessage(t, e));
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <Modal
      open
      title={t(step === 'submit' ? 'sat.submitSummary' : 'sat.reviewSummary')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
        {step === 'submit' ? (
          <>
            <Form.Item name="causeAnalysis" label={t('sat.causeAnalysis')} rules={required}>
              <Input.TextArea rows={4} maxLength={10000} />
            </Form.Item>
            <Form.Item name="measures" label={t('sat.summaryMeasures')} rules={required}>
              <Input.TextArea rows={4} maxLength={10000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="comment" label={t('sat.reviewComment')}>
              <Input.TextArea rows={3} maxLength={10000} />
            </Form.Item>
            <Form.Item name="majorProblem" valuePropName="checked">
              <Checkbox>{t('sat.flagMajor')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
