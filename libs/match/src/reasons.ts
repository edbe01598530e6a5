import type { Lang, Reason } from './types';

/** Quotes a list of words as the language does. */
function quote(ws: readonly string[], lang: Lang): string {
  const list = ws.join(', ');
  return lang === 'da' ? `»${list}«` : `“${list}”`;
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const SCOPE: Record<Lang, Record<string, string>> = {
  en: { local: 'local', regional: 'regional', national: 'national', international: 'international' },
  da: { local: 'lokale', regional: 'regionale', national: 'nationale', international: 'internationale' },
};
const LABEL: Record<Lang, Record<string, string>> = {
  en: { gold: 'gold', silver: 'silver', bronze: 'bronze', in_process: 'in-process', none: 'no' },
  da: { gold: 'guld', silver: 'sølv', bronze: 'bronze', in_process: 'igangværende', none: 'ingen' },
};

/**
 * A reason as one short sentence in English or Danish, naming the matching words.
 *
 * @example
 * reasonText({ kind: 'they-offer', seekWords: ['test facilities', 'electrolysers'], offerWords: ['electrolyser', 'test centre'] }, 'en')
 * // 'You seek “test facilities, electrolysers”; they offer “electrolyser, test centre”'
 */
export function reasonText(reason: Reason, lang: Lang): string {
  switch (reason.kind) {
    case 'they-offer':
      return lang === 'da'
        ? `I søger ${quote(reason.seekWords, lang)}; de tilbyder ${quote(reason.offerWords, lang)}`
        : `You seek ${quote(reason.seekWords, lang)}; they offer ${quote(reason.offerWords, lang)}`;
    case 'you-offer':
      return lang === 'da'
        ? `De søger ${quote(reason.seekWords, lang)}; I tilbyder ${quote(reason.offerWords, lang)}`
        : `They seek ${quote(reason.seekWords, lang)}; you offer ${quote(reason.offerWords, lang)}`;
    case 'common': {
      const parts: string[] = [];
      if (reason.terms.length > 0)
        parts.push(
          lang === 'da' ? `I arbejder begge med ${reason.terms.join(', ')}` : `Both in ${reason.terms.join(', ')}`,
        );
      if (reason.otherCountry) {
        const name = countryName(reason.otherCountry, lang);
        parts.push(lang === 'da' ? `de er fra ${name}` : `they are in ${name}`);
      }
      const s = parts.join('; ');
      return s.charAt(0).toUpperCase() + s.slice(1);
    }
    case 'follow-up':
      return lang === 'da'
        ? `I mødtes ved ${quote([reason.eventName], lang)} med et godt udbytte: tid til en opfølgning`
        : `You met at ${quote([reason.eventName], lang)} with a useful outcome: time for a follow-up`;
    case 'profile': {
      const parts: string[] = [];
      if (reason.sameScope)
        parts.push(lang === 'da' ? `begge ${SCOPE.da[reason.sameScope]}` : `both ${SCOPE.en[reason.sameScope]}`);
      if (reason.sameLabel)
        parts.push(
          lang === 'da'
            ? `begge med ${LABEL.da[reason.sameLabel]}-mærke`
            : `both with a ${LABEL.en[reason.sameLabel]} label`,
        );
      return lang === 'da' ? `Lignende profil: ${parts.join(', ')}` : `Similar profile: ${parts.join(', ')}`;
    }
  }
}
