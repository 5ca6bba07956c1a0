import { Button } from 'antd';
import { loadLang, useI18n } from '../i18n';

/** 中文 ⇄ English, remembered for the signed-in user on this browser. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="link"
      size="small"
      // The other language's pack starts loading when the hand or focus reaches the switch.
      onPointerEnter={() => void loadLang(other).catch(() => undefined)}
      onFocus={() => void loadLang(other).catch(() => undefined)}
      onClick={() => setLang(other)}
    >
      {t('lang.switch')}
    </Button>
  );
}
