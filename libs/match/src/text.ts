import { tokenizer as oramaTokenizer } from '@orama/orama/components';
import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stopwords as danishStopwords } from '@orama/stopwords/danish';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import lexiconData from '../data/lexicon.json';

/**
 * Text analysis: Orama's tokenizer splits a text into words (its Danish rule, a superset of the English letters
 * with æ, ø and å), and Orama's English and Danish stemmers reduce each word to a stem in both languages, since a
 * profile's language is not known (and is often mixed). Two words match when they share a stem in either language.
 * The lexicon (libs/match/data/lexicon.json) groups words and phrases of both languages into concepts
 * ("electrolyser" = "elektrolyse"), and Danish compounds are split on the lexicon's words
 * ("batteritestcenter" = "batteri" + "testcenter").
 */

/** A feature of a text: a lexicon concept or a plain word's stem. */
export interface Feature {
  readonly id: string;
  /** The words of the text that carry it, as written (lower case). */
  readonly words: string[];
}

const splitter = oramaTokenizer.createTokenizer({
  language: 'danish',
  stemming: false,
  stopWords: false,
  allowDuplicates: true,
});
// Keep the words as written (lower case, diacritics kept) so reasons can quote them; stems are taken below.
splitter.normalizeToken = (_prop: string, token: string): string => token;

/** The words of a text in order, lower case. */
export function words(text: string): string[] {
  return splitter.tokenize(text, 'danish') as string[];
}

const STOP = new Set<string>([...englishStopwords, ...danishStopwords]);

const stemCache = new Map<string, readonly string[]>();
/** The word's keys: its English and its Danish stem. */
function keys(word: string): readonly string[] {
  let k = stemCache.get(word);
  if (!k) {
    const en = englishStemmer(word);
    const da = danishStemmer(word);
    k = en === da ? [en] : [en, da];
    stemCache.set(word, k);
  }
  return k;
}

interface Term {
  readonly concept: string;
  readonly words: readonly (readonly string[])[];
}

interface Lexicon {
  /** Terms by each key of their first word. */
  readonly byFirstKey: ReadonlyMap<string, readonly Term[]>;
  /** One-word terms as written (for splitting compounds), with their concept. */
  readonly singleWords: ReadonlyMap<string, string>;
  /** One-word terms by key. */
  readonly singleByKey: ReadonlyMap<string, string>;
}

interface LexiconFile {
  readonly concepts: Record<string, { readonly en: readonly string[]; readonly da: readonly string[] }>;
}

function buildLexicon(file: LexiconFile): Lexicon {
  const byFirstKey = new Map<string, Term[]>();
  const singleWords = new Map<string, string>();
  const singleByKey = new Map<string, string>();
  for (const [concept, { en, da }] of Object.entries(file.concepts)) {
    for (const phrase of [...en, ...da]) {
      const ws = words(phrase);
      if (ws.length === 0) continue;
      const term: Term = { concept, words: ws.map(keys) };
      for (const k of term.words[0]) {
        const list = byFirstKey.get(k) ?? [];
        list.push(term);
        byFirstKey.set(k, list);
      }
      if (ws.length === 1) {
        singleWords.set(ws[0], concept);
        for (const k of keys(ws[0])) singleByKey.set(k, concept);
      }
    }
  }
  for (const list of byFirstKey.values()) list.sort((x, y) => y.words.length - x.words.length);
  return { byFirstKey, singleWords, singleByKey };
}

const LEXICON = buildLexicon(lexiconData as LexiconFile);

function sharesKey(word: string, termWord: readonly string[]): boolean {
  const k = keys(word);
  return termWord.some((t) => k.includes(t));
}

/** The longest lexicon term starting at word `i`: its concept and length, or null. */
function termAt(ws: readonly string[], i: number): { concept: string; length: number } | null {
  const seen = new Set<Term>();
  let best: { concept: string; length: number } | null = null;
  for (const k of keys(ws[i])) {
    for (const term of LEXICON.byFirstKey.get(k) ?? []) {
      if (seen.has(term)) continue;
      seen.add(term);
      const n = term.words.length;
      if (best && best.length >= n) continue;
      if (i + n > ws.length) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) ok = sharesKey(ws[i + j], term.words[j]);
      if (ok) best = { concept: term.concept, length: n };
    }
  }
  return best;
}

function singleConcept(word: string): string | undefined {
  const direct = LEXICON.singleWords.get(word);
  if (direct) return direct;
  for (const k of keys(word)) {
    const c = LEXICON.singleByKey.get(k);
    if (c) return c;
  }
  return undefined;
}

/**
 * The concepts of a compound word (Danish writes "batteritestcenter" in one word): the word is split where the
 * tail is a lexicon word (or splits again), the head being a lexicon word as written, possibly with a linking
 * "s" or "e". Returns the concepts found, or an empty list.
 */
export function compoundConcepts(word: string, depth = 0): string[] {
  if (word.length < 6 || depth > 2) return [];
  let best: string[] = [];
  for (let i = 3; i <= word.length - 3; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    const headConcept =
      LEXICON.singleWords.get(head) ??
      (head.endsWith('s') || head.endsWith('e') ? LEXICON.singleWords.get(head.slice(0, -1)) : undefined);
    const tailConcept = singleConcept(tail);
    const tailParts = tailConcept ? [tailConcept] : compoundConcepts(tail, depth + 1);
    if (!headConcept && tailParts.length === 0) continue;
    if (!headConcept && depth === 0 && tailParts.length === 0) continue;
    const found = [...new Set([...(headConcept ? [headConcept] : []), ...tailParts])];
    if (found.length > best.length) best = found;
  }
  return best;
}

const conceptCache = new Map<string, string[]>();
function compoundCached(word: string): string[] {
  let c = conceptCache.get(word);
  if (!c) {
    c = compoundConcepts(word);
    conceptCache.set(word, c);
  }
  return c;
}

/** The features of a text: lexicon concepts (longest phrase first) and the stems of other meaningful words. */
export function features(text: string): Map<string, Feature> {
  const ws = words(text);
  const out = new Map<string, Feature>();
  const add = (id: string, shown: string): void => {
    const f = out.get(id);
    if (f) {
      if (!f.words.includes(shown)) f.words.push(shown);
    } else out.set(id, { id, words: [shown] });
  };
  for (let i = 0; i < ws.length; ) {
    const term = termAt(ws, i);
    if (term) {
      add(`c:${term.concept}`, ws.slice(i, i + term.length).join(' '));
      i += term.length;
      continue;
    }
    const w = ws[i];
    i++;
    if (STOP.has(w) || w.length < 2 || /^\d+$/.test(w)) continue;
    for (const c of compoundCached(w)) add(`c:${c}`, w);
    for (const k of keys(w)) add(`w:${k}`, w);
  }
  return out;
}
