import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';

/** One language: the console's messages and antd's own texts (pickers, pagination, empty states). */
interface LangPack {
  messages: Record<string, string>;
  antd: Locale;
}

/*
 * zh-CN is in the main bundle: it is the default, owners and staff read Chinese first. English
 * is its own chunk, loaded before it is shown (`loadLang`), so the login page of a Chinese
 * reader does not carry the English catalogue (the console's size budget, scripts/console-size.mjs).
 */
const packs: Partial<Record<Lang, LangPack>> = { 'zh-CN': { messages: zhCN, antd: antdZhCN } };
const loaders: Record<Exclude<Lang, 'zh-CN'>, () => Promise<LangPack>> = {
  en: async () => {
    const [{ en }, antd] = await Promise.all([import('./en'), import('antd/locale/en_US')]);
    return { messages: en, antd: antd.default };
  },
};

/** Loads a language's pack once (zh-CN is always there); the next render may show it. */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'zh-CN' || packs[lang]) return;
  packs[lang] = await loaders[lang]();
}

/** antd's texts for a language (zh-CN's until that language's pack has loaded). */
export function antdLocale(lang: Lang): Locale {
  return (packs[lang] ?? packs['zh-CN'])?.antd as Locale;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** One message, `{name}` filled from params; a missing key shows the key (the catalogue test forbids that). */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = packs[lang]?.messages[key] ?? zhCN[key] ?? key;
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
  // main.tsx loads the stored language's pack before the first render.
  const [lang, setLangState] = useState<Lang>(() => storedLang());
  const [user, setUser] = useState<string | null>(null);
  // Switched once its pack is in (a pack that cannot load leaves the language as it was).
  const show = useCallback((next: Lang) => {
    loadLang(next).then(
      () => {
        document.documentElement.lang = next;
        setLangState(next);
      },
      () => undefined,
    );
  }, []);
  const setLang = useCallback(
    (next: Lang) => {
      localStorage.setItem(lastKey, next);
      if (user) localStorage.setItem(userKey(user), next);
      show(next);
    },
    [user, show],
  );
  const rememberFor = useCallback(
    (next: string | null) => {
      setUser(next);
      if (next) show(storedLang(next));
    },
    [show],
  );
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
