import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Input, List, Space, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { uploadAttachment } from '../../lib/attachments';
import { placeText } from '../../lib/place';
import { Countdown, formatTime, milestoneLabel } from '../../lib/time';

type Job = Schemas['CaseListItem'];
const open = new Set(['dispatched', 'contacted', 'on_site']);

/** 我的维修单: a contractor's jobs on a phone (375 px): contact deadline, contact in two taps, arrive, complete. */
export function JobsPage() {
  const { t } = useI18n();
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: () => data(api.GET('/v1/cases', { params: { query: { kind: 'repair', limit: 100 } } })),
    select: (page) => page.data.filter((c) => open.has(c.status)),
    refetchInterval: 60_000,
  });
  return (
    <div className="gj-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={4}>{t('contractor.title')}</Typography.Title>
      {jobs.isError && <Alert type="error" role="alert" title={problemMessage(t, jobs.error)} />}
      {jobs.data?.length === 0 && <Empty description={t('contractor.empty')} />}
      <List
        loading={jobs.isPending}
        dataSource={jobs.data ?? []}
        split={false}
        renderItem={(job) => (
          <List.Item style={{ padding: '0 0 12px' }}>
            <JobCard job={job} />
          </List.Item>
        )}
      />
    </div>
  );
}

function nextHour(): Dayjs {
  return dayjs().add(1, 'hour').startOf('hour');
}

function JobCard({ job }: { job: Job }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'idle' | 'contact' | 'complete'>('idle');
  const [visitAt, setVisitAt] = useState<Dayjs | null>(nextHour);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<(File & { uid: string })[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const current = await data(api.GET('/v1/cases/{id}', { params: { path: { id: job.id } } }));
      await data(
        api.POST('/v1/cases/{id}/actions', {
          params: { path: { id: job.id }, header: { 'if-match': `"${current.version}"` } },
          body: body as Schemas['CaseAction'],
        }),
      );
      setStep('idle');
      await queryClient.invalidateQueries({ queryKey: ['jobs'] });
    } catch (e) {
      setError(problemMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const complete = async () => {
    setBusy(true);
    try {
      const ids: string[] = [];
      for (const file of photos) ids.push((await uploadAttachment(job.id, file)).id);
      await act({ type: 'complete', note, attachmentIds: ids });
    } catch (e) {
      setError(problemMessage(t, e));
      setBusy(false);
    }
  };

  const deadline = job.nextDeadline;
  return (
    <Card size="small" style={{ width: '100%' }} data-testid={`job-${job.archiveNo}`}>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Link to={`/cases/${job.id}`}>
            <Typography.Text strong>{job.archiveNo}</Typography.Text>
          </Link>
          <Tag color="blue">{t(`status.${job.status}`)}</Tag>
        </Space>
        <Typography.Text strong>{placeText(job.place)}</Typography.Text>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {job.description}
        </Typography.Paragraph>
        {deadline && (
          <Typography.Text>
            {milestoneLabel(t, deadline.milestone)}
            {t('app.colon')}
            <Countdown dueAt={deadline.dueAt} breached={deadline.status === 'breached'} />
          </Typography.Text>
        )}
        {job.visitBookedFor && (
          <Typography.Text type="secondary">
            {t('contractor.contacted', { time: formatTime(lang, job.visitBookedFor) })}
          </Typography.Text>
        )}
        {error && <Alert type="error" role="alert" title={error} />}
        {step === 'contact' && (
          <Space.Compact style={{ width: '100%' }}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="MM-DD HH:mm"
              value={visitAt}
              onChange={setVisitAt}
              inputReadOnly
              aria-label={t('contractor.visitAt')}
              style={{ flex: 1 }}
            />
            <Button
              type="primary"
              loading={busy}
              disabled={!visitAt}
              onClick={() => void act({ type: 'record_contact', visitBookedFor: visitAt?.toISOString() })}
            >
              {t('contractor.save')}
            </Button>
          </Space.Compact>
        )}
        {step === 'complete' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              placeholder={t('form.note')}
              aria-label={t('form.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Upload
              accept="image/*"
              multiple
              listType="picture"
              beforeUpload={(file) => {
                setPhotos((taken) => [...taken, file]);
                return false;
              }}
              onRemove={(file) => setPhotos((taken) => taken.filter((f) => f.uid !== file.uid))}
            >
              <Button>{t('intake.photos.add')}</Button>
            </Upload>
            <Button
              type="primary"
              block
              loading={busy}
              disabled={!note.trim()}
              onClick={() => void complete()}
            >
              {t('contractor.complete')}
            </Button>
          </Space>
        )}
        {step === 'idle' && (
          <Space wrap>
            {job.contact.phone && <Button href={`tel:${job.contact.phone}`}>{t('contractor.call')}</Button>}
            {job.status === 'dispatched' && (
              <Button type="primary" onClick={() => setStep('contact')}>
                {t('contractor.recordContact')}
              </Button>
            )}
            {job.status === 'contacted' && (
              <Button type="primary" loading={busy} onClick={() => void act({ type: 'arrive' })}>
                {t('action.arrive')}
              </Button>
            )}
            {job.status === 'on_site' && (
              <Button type="primary" onClick={() => setStep('complete')}>
                {t('contractor.complete')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
