import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORY_RELATIONS } from '../../requests/directory-relations';
import { REQUEST_STATUSES } from '../../requests/request.entity';
import { LABELS, SCOPES } from '../cluster.entity';
import { MembersDto } from './cluster.dto';

/** A delegate as listed on their cluster's profile (organisers and the cluster's own delegates see them). */
export class ClusterDelegateResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) role!: string;
}

/** A delegate listed on their cluster's profile by their own choice (issue 17): name and role only. */
export class ClusterContactResponse {
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) role!: string;
}

/** Where a cluster stands with the asking delegate's cluster in the event (issue 9, item 7). */
export class DirectoryRelationResponse {
  @ApiProperty({
    enum: DIRECTORY_RELATIONS,
    enumName: 'DirectoryRelationState',
    description:
      'own: your cluster; sent/received: a request between the two is pending; accepted: a meeting (pair or group) ' +
      'is accepted; declined: one of the two declined the other; none: nothing open',
  })
  state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The request the state comes from' })
  requestId!: string | null;
  @ApiProperty({
    type: Boolean,
    description:
      'A new request from your cluster to this one would be accepted now (not your own cluster, the request ' +
      'deadline not passed, no pending or accepted request of exactly this pair)',
  })
  canRequest!: boolean;
}

/** A cluster's profile. */
export class ClusterResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiProperty({ type: String }) region!: string;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ type: [String] }) technologies!: string[];
  @ApiProperty({ enum: SCOPES, enumName: 'GeographicScope' }) scope!: string;
  @ApiProperty({ enum: LABELS, enumName: 'ExcellenceLabel' }) label!: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) labelValidUntil!: string | null;
  @ApiProperty({ type: MembersDto }) members!: MembersDto;
  @ApiProperty({ type: Number }) secretariatSize!: number;
  @ApiProperty({ type: String }) offers!: string;
  @ApiProperty({ type: String }) seeks!: string;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiPropertyOptional({
    type: [ClusterDelegateResponse],
    description: "Only for organisers and the cluster's own delegates",
  })
  delegates?: ClusterDelegateResponse[];
  @ApiPropertyOptional({
    type: [ClusterContactResponse],
    description:
      "For signed-in participants of other clusters: the cluster's delegates who chose to be listed in the directory",
  })
  contacts?: ClusterContactResponse[];
  @ApiPropertyOptional({
    type: DirectoryRelationResponse,
    description: "In an event's directory, for a delegate: this cluster's relation to the delegate's cluster",
  })
  relationship?: DirectoryRelationResponse;
}

/** One page of the directory. */
export class DirectoryPageResponse {
  @ApiProperty({ type: Number, description: 'Matches in all pages' }) total!: number;
  @ApiProperty({ type: [ClusterResponse] }) items!: ClusterResponse[];
}

export class ClusterRefNameResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

/** One request of the cluster, in any event. */
export class HistoryItemResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ enum: REQUEST_STATUSES, enumName: 'RequestStatus' }) status!: string;
  @ApiProperty({ type: [ClusterRefNameResponse] }) withClusters!: ClusterRefNameResponse[];
  @ApiProperty({ enum: ['sent', 'received'] }) direction!: 'sent' | 'received';
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
}

/** A cluster registered for an event. */
export class ParticipantResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) clusterId!: string;
}
