import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Calendar,
  Card,
  Empty,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { formatTime, milestoneLabel } from '../../lib/time';

type BusinessCalendar = Schemas['BusinessCalendar'];
const dayOf = (d: unknown) => (typeof d === 'string' ? d : (d as { date: string }).date);

const officeHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
    d,
    [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ],
  ]),
);

/** 工作日历: a month view with holidays and make-up working days (调休), and their effect previewed. */
function Calendars() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const calendars = useQuery({
    queryKey: ['sla', 'calendars'],
    queryFn: () => data(api.GET('/v1/sla/calendars', { params: { query: { limit: 100 } } })),
    select: (p) => p.data,
  });
  const [chosenId, setChosenId] = useState<string | undefined>();
  const calendar: BusinessCalendar | undefined =
    calendars.data?.find((c) => c.id === chosenId) ?? calendars.data?.[0];
  const [selected, setSelected] = useState<Dayjs>(() => dayjs());
  const [pending, setPending] = useState<{ holidays: string[]; makeUpDays: string[] }>({
    holidays: [],
    makeUpDays: [],
  });
  const hasPending = pending.holidays.length + pending.makeUpDays.length > 0;

  const holidays = useMemo(() => new Set((calendar?.holidays ?? []).map(dayOf)), [calendar]);
  const makeUps = useMemo(() => new Set((calendar?.makeUpDays ?? []).map(dayOf)), [calendar]);

  const preview = useQuery({
    queryKey: ['sla', 'preview', calendar?.id, pending],
    enabled: Boolean(calendar && hasPending),
    queryFn: () =>
      data(
        api.POST('/v1/sla/calendars/{id}/days/preview', {
          params: { path: { id: (calendar as BusinessCalendar).id } },
          body: pending,
        }),
      ),
    staleTime: 0,
  });

  const mark = (kind: 'holidays' | 'makeUpDays') => {
    const day = selected.format('YYYY-MM-DD');
    setPending((p) => ({
      holidays:
        kind === 'holidays' ? [...new Set([...p.holidays, day])] : p.holidays.filter((d) => d !== day),
      makeUpDays:
        kind === 'makeUpDays' ? [...new Set([...p.makeUpDays, day])] : p.makeUpDays.filter((d) => d !== day),
    }));
  };

  const createGroupCalendar = async () => {
    try {
      const created = await data(
        api.POST('/v1/sla/calendars', {
          params: { header: idempotency() as never },
          body: {
            name: t('admin.sla.groupCalendar'),
            timeZone: 'Asia/Shanghai',
            hours: officeHours,
          } as never,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['sla', 'calendars'] });
      setChosenId((created as BusinessCalendar).id);
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  const save = async () => {
    if (!calendar) return;
    try {
      await data(
        api.POST('/v1/sla/calendars/{id}/days', {
          params: { path: { id: calendar.id }, header: ifMatch(calendar.version) as never },
          body: pending,
        }),
      );
      setPending({ holidays: [], makeUpDays: [] });
      await queryClient.invalidateQueries({ queryKey: ['sla', 'calendars'] });
      message.success(t('admin.sla.daysSaved'));
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  if (calendars.isError) return <ErrorAlert error={calendars.error} />;
  if (calendars.data && calendars.data.length === 0) {
    return (
      <Empty description={t('admin.sla.noCalendar')}>
        <Button type="primary" onClick={() => void createGroupCalendar()}>
          {t('admin.sla.createCalendar')}
        </Button>
      </Empty>
    );
  }
  const day = selected.format('YYYY-MM-DD');
  const weekend = selected.day() === 0 || selected.day() === 6;

  return (
    <div className="gj-two-col">
      <div>
        {calendar && calendar.holidayYearsMissing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="holiday-years-missing"
            message={t('admin.sla.holidayYearsMissing', {
              years: calendar.holidayYearsMissing.join(lang === 'en' ? ', ' : '、'),
            })}
          />
        )}
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            style={{ minWidth: 220 }}
            aria-label={t('admin.sla.calendar')}
            value={calendar?.id}
            onChange={(id) => {
              setChosenId(id);
              setPending({ holidays: [], makeUpDays: [] });
            }}
            options={calendars.data?.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Tag color="red">{t('admin.sla.holiday')}</Tag>
          <Tag color="blue">{t('admin.sla.makeUp')}</Tag>
          <Tag style={{ borderStyle: 'dashed' }}>{t('admin.sla.unsaved')}</Tag>
        </Space>
        <Calendar
          fullscreen={false}
          value={selected}
          onSelect={(d) => setSelected(d)}
          fullCellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const key = d.format('YYYY-MM-DD');
            const isNew = pending.holidays.includes(key) || pending.makeUpDays.includes(key);
            const holiday = holidays.has(key) || pending.holidays.includes(key);
            const makeUp = makeUps.has(key) || pending.makeUpDays.includes(key);
            const off = holiday || ((d.day() === 0 || d.day() === 6) && !makeUp);
            return (
              <div
                className={`gj-cal-day${d.isSame(selected, 'day') ? ' gj-cal-selected' : ''}${isNew ? ' gj-cal-new' : ''}`}
                data-date={key}
                style={{ color: d.month() === selected.month() ? (off ? '#cf1322' : undefined) : '#bbb' }}
              >
                <div>{d.date()}</div>
                <div className="gj-cal-mark">
                  {holiday ? t('admin.sla.holidayShort') : makeUp ? t('admin.sla.makeUpShort') : '\u00a0'}
                </div>
              </div>
            );
          }}
        />
        <Card size="small" style={{ marginTop: 8 }}>
          <Space wrap>
            <Typography.Text strong>{day}</Typography.Text>
            <Button size="small" danger onClick={() => mark('holidays')}>
              {t('admin.sla.markHoliday')}
            </Button>
            <Button size="small" type={weekend ? 'primary' : 'default'} onClick={() => mark('makeUpDays')}>
              {t('admin.sla.markMakeUp')}
            </Button>
          </Space>
        </Card>
      </div>
      <Card
        size="small"
        title={t('admin.sla.previewTitle')}
        extra={
          <Space>
            <Button
              size="small"
              disabled={!hasPending}
              onClick={() => setPending({ holidays: [], makeUpDays: [] })}
            >
              {t('admin.cancel')}
            </Button>
            <Button size="small" type="primary" disabled={!hasPending} onClick={() => void save()}>
              {t('admin.sla.saveDays')}
            </Button>
          </Space>
        }
      >
        {!hasPending && <Typography.Text type="secondary">{t('admin.sla.previewHint')}</Typography.Text>}
        {hasPending && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {pending.holidays.map((d) => (
                <Tag key={d} color="red">{`${t('admin.sla.holiday')} ${d}`}</Tag>
              ))}
              {pending.makeUpDays.map((d) => (
                <Tag key={d} color="blue">{`${t('admin.sla.makeUp')} ${d}`}</Tag>
              ))}
            </Space>
            <ErrorAlert error={preview.error} />
            {preview.data && (
              <>
                <Typography.Text data-testid="preview-summary">
                  {t('admin.sla.previewSummary', {
                    moved: new Set(preview.data.shifts.map((s) => s.caseId)).size,
                    open: preview.data.openCases,
                  })}
                </Typography.Text>
                <Table<Schemas['DeadlineShift']>
                  size="small"
                  pagination={false}
                  rowKey={(s) => `${s.caseId}:${s.milestone}`}
                  dataSource={preview.data.shifts}
                  scroll={{ x: true }}
                  locale={{ emptyText: t('admin.sla.noShift') }}
                  columns={[
                    {
                      title: t('admin.sla.case'),
                      dataIndex: 'archiveNo',
                      render: (v, s) => <Link to={`/cases/${s.caseId}`}>{v}</Link>,
                    },
                    {
                      title: t('admin.sla.milestone'),
                      dataIndex: 'milestone',
                      render: (m) => milestoneLabel(t, m),
                    },
                    {
                      title: t('admin.sla.dueNow'),
                      dataIndex: 'dueAtBefore',
                      render: (v) => formatTime(lang, v),
                    },
                    {
                      title: t('admin.sla.dueAfter'),
                      dataIndex: 'dueAtAfter',
                      render: (v) => <Typography.Text strong>{formatTime(lang, v)}</Typography.Text>,
                    },
                  ]}
                />
              </>
            )}
          </Space>
        )}
      </Card>
    </div>
  );
}

function targetText(
  t: (k: string, p?: Record<string, string | number>) => string,
  target: Record<string, unknown>,
) {
  if (target.kind === 'duration') {
    const minutes = Number(target.minutes);
    return minutes % 60 === 0
      ? t('admin.sla.hours', { h: minutes / 60 })
      : t('admin.sla.minutes', { m: minutes });
  }
  if (target.kind === 'end_of_working_day') return t('admin.sla.endOfDay');
  return t('admin.sla.relative');
}

function Policies() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = useQuery({
    queryKey: ['sla', 'policies'],
    queryFn: () => data(api.GET('/v1/sla/policies', { params: { query: { limit: 100 } } })),
  });
  const toggle = async (p: Schemas['SlaPolicy'], enabled: boolean) => {
    try {
      await data(
        api.PATCH('/v1/sla/policies/{id}', {
          params: { path: { id: p.id }, header: ifMatch(p.version) as never },
          body: { enabled } as never,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['sla', 'policies'] });
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  return (
    <>
      <ErrorAlert error={policies.error} />
      <Table<Schemas['SlaPolicy']>
        rowKey="id"
        size="small"
        pagination={false}
        loading={policies.isPending}
        dataSource={policies.data?.data}
        scroll={{ x: true }}
        locale={{ emptyText: t('admin.sla.defaultsOnly') }}
        columns={[
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.sla.priority'), dataIndex: 'priority', width: 80 },
          {
            title: t('admin.sla.milestones'),
            dataIndex: 'milestones',
            render: (ms: Record<string, unknown>[]) => (
              <Space wrap size={4}>
                {ms.map((m) => (
                  <Tag key={String(m.key)}>
                    {milestoneLabel(t, String(m.key))} · {targetText(t, m.target as Record<string, unknown>)}
                    {m.calendar === 'business_hours' ? ` · ${t('admin.sla.businessHours')}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.sla.enabled'),
            dataIndex: 'enabled',
            render: (v: boolean, p) => (
              <Switch
                size="small"
                checked={v}
                onChange={(on) => void toggle(p, on)}
                aria-label={t('admin.sla.enabled')}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function Rungs() {
  const { t } = useI18n();
  const projects = useProjects();
  const rungs = useQuery({
    queryKey: ['sla', 'rungs'],
    queryFn: () => data(api.GET('/v1/sla/escalation-rungs', { params: { query: { limit: 100 } } })),
  });
  const staff = useQuery({
    queryKey: ['staff', 'list', 'all'],
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
  });
  const nameOf = (id: string) => staff.data?.data.find((s) => s.id === id)?.name ?? id;
  return (
    <>
      <ErrorAlert error={rungs.error} />
      <Table<Schemas['EscalationRung']>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rungs.isPending}
        dataSource={rungs.data?.data}
        locale={{ emptyText: t('app.empty') }}
        columns={[
          { title: t('admin.sla.rung'), dataIndex: 'level', render: (l) => t(`admin.rung.${l}`) },
          {
            title: t('admin.sla.place'),
            render: (_, r) =>
              r.projectId
                ? (projects.data?.find((p) => p.id === r.projectId)?.name ?? r.projectId)
                : r.branchId
                  ? t('admin.scope.branch')
                  : t('admin.scope.group'),
          },
          {
            title: t('admin.sla.holders'),
            dataIndex: 'staffIds',
            render: (ids: string[]) => ids.map((id) => <Tag key={id}>{nameOf(id)}</Tag>),
          },
        ]}
      />
    </>
  );
}

/** 时限: policies, business calendars and the escalation ladder. */
export function SlaPage() {
  const { t } = useI18n();
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.sla.title')} />
      <Card>
        <Tabs
          items={[
            { key: 'calendars', label: t('admin.sla.calendars'), children: <Calendars /> },
            { key: 'policies', label: t('admin.sla.policies'), children: <Policies /> },
            { key: 'rungs', label: t('admin.sla.rungs'), children: <Rungs /> },
          ]}
        />
      </Card>
    </div>
  );
}
