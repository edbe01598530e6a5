import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LABELS } from '../../clusters/cluster.entity';

/** A cluster taking part in the event, as the participants page lists it. */
export class ParticipantClusterResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiProperty({ type: String }) region!: string;
  @ApiProperty({ enum: LABELS, enumName: 'ExcellenceLabel' }) label!: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) labelValidUntil!: string | null;
  @ApiProperty({ type: Boolean, description: 'The label (other than none) is past its validity' })
  labelExpired!: boolean;
  @ApiProperty({ type: Number }) delegates!: number;
  @ApiProperty({ type: Number, description: 'Of the delegates, those who have signed in' }) signedIn!: number;
  @ApiProperty({ type: Number, description: 'Pending or accepted requests of the cluster in the event' })
  requests!: number;
}

export class ParticipantClustersPageResponse {
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: [ParticipantClusterResponse] }) items!: ParticipantClusterResponse[];
}

/** A delegate of a cluster taking part in the event. */
export class ParticipantDelegateResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) role!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When they last signed in; null: never' })
  lastSignInAt!: string | null;
}

export class ParticipantDelegatesPageResponse {
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number, description: 'Delegates of the event (any filter aside) who have never signed in' })
  notSignedIn!: number;
  @ApiProperty({ type: [ParticipantDelegateResponse] }) items!: ParticipantDelegateResponse[];
}

export class LoginLinksResponse {
  @ApiProperty({ type: Number, description: 'Mails queued (one login link each)' }) queued!: number;
  @ApiProperty({ type: [String], description: 'The delegates written to' }) delegateIds!: string[];
}

export class AttendeesResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: [String] }) delegateIds!: string[];
  @ApiPropertyOptional({
    type: String,
    description: 'Set when a published schedule holds the meeting: the agendas change with the next re-solve',
  })
  note?: string;
}

/** A cluster of the organisation not taking part in the event (issue 9, item 2). */
export class ParticipantCandidateResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number, description: 'Its delegates (they join with the cluster)' }) delegates!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The newest other event it took part in' })
  lastEventName!: string | null;
}

export class ParticipantCandidatesResponse {
  @ApiProperty({ type: Number, description: 'Matching clusters, of which the first `limit` are listed' })
  total!: number;
  @ApiProperty({ type: [ParticipantCandidateResponse] }) items!: ParticipantCandidateResponse[];
}
