import { features, type Feature } from './text';
import type { Label, MatchCluster, MatchInput, MatchWeights, PairFact, Reason, Recommendation, Scope } from './types';

/**
 * The default weights. The two text parts dominate (what one seeks against what the other offers, the asking
 * cluster's own seeking counting more); shared taxonomy, another country, similar scope and maturity add a
 * little; a useful earlier meeting adds a follow-up bonus.
 */
export const defaultWeights: MatchWeights = {
  theyOffer: 0.4,
  youOffer: 0.25,
  sectors: 0.08,
  technologies: 0.08,
  otherCountry: 0.06,
  scope: 0.03,
  maturity: 0.03,
  followUp: 0.12,
};

export interface RankOptions {
  /** Rank pairs that have a pending or accepted request too (the mutual-fit rule weighs existing requests). */
  readonly ignoreOpen?: boolean;
}

export interface MatcherOptions {
  readonly weights?: MatchWeights;
}

const SCOPE_RANK: Record<Scope, number> = { local: 0, regional: 1, national: 2, international: 3 };
const LABEL_RANK: Record<Label, number> = { none: 0, in_process: 0, bronze: 1, silver: 2, gold: 3 };
const REAL_LABELS: ReadonlySet<Label> = new Set(['gold', 'silver', 'bronze']);
const REASON_ORDER: Record<Reason['kind'], number> = {
  'follow-up': 0,
  'they-offer': 1,
  'you-offer': 2,
  common: 3,
  profile: 4,
};

interface Profile {
  readonly cluster: MatchCluster;
  readonly seek: Map<string, Feature>;
  /** The offer text with the cluster's sectors and technologies. */
  readonly offer: Map<string, Feature>;
  readonly terms: Set<string>;
  readonly sectors: Set<string>;
  readonly technologies: Set<string>;
  seekNorm: number;
  offerNorm: number;
}

interface TextMatch {
  /** Cosine of the idf-weighted feature sets, 0 to 1. */
  readonly score: number;
  readonly seekWords: string[];
  readonly offerWords: string[];
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Ranks, for each cluster of an event, the other clusters to meet. Build once per event; pure and synchronous. */
export class Matcher {
  private readonly profiles = new Map<string, Profile>();
  private readonly idf = new Map<string, number>();
  private readonly open = new Set<string>();
  private readonly declined = new Set<string>();
  private readonly useful = new Map<string, string>();
  private readonly notInterested = new Set<string>();
  private readonly ranked = new Map<string, readonly Recommendation[]>();
  private readonly weights: MatchWeights;

  constructor(input: MatchInput, options: MatcherOptions = {}) {
    this.weights = options.weights ?? defaultWeights;
    const df = new Map<string, number>();
    for (const c of input.clusters) {
      const lower = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));
      const p: Profile = {
        cluster: c,
        seek: features(c.seeks),
        offer: features([c.offers, ...c.sectors, ...c.technologies].join('. ')),
        terms: new Set([...c.sectors, ...c.technologies]),
        sectors: lower(c.sectors),
        technologies: lower(c.technologies),
        seekNorm: 0,
        offerNorm: 0,
      };
      this.profiles.set(c.id, p);
      for (const doc of [p.seek, p.offer]) for (const id of doc.keys()) df.set(id, (df.get(id) ?? 0) + 1);
    }
    const docs = Math.max(1, 2 * input.clusters.length);
    for (const [id, n] of df) {
      // Concepts count fully, plain word stems half (a word has up to two stems).
      const w = Math.log(1 + docs / n) * (id.startsWith('c:') ? 1 : 0.5);
      this.idf.set(id, w);
    }
    for (const p of this.profiles.values()) {
      p.seekNorm = this.norm(p.seek);
      p.offerNorm = this.norm(p.offer);
    }
    for (const f of input.facts ?? []) this.addFact(f);
    for (const m of input.notInterested ?? []) this.notInterested.add(`${m.by}\u0000${m.target}`);
  }

  private addFact(f: PairFact): void {
    const key = pairKey(f.a, f.b);
    if (f.kind === 'useful-meeting') this.useful.set(key, f.eventName ?? '');
    else if (f.kind === 'open') this.open.add(key);
    else this.declined.add(key);
  }

  private norm(doc: Map<string, Feature>): number {
    let s = 0;
    for (const id of doc.keys()) s += (this.idf.get(id) ?? 0) ** 2;
    return Math.sqrt(s);
  }

  private textMatch(seek: Profile, offer: Profile): TextMatch {
    const seekWords: { w: number; seek: string[]; offer: string[] }[] = [];
    let dot = 0;
    for (const [id, f] of seek.seek) {
      const o = offer.offer.get(id);
      if (!o) continue;
      const w = this.idf.get(id) ?? 0;
      dot += w * w;
      seekWords.push({ w, seek: f.words, offer: o.words });
    }
    const denom = seek.seekNorm * offer.offerNorm;
    seekWords.sort((x, y) => y.w - x.w);
    const top = seekWords.slice(0, 3);
    const uniq = (xs: string[]): string[] => [...new Set(xs)].slice(0, 3);
    return {
      score: denom > 0 ? dot / denom : 0,
      seekWords: uniq(top.flatMap((t) => t.seek)),
      offerWords: uniq(top.flatMap((t) => t.offer)),
    };
  }

  /**
   * True when `other` may be suggested to `forId` at all (the exclusion rules). `ignoreOpen` keeps pairs with a
   * pending or accepted request (for the mutual-fit rule, which weighs requests that exist).
   */
  eligible(forId: string, other: string, ignoreOpen = false): boolean {
    if (forId === other || !this.profiles.has(other)) return false;
    const key = pairKey(forId, other);
    if (this.declined.has(key) || (!ignoreOpen && this.open.has(key))) return false;
    return !this.notInterested.has(`${forId}\u0000${other}`);
  }

  /** The score and reasons of `other` for `forId`, ignoring the exclusions. */
  score(forId: string, other: string): Recommendation {
    const a = this.profiles.get(forId);
    const b = this.profiles.get(other);
    if (!a || !b) throw new Error(`unknown cluster ${a ? other : forId}`);
    const w = this.weights;
    const theyOffer = this.textMatch(a, b);
    const youOffer = this.textMatch(b, a);
    const sectors = jaccard(a.sectors, b.sectors);
    const technologies = jaccard(a.technologies, b.technologies);
    const foreign = a.cluster.country !== b.cluster.country ? 1 : 0;
    const scope = 1 - Math.abs(SCOPE_RANK[a.cluster.scope] - SCOPE_RANK[b.cluster.scope]) / 3;
    const maturity = 1 - Math.abs(LABEL_RANK[a.cluster.label] - LABEL_RANK[b.cluster.label]) / 3;
    const met = this.useful.get(pairKey(forId, other));
    const followUp = met === undefined ? 0 : 1;

    const parts: { value: number; reason: Reason | null }[] = [
      {
        value: w.theyOffer * theyOffer.score,
        reason:
          theyOffer.score > 0
            ? { kind: 'they-offer', seekWords: theyOffer.seekWords, offerWords: theyOffer.offerWords }
            : null,
      },
      {
        value: w.youOffer * youOffer.score,
        reason:
          youOffer.score > 0
            ? { kind: 'you-offer', seekWords: youOffer.seekWords, offerWords: youOffer.offerWords }
            : null,
      },
      {
        value: w.sectors * sectors + w.technologies * technologies + w.otherCountry * foreign,
        reason: this.commonReason(a, b, foreign === 1),
      },
      {
        value: w.followUp * followUp,
        reason: met === undefined ? null : { kind: 'follow-up', eventName: met },
      },
      {
        value: w.scope * scope + w.maturity * maturity,
        reason: this.profileReason(a.cluster, b.cluster),
      },
    ];
    const total = parts.reduce((s, p) => s + p.value, 0);
    // Shown in a fixed order a reader follows best: an earlier meeting, then the matching words, then the rest.
    const reasons = parts
      .filter((p): p is { value: number; reason: Reason } => p.reason !== null && p.value > 0)
      .map((p) => p.reason)
      .sort((x, y) => REASON_ORDER[x.kind] - REASON_ORDER[y.kind])
      .slice(0, 3);
    return { clusterId: other, score: Math.round(total * 10000) / 10000, reasons };
  }

  private commonReason(a: Profile, b: Profile, foreign: boolean): Reason | null {
    const terms = [...a.terms].filter((t) => b.terms.has(t));
    if (terms.length === 0 && !foreign) return null;
    return { kind: 'common', terms: terms.slice(0, 3), otherCountry: foreign ? b.cluster.country : null };
  }

  private profileReason(a: MatchCluster, b: MatchCluster): Reason | null {
    const sameScope = a.scope === b.scope ? a.scope : null;
    const sameLabel = a.label === b.label && REAL_LABELS.has(a.label) ? a.label : null;
    if (!sameScope && !sameLabel) return null;
    return { kind: 'profile', sameScope, sameLabel };
  }

  /**
   * The best `limit` clusters for `forId`, best first (ties by id), after the exclusion rules; clusters with no
   * reason at all (nothing matches, same country, different profile) are left out.
   */
  recommend(forId: string, limit = 10, options: RankOptions = {}): Recommendation[] {
    if (!this.profiles.has(forId)) throw new Error(`unknown cluster ${forId}`);
    // The matcher never changes once built, so each cluster's full ranking is computed once.
    const key = `${options.ignoreOpen ? 1 : 0}\u0000${forId}`;
    let ranked = this.ranked.get(key);
    if (!ranked) {
      ranked = this.rank(forId, options);
      this.ranked.set(key, ranked);
    }
    return ranked.slice(0, Math.max(0, limit));
  }

  private rank(forId: string, options: RankOptions): readonly Recommendation[] {
    const out: Recommendation[] = [];
    for (const other of this.profiles.keys()) {
      if (!this.eligible(forId, other, options.ignoreOpen)) continue;
      const r = this.score(forId, other);
      // A cluster with nothing to say for it (no reason at all) is no suggestion.
      if (r.reasons.length > 0) out.push(r);
    }
    out.sort((x, y) => y.score - x.score || (x.clusterId < y.clusterId ? -1 : x.clusterId > y.clusterId ? 1 : 0));
    return out;
  }

  /** Every cluster's best `limit`, by cluster id. */
  recommendAll(limit = 10, options: RankOptions = {}): Map<string, Recommendation[]> {
    const out = new Map<string, Recommendation[]>();
    for (const id of this.profiles.keys()) out.set(id, this.recommend(id, limit, options));
    return out;
  }

  /**
   * Pairs each of which is in the other's top `k` (both sides would receive the suggestion), as sorted-id keys
   * `a\u0000b`. Used for the solver's optional mutual-fit weight.
   */
  mutualPairs(k = 10, options: RankOptions = {}): Set<string> {
    const all = this.recommendAll(k, options);
    const tops = new Map<string, Set<string>>();
    for (const [id, recs] of all) tops.set(id, new Set(recs.map((r) => r.clusterId)));
    const out = new Set<string>();
    for (const [id, top] of tops) for (const other of top) if (tops.get(other)?.has(id)) out.add(pairKey(id, other));
    return out;
  }
}

/** Builds the matcher of one event. */
export function createMatcher(input: MatchInput, options: MatcherOptions = {}): Matcher {
  return new Matcher(input, options);
}

export { pairKey };
