/**
 * Public types of the recommendations library (issue 12). Pure data: no framework, storage or clock.
 *
 * @example
 * const matcher = createMatcher({ clusters, facts: [{ a: 'c1', b: 'c2', kind: 'open' }] });
 * matcher.recommend('c1', 10); // [{ clusterId: 'c7', score: 0.41, reasons: [{ kind: 'they-offer', ... }] }, ...]
 */

/** The languages reasons are written in. */
export type Lang = 'en' | 'da';

export type Scope = 'local' | 'regional' | 'national' | 'international';
export type Label = 'gold' | 'silver' | 'bronze' | 'in_process' | 'none';

/** A cluster as the matcher sees it: its public profile. */
export interface MatchCluster {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly sectors: readonly string[];
  readonly technologies: readonly string[];
  readonly scope: Scope;
  readonly label: Label;
  /** Free text, English or Danish (or both). */
  readonly offers: string;
  readonly seeks: string;
}

/**
 * What is known about a pair of clusters (either order):
 * - `open`: a pending or accepted request in this event: not suggested;
 * - `declined`: one of them declined a request of the other (in any event): not suggested;
 * - `useful-meeting`: they met in an earlier event with a useful outcome: suggested as a follow-up.
 */
export interface PairFact {
  readonly a: string;
  readonly b: string;
  readonly kind: 'open' | 'declined' | 'useful-meeting';
  /** For `useful-meeting`: the earlier event's name, named in the reason. */
  readonly eventName?: string;
}

/** Cluster `by` marked `target` "not interested": never suggested to `by` again. */
export interface NotInterestedMark {
  readonly by: string;
  readonly target: string;
}

export interface MatchInput {
  readonly clusters: readonly MatchCluster[];
  readonly facts?: readonly PairFact[];
  readonly notInterested?: readonly NotInterestedMark[];
}

/** The weights of the score's parts (all in [0, 1] before weighting). See `defaultWeights`. */
export interface MatchWeights {
  /** What the asking cluster seeks against what the other offers. */
  readonly theyOffer: number;
  /** What the other seeks against what the asking cluster offers. */
  readonly youOffer: number;
  /** Shared sectors (Jaccard). */
  readonly sectors: number;
  /** Shared technologies (Jaccard). */
  readonly technologies: number;
  /** The other cluster is in another country (the seeds' aim of international collaboration). */
  readonly otherCountry: number;
  /** Similar geographic scope. */
  readonly scope: number;
  /** Similar maturity (excellence label). */
  readonly maturity: number;
  /** Met before with a useful outcome. */
  readonly followUp: number;
}

/** Why a cluster is suggested: structured, rendered in a language by `reasonText`. */
export type Reason =
  | {
      /** The asking cluster seeks what the other offers; the words as written on each side. */
      readonly kind: 'they-offer';
      readonly seekWords: readonly string[];
      readonly offerWords: readonly string[];
    }
  | {
      /** The other seeks what the asking cluster offers. */
      readonly kind: 'you-offer';
      readonly seekWords: readonly string[];
      readonly offerWords: readonly string[];
    }
  | {
      /** Shared sectors and technologies, and the other's country when it is not the asking cluster's. */
      readonly kind: 'common';
      readonly terms: readonly string[];
      readonly otherCountry: string | null;
    }
  | { readonly kind: 'follow-up'; readonly eventName: string }
  | { readonly kind: 'profile'; readonly sameScope: Scope | null; readonly sameLabel: Label | null };

export interface Recommendation {
  readonly clusterId: string;
  /** Higher is better; about 0 to 1. */
  readonly score: number;
  /** One to three: an earlier useful meeting first, then the matching words, shared terms and country, profile. */
  readonly reasons: readonly Reason[];
}
