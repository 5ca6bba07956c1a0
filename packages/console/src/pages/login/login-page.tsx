import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { publicApi } from '../../api/public-client';
import { useI18n } from '../../i18n';
import { LangSwitch } from '../../layout/lang-switch';
import { useAuth } from '../../session/auth';

interface Fields {
  tenant: string;
  login: string;
  password: string;
}

const endMessages = { expired: 'login.expired', revoked: 'login.revoked', loggedOut: 'login.loggedOut' };
const lastTenantKey = 'guanjia.tenant';

/** Sign-in: tenant slug, login (email or phone), password; refusals as sentences. */
export function LoginPage() {
  const { t } = useI18n();
  const { signedIn, signIn, ended } = useAuth();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (signedIn) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const pair = await data(publicApi.POST('/v1/auth/login', { body: fields }));
      localStorage.setItem(lastTenantKey, fields.tenant);
      signIn(pair);
    } catch (e) {
      const code = e instanceof ApiError ? e.problem.code : '';
      setError(code === 'invalid_credentials' ? t('login.invalid') : problemMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.brand')} · {t('login.title')}
          </Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {ended && !error && (
          <Alert
            role="status"
            type={ended === 'loggedOut' ? 'success' : 'warning'}
            title={t(endMessages[ended])}
            style={{ marginBottom: 16 }}
          />
        )}
        {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
        <Form<Fields>
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ tenant: localStorage.getItem(lastTenantKey) ?? '' }}
        >
          <Form.Item
            name="tenant"
            label={t('login.tenant')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('login.required', { field: t('login.tenant') }),
              },
            ]}
          >
            <Input placeholder={t('login.tenant.placeholder')} autoComplete="organization" />
          </Form.Item>
          <Form.Item
            name="login"
            label={t('login.login')}
            rules={[{ required: true, min: 3, message: t('login.required', { field: t('login.login') }) }]}
          >
            <Input placeholder={t('login.login.placeholder')} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
