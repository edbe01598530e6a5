import { Column, Entity, PrimaryColumn } from 'typeorm';

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * A meeting request in one event from one cluster to one (or, for a group, several) clusters.
 * `activeKey` is the sorted cluster ids while the request is pending or accepted, null afterwards;
 * a unique index on (event_id, active_key) makes duplicates impossible even under concurrency.
 */
@Entity('meeting_request')
export class MeetingRequestEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'requester_cluster_id', length: 36 }) requesterClusterId!: string;
  @Column('varchar', { length: 16 }) status!: RequestStatus;
  @Column('integer', { name: 'requester_interest' }) requesterInterest!: number;
  @Column('text') note!: string;
  @Column('varchar', { name: 'pair_key', length: 400 }) pairKey!: string;
  @Column('varchar', { name: 'active_key', length: 400, nullable: true }) activeKey!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
  /** The organiser who made the request on the requesting cluster's behalf (issue 19); null when the cluster did. */
  @Column('varchar', { name: 'created_by_organiser', length: 254, nullable: true }) createdByOrganiser?: string | null;
  /** The organiser who withdrew it on the cluster's behalf; null otherwise. */
  @Column('varchar', { name: 'cancelled_by_organiser', length: 254, nullable: true })
  cancelledByOrganiser?: string | null;
}

export type PartyRole = 'requester' | 'receiver';
export type PartyResponse = 'pending' | 'accepted' | 'declined';

/** A cluster's side of a request: the requester, or a receiver with its answer and interest. */
@Entity('request_party')
export class RequestPartyEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('varchar', { length: 16 }) role!: PartyRole;
  @Column('varchar', { length: 16 }) response!: PartyResponse;
  @Column('integer', { nullable: true }) interest!: number | null;
  @Column('varchar', { name: 'responded_at', length: 30, nullable: true }) respondedAt!: string | null;
  /** Why a receiver declined, shown to the requester (issue 19); null otherwise. */
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason?: string | null;
}

/** A delegate chosen for a request by its cluster. */
@Entity('request_delegate')
export class RequestDelegateEntity {
  @PrimaryColumn('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  @PrimaryColumn('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
}
