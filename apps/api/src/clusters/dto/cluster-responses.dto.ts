import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
