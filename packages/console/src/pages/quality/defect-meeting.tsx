import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { idempotency } from '../../lib/admin';
import { useDepartments } from '../../lib/org';
import { tenantToday } from '../../lib/time';
import { useAuth } from '../../session/auth';

type DecisionFields = {
  preventionMeasure?: string;
  responsibleDepartmentId?: string;
  rectificationDueOn?: string;
};

/**
 * 缺陷会议: record a meeting held on a project's agenda (the open defects to decide, then those
 * under rectification to review), one decision per defect decided (prevention measure,
 * responsible department, rectification deadline) and the minutes.
 */
export function DefectMeetingModal({
  projectId,
  open,
  onClose,
}: {
  projectId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const departments = useDepartments(open);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const agenda = useQuery({
    queryKey: ['defect-agenda', projectId],
    queryFn: () => data(api.GET('/v1/defect-meetings/agenda', { params: { query: { projectId } } })),
    enabled: open,
  });
  const items = agenda.data?.items ?? [];

  const save = async () => {
    setError(null);
    const values = form.getFieldsValue() as {
      minutes?: string;
      decisions?: Record<string, DecisionFields>;
    };
    const decisions = Object.entries(values.decisions ?? {})
      .filter(([, d]) => d?.preventionMeasure?.trim())
      .map(([defectId, d]) => ({
        defectId,
        preventionMeasure: d.preventionMeasure ?? '',
        responsibleDepartmentId: d.responsibleDepartmentId ?? '',
        rectificationDueOn: d.rectificationDueOn ?? '',
        feedbackDueOn: null,
      }));
    try {
      await data(
        api.POST('/v1/defect-meetings', {
          params: { header: idempotency() },
          body: {
            projectId,
            heldAt: new Date().toISOString(),
            chairId: auth.me?.actorId ?? '',
            attendeeIds: [],
            minutes: values.minutes ?? '',
            decisions,
          },
        }),
      );
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['defects'] });
      await queryClient.invalidateQueries({ queryKey: ['defect-agenda'] });
      await queryClient.invalidateQueries({ queryKey: ['defect-meetings'] });
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('defects.meeting.record')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('knowledge.save')}
      width={860}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('defects.meeting.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ minutes: '' }}>
        {items.length === 0 && !agenda.isLoading && <Empty description={t('defects.meeting.noAgenda')} />}
        {items.map(({ purpose, defect }) => (
          <div
            key={defect.id}
            data-testid="agenda-item"
            style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12, paddingBottom: 4 }}
          >
            <Space wrap style={{ marginBottom: 6 }}>
              <Tag color={purpose === 'decide' ? 'blue' : 'orange'}>{t(`defects.meeting.${purpose}`)}</Tag>
              <Typography.Text strong>{defect.description}</Typography.Text>
              <Tag>{t(`defects.status.${defect.status}`)}</Tag>
            </Space>
            {purpose === 'decide' && (
              <Space wrap align="start">
                <Form.Item
                  name={['decisions', defect.id, 'preventionMeasure']}
                  label={t('defects.prevention')}
                  style={{ marginBottom: 8 }}
                >
                  <Input style={{ width: 300 }} />
                </Form.Item>
                <Form.Item
                  name={['decisions', defect.id, 'responsibleDepartmentId']}
                  label={t('defects.meeting.department')}
                  style={{ marginBottom: 8 }}
                >
                  <Select
                    style={{ width: 180 }}
                    aria-label={t('defects.meeting.department')}
                    options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  />
                </Form.Item>
                <Form.Item
                  name={['decisions', defect.id, 'rectificationDueOn']}
                  label={t('defects.completionDeadline')}
                  style={{ marginBottom: 8 }}
                >
                  <Input type="date" min={tenantToday()} style={{ width: 160 }} />
                </Form.Item>
              </Space>
            )}
          </div>
        ))}
        <Form.Item name="minutes" label={t('defects.meeting.minutes')}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
