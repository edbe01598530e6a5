import type { Lang, MessageKey } from '../i18n';

const LOCALES: Record<Lang, string> = { en: 'en-GB', da: 'da-DK' };

/**
 * The message key for a count: `<base>.one` or `<base>.other`, by the language's plural rule (English and Danish
 * both have just these two categories).
 */
export function pluralKey(lang: Lang, base: string, n: number): MessageKey {
  const category = new Intl.PluralRules(LOCALES[lang]).select(n) === 'one' ? 'one' : 'other';
  return `${base}.${category}` as MessageKey;
}
