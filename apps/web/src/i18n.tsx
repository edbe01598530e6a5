import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api/client';
import { da } from './messages/da';
import { en, type MessageKey } from './messages/en';

export type { MessageKey };
/** Messages with a count: `<base>.one` and `<base>.other` (English and Danish need no more plural forms). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;
export type Lang = 'en' | 'da';
export type Messages = Record<MessageKey, string>;

export const LANGUAGES: readonly { code: Lang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'da', name: 'Dansk' },
];

const DICTS: Record<Lang, Messages> = { en, da };
const LOCALES: Record<Lang, string> = { en: 'en-GB', da: 'da-DK' };
const LANG_KEY = 'clustermatch.lang';

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}`. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return format(DICTS[lang][key] ?? en[key], params);
}

/** The language the user chose before, else the browser's, else English. */
export function initialLang(): Lang {
  const saved = window.localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'da') return saved;
  const nav = window.navigator.language.toLowerCase();
  return nav.startsWith('da') ? 'da' : 'en';
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A message with a count `n` in the language's plural form, e.g. `tn('mailings.recipients', 3)`. */
  tn(base: PluralKey, n: number, params?: Record<string, string | number>): string;
  /** A date in the event's time zone, e.g. "Tue 11 May". */
  formatDate(iso: string, timeZone: string): string;
  /** A time of day in the event's time zone, 24-hour. */
  formatTime(iso: string, timeZone: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }): ReactNode {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((l: Lang) => {
    window.localStorage.setItem(LANG_KEY, l);
    setLangState(l);
  }, []);
  // Before the children's effects run (their first queries carry the language too).
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    setApiLanguage(lang);
    // Unmounted (a test's end): calls no longer name a language.
    return () => setApiLanguage(null);
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = LOCALES[lang];
    const rules = new Intl.PluralRules(locale);
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tn: (base, n, params) =>
        translate(lang, `${base}.${rules.select(n) === 'one' ? 'one' : 'other'}` as MessageKey, { n, ...params }),
      formatDate: (iso, timeZone) =>
        new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(
          new Date(iso),
        ),
      formatTime: (iso, timeZone) =>
        new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
          new Date(iso),
        ),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * The language setter where an `I18nProvider` is around, else null (the session follows a delegate's chosen
 * language at sign-in; some tests mount the session without one).
 */
export function useLangSetter(): ((lang: Lang) => void) | null {
  return useContext(I18nContext)?.setLang ?? null;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
