import type { EntityManager } from 'typeorm';
import { MeetingRequestEntity, RequestPartyEntity, type RequestStatus } from './request.entity';

/** Where a directory card's cluster stands with the asker's cluster in one event (issue 9, item 7). */
export const DIRECTORY_RELATIONS = ['own', 'none', 'sent', 'received', 'accepted', 'declined'] as const;
export type DirectoryRelationState = (typeof DIRECTORY_RELATIONS)[number];

export interface DirectoryRelation {
  state: DirectoryRelationState;
  /** The request the state comes from (null for `own` and `none`). */
  requestId: string | null;
  /** True when the service would take a new two-cluster request from the asker's cluster to this one now. */
  canRequest: boolean;
}

/** One request between the asker's cluster and another cluster, as read for the directory. */
export interface RelationRow {
  requestId: string;
  status: RequestStatus;
  requesterClusterId: string;
  activeKey: string | null;
  other: string;
  otherResponse: string;
  myResponse: string;
}

/** The sorted cluster ids of a pair, as `meeting_request.active_key` holds them. */
const pairKeyOf = (a: string, b: string): string => [a, b].sort().join(':');

/**
 * The relation of `own` to each of `ids`, from the rows of the requests both take part in (pairs and groups).
 * A meeting accepted wins over a pending request, which wins over a decline (within each, the request of exactly
 * the pair wins over a group request); a group request that one receiver
 * declined counts as declined only with the cluster that declined (or whose request `own` declined), not with the
 * receivers who accepted. Pending requests count as expired once the deadline has passed, as the service treats
 * them. `canRequest` mirrors the checks of `RequestsService.create` for a two-cluster request: not the asker's own
 * cluster, the deadline not passed, and no pending or accepted request of exactly this pair.
 */
export function relationsFrom(
  own: string,
  ids: readonly string[],
  rows: readonly RelationRow[],
  deadlinePassed: boolean,
): Map<string, DirectoryRelation> {
  const out = new Map<string, DirectoryRelation>();
  for (const id of ids) {
    if (id === own) {
      out.set(id, { state: 'own', requestId: null, canRequest: false });
      continue;
    }
    const pair = pairKeyOf(own, id);
    // The request of exactly this pair first, then group requests (oldest first).
    const mine = rows
      .filter((r) => r.other === id)
      .sort((a, b) => Number(b.activeKey === pair) - Number(a.activeKey === pair));
    const open = (r: RelationRow): boolean => r.status === 'accepted' || (r.status === 'pending' && !deadlinePassed);
    const accepted = mine.find((r) => r.status === 'accepted');
    const pending = deadlinePassed ? undefined : mine.find((r) => r.status === 'pending');
    // The latest decline between the two.
    const declined = rows
      .filter((r) => r.other === id)
      .reverse()
      .find(
        (r) =>
          r.status === 'declined' &&
          (r.otherResponse === 'declined' || (r.myResponse === 'declined' && r.requesterClusterId === id)),
      );
    const blocked = mine.some((r) => open(r) && r.activeKey === pair);
    const canRequest = !deadlinePassed && !blocked;
    if (accepted) out.set(id, { state: 'accepted', requestId: accepted.requestId, canRequest });
    else if (pending)
      out.set(id, {
        state: pending.requesterClusterId === own ? 'sent' : 'received',
        requestId: pending.requestId,
        canRequest,
      });
    else if (declined) out.set(id, { state: 'declined', requestId: declined.requestId, canRequest });
    else out.set(id, { state: 'none', requestId: null, canRequest });
  }
  return out;
}

/** The tables the relation rows are read from (for the read cache). */
export const RELATION_TABLES = ['meeting_request', 'request_party'] as const;

/**
 * Reads, in one statement, every request of the event that `own` takes part in, once per other cluster in it
 * (oldest first). The rows do not depend on the time, so the read cache may keep them per asking cluster until a
 * request changes; `relationsFrom` applies the deadline on every call.
 */
export async function relationRows(m: EntityManager, eventId: string, own: string): Promise<RelationRow[]> {
  const rows = await m
    .createQueryBuilder(RequestPartyEntity, 'me')
    .innerJoin(MeetingRequestEntity, 'r', 'r.id = me.requestId')
    .innerJoin(RequestPartyEntity, 'o', 'o.requestId = me.requestId AND o.clusterId <> me.clusterId')
    .select([
      'r.id AS request_id',
      'r.status AS status',
      'r.requesterClusterId AS requester_cluster_id',
      'r.activeKey AS active_key',
      'o.clusterId AS other',
      'o.response AS other_response',
      'me.response AS my_response',
    ])
    .where('me.clusterId = :own AND r.eventId = :eventId', { own, eventId })
    .orderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getRawMany<{
      request_id: string;
      status: RequestStatus;
      requester_cluster_id: string;
      active_key: string | null;
      other: string;
      other_response: string;
      my_response: string;
    }>();
  return rows.map((r) => ({
    requestId: r.request_id,
    status: r.status,
    requesterClusterId: r.requester_cluster_id,
    activeKey: r.active_key,
    other: r.other,
    otherResponse: r.other_response,
    myResponse: r.my_response,
  }));
}
