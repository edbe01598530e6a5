import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TaxonomyTermEntity, type TermKind } from './taxonomy-term.entity';

/**
 * The taxonomy's part of another feature's query, so that a cluster's terms come with the clusters in one statement
 * (the directory) without the other feature naming the term table. Plain functions: they add to the caller's query.
 */

/** Joins the taxonomy term `alias` to `qb` on `on` (e.g. `t.id = ct.termId`). */
export function joinTerm<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  on: string,
): SelectQueryBuilder<T> {
  return qb.innerJoin(TaxonomyTermEntity, alias, on);
}

/**
 * A sub-query of `qb`, in parentheses: the ids of the terms of `kind` named any of `names` (ignoring case). Its
 * parameters (prefixed with `key`) are set on `qb`.
 */
export function termIdsNamed<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  kind: TermKind,
  names: readonly string[],
  key: string,
): string {
  qb.setParameters({ [`${key}Kind`]: kind, [`${key}Names`]: names.map((n) => n.toLowerCase()) });
  return qb
    .subQuery()
    .select('t.id')
    .from(TaxonomyTermEntity, 't')
    .where(`t.kind = :${key}Kind AND LOWER(t.name) IN (:...${key}Names)`)
    .getQuery();
}
