import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ifMatch } from '../../lib/admin';
import { useAuth } from '../../session/auth';

/* 整改: corrective actions with owner and deadline; the owner reports the fix, a supervisor verifies or sends it back. */

type Action = Schemas['CorrectiveAction'];

const statusColor: Record<string, string> = { open: 'warning', done: 'processing', verified: 'success' };

export function CorrectiveActions({
  auditId,
  projectName,
}: {
  auditId?: string;
  projectName: (id: string) => string;
}) {
  const { t } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Action['status'] | undefined>();
  const [acting, setActing] = useState<{ action: Action; mode: 'complete' | 'return' } | null>(null);
  const [text, setText] = useState('');
  const list = useQuery({
    queryKey: ['audits', 'corrective', auditId ?? 'all', status ?? 'all'],
    queryFn: () =>
      data(
        api.GET('/v1/corrective-actions', {
          params: { query: { limit: 100, ...(auditId ? { auditId } : {}), ...(status ? { status } : {}) } },
        }),
      ),
  });
  const staff = useQuery({
    queryKey: ['staff', 'names'],
    enabled: auth.can('staff.read'),
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
  });
  const nameOf = (id: string) => staff.data?.data.find((s) => s.id === id)?.name ?? id;
  const me = auth.me?.actorId;
  const manager = auth.can('audits.manage');

  async function run(action: Action, body: { resolution: string } | { accepted: boolean; comment?: string }) {
    try {
      if ('resolution' in body) {
        await data(
          api.POST('/v1/corrective-actions/{id}/complete', {
            params: { path: { id: action.id }, header: ifMatch(action.version) as never },
            body,
          }),
        );
      } else {
        await data(
          api.POST('/v1/corrective-actions/{id}/verify', {
            params: { path: { id: action.id }, header: ifMatch(action.version) as never },
            body,
          }),
        );
      }
      message.success(t('audits.corrective.saved'));
      setActing(null);
      setText('');
      await qc.invalidateQueries({ queryKey: ['audits', 'corrective'] });
    } catch (error) {
      message.error(problemMessage(t, error));
    }
  }

  return (
    <div>
      {!auditId && (
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('audits.status')}
            value={status}
            onChange={setStatus}
            options={['open', 'done', 'verified'].map((s) => ({
              value: s,
              label: t(`audits.corrective.${s}`),
            }))}
          />
        </Space>
      )}
      <ErrorAlert error={list.error} />
      <Table<Action>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          ...(auditId
            ? []
            : [
                { title: t('audits.project'), dataIndex: 'projectId', render: (v: string) => projectName(v) },
              ]),
          {
            title: t('audits.corrective.description'),
            dataIndex: 'description',
            render: (v: string, a) => (
              <div style={{ minWidth: 160 }}>
                <div>{v}</div>
                {a.resolution && <Typography.Text type="secondary">{a.resolution}</Typography.Text>}
                {a.status === 'open' && a.returnReason && (
                  <div>
                    <Tag color="orange">{t('audits.corrective.returned')}</Tag>
                    <Typography.Text type="warning">{a.returnReason}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          { title: t('audits.corrective.owner'), dataIndex: 'ownerId', render: (v: string) => nameOf(v) },
          {
            title: t('audits.corrective.deadline'),
            dataIndex: 'deadline',
            render: (v: string, a) => (
              <Space size={4}>
                {dayjs(v).format('YYYY-MM-DD')}
                {a.overdue && <Tag color="error">{t('audits.corrective.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('audits.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={statusColor[v]}>{t(`audits.corrective.${v}`)}</Tag>,
          },
          {
            title: '',
            key: 'act',
            render: (_, a) => (
              <Space wrap>
                {a.status === 'open' && (a.ownerId === me || manager) && (
                  <Button size="small" onClick={() => setActing({ action: a, mode: 'complete' })}>
                    {t('audits.corrective.complete')}
                  </Button>
                )}
                {a.status === 'done' && manager && a.ownerId !== me && (
                  <>
                    <Button size="small" type="primary" onClick={() => void run(a, { accepted: true })}>
                      {t('audits.corrective.verify')}
                    </Button>
                    <Button size="small" danger onClick={() => setActing({ action: a, mode: 'return' })}>
                      {t('audits.corrective.sendBack')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={acting !== null}
        title={acting?.mode === 'return' ? t('audits.corrective.sendBack') : t('audits.corrective.complete')}
        okText={t('audits.corrective.confirm')}
        okButtonProps={{ disabled: !text.trim() }}
        onCancel={() => setActing(null)}
        onOk={() =>
          acting &&
          void run(
            acting.action,
            acting.mode === 'return'
              ? { accepted: false, comment: text.trim() }
              : { resolution: text.trim() },
          )
        }
      >
        <Typography.Paragraph>{acting?.action.description}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={text}
          aria-label={
            acting?.mode === 'return' ? t('audits.corrective.reason') : t('audits.corrective.resolution')
          }
          placeholder={
            acting?.mode === 'return' ? t('audits.corrective.reason') : t('audits.corrective.resolution')
          }
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
    </div>
  );
}
