export { createMatcher, defaultWeights, Matcher, pairKey } from './matcher';
export type { MatcherOptions, RankOptions } from './matcher';
export { reasonText } from './reasons';
export { features, words } from './text';
export type {
  Label,
  Lang,
  MatchCluster,
  MatchInput,
  MatchWeights,
  NotInterestedMark,
  PairFact,
  Reason,
  Recommendation,
  Scope,
} from './types';
