import type { State } from './state';

/**
 * Levels 1 and 2 of the objective for a (partial) schedule: the parties that requested meetings
 * and hold none (fewer is better), then the held weight (more is better). Level 3, idle gaps, is
 * optimised once these are settled and never at their expense.
 */
export interface Score {
  readonly uncovered: number;
  readonly weight: number;
}

export const scoreOf = (st: State): Score => ({ uncovered: st.uncovered, weight: st.weight });

/** 1 if a is better than b, 0 if equal, -1 if worse; weights closer than `eps` count as equal. */
export function compareScores(a: Score, b: Score, eps: number): -1 | 0 | 1 {
  if (a.uncovered !== b.uncovered) return a.uncovered < b.uncovered ? 1 : -1;
  if (a.weight > b.weight + eps) return 1;
  if (a.weight < b.weight - eps) return -1;
  return 0;
}
