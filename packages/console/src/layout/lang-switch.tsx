import { Button } from 'antd';
import { useI18n } from '../i18n';

/** 中文 ⇄ English, remembered for the signed-in user on this browser. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button type="link" size="small" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('lang.switch')}
    </Button>
  );
}
