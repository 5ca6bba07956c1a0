import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const catalogues: Record<Lang, Record<string, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** One message, `{name}` filled from params; a missing key shows the key (the catalogue test forbids that). */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key] ?? catalogues['zh-CN'][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

// The language is remembered per user (tenant + staff id) on this browser; before sign-in, the last one used.
const lastKey = 'guanjia.lang';
const userKey = (user: string) => `guanjia.lang.${user}`;
const isLang = (v: string | null): v is Lang => v === 'zh-CN' || v === 'en';

export function storedLang(user?: string): Lang {
  const value = (user && localStorage.getItem(userKey(user))) || localStorage.getItem(lastKey);
  return isLang(value) ? value : 'zh-CN';
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
  /** After sign-in: take the user's own remembered language. */
  rememberFor: (user: string | null) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang());
  const [user, setUser] = useState<string | null>(null);
  const setLang = useCallback(
    (next: Lang) => {
      localStorage.setItem(lastKey, next);
      if (user) localStorage.setItem(userKey(user), next);
      document.documentElement.lang = next;
      setLangState(next);
    },
    [user],
  );
  const rememberFor = useCallback((next: string | null) => {
    setUser(next);
    if (next) {
      const remembered = storedLang(next);
      document.documentElement.lang = remembered;
      setLangState(remembered);
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, rememberFor, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang, rememberFor],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
