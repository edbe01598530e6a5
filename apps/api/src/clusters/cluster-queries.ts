import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ClusterEntity } from './cluster.entity';

/**
 * The clusters' part of another feature's query, so that a row and its cluster come in one statement (the
 * performance report's collaborations with a partner cluster of the organisation) without the other feature naming
 * the cluster table. A plain function: it adds to the caller's query.
 */

/** Joins the cluster `alias` to `qb` on `on` (e.g. `c.id = x.clusterId`). */
export function joinCluster<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  on: string,
): SelectQueryBuilder<T> {
  return qb.innerJoin(ClusterEntity, alias, on);
}
