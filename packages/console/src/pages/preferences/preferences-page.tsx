import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Skeleton, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';

type Channel = 'sms' | 'wechat' | 'email';
interface Values {
  channels: Channel[];
  quietStart: string;
  quietEnd: string;
  quietOnDaysOff: boolean;
  wechatOpenId: string;
}

const time = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** 我的通知设置: the channels I hear through and my quiet hours (emergencies still reach me). */
export function PreferencesPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(false);
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => data(api.GET('/v1/me/notification-preferences')),
  });
  useEffect(() => {
    if (!prefs.data) return;
    form.setFieldsValue({
      channels: prefs.data.channels,
      quietStart: prefs.data.quietHours?.start ?? '',
      quietEnd: prefs.data.quietHours?.end ?? '',
      quietOnDaysOff: prefs.data.quietOnDaysOff,
      wechatOpenId: prefs.data.wechatOpenId ?? '',
    });
  }, [prefs.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      data(
        api.PUT('/v1/me/notification-preferences', {
          params: { header: { 'if-match': `"${prefs.data?.version ?? 0}"` } },
          body: {
            channels: v.channels,
            quietHours: v.quietStart && v.quietEnd ? { start: v.quietStart, end: v.quietEnd } : null,
            quietOnDaysOff: v.quietOnDaysOff,
            wechatOpenId: v.wechatOpenId.trim() || null,
          },
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['notification-preferences'] });
    },
  });

  return (
    <div className="gj-page" style={{ maxWidth: 720 }}>
      <Typography.Title level={3}>{t('prefs.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('prefs.hint')}</Typography.Paragraph>
      {prefs.isError && <Alert type="error" role="alert" title={problemMessage(t, prefs.error)} />}
      {save.isError && <Alert type="error" role="alert" title={problemMessage(t, save.error)} />}
      {saved && !save.isError && <Alert type="success" role="status" title={t('prefs.saved')} />}
      {prefs.isPending && <Skeleton active />}
      {prefs.data && (
        <Card>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            onValuesChange={() => setSaved(false)}
          >
            <Form.Item name="channels" label={t('prefs.channels')}>
              <Checkbox.Group
                options={(['sms', 'wechat', 'email'] as const).map((c) => ({
                  value: c,
                  label: t(`prefs.channel.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('prefs.quietHours')} extra={t('prefs.quietHoursHint')}>
              <Space>
                <Form.Item
                  name="quietStart"
                  noStyle
                  rules={[{ pattern: time, message: t('prefs.timeFormat') }]}
                >
                  <Input placeholder="22:00" aria-label={t('prefs.quietStart')} style={{ width: 100 }} />
                </Form.Item>
                <span>–</span>
                <Form.Item
                  name="quietEnd"
                  noStyle
                  rules={[{ pattern: time, message: t('prefs.timeFormat') }]}
                >
                  <Input placeholder="07:30" aria-label={t('prefs.quietEnd')} style={{ width: 100 }} />
                </Form.Item>
              </Space>
            </Form.Item>
            <Form.Item name="quietOnDaysOff" label={t('prefs.quietOnDaysOff')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="wechatOpenId" label={t('prefs.wechatOpenId')}>
              <Input maxLength={64} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('prefs.save')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
