import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_STATUSES } from '../request.entity';

export class PartyDelegateResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

/** A cluster's side of a request: the requester, or a receiver with its answer and interest. */
export class PartyResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ enum: ['requester', 'receiver'], enumName: 'PartyRole' }) role!: 'requester' | 'receiver';
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'], enumName: 'PartyAnswer' }) response!: string;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5 }) interest!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why a receiver declined (null otherwise)' })
  declineReason!: string | null;
  @ApiProperty({ type: [PartyDelegateResponse], description: 'Who attends for this cluster' })
  delegates!: PartyDelegateResponse[];
}

/** A meeting request with both sides. */
export class MeetingRequestResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ enum: REQUEST_STATUSES, enumName: 'RequestStatus' }) status!: string;
  @ApiProperty({ type: String }) requesterClusterId!: string;
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: Number, minimum: 1, maximum: 5 }) requesterInterest!: number;
  @ApiProperty({ type: [PartyResponse] }) parties!: PartyResponse[];
  @ApiProperty({ type: Number, nullable: true, description: 'The weight the solver uses, once accepted' })
  weight!: number | null;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: "The organiser who made it on the cluster's behalf" })
  createdByOrganiser!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The organiser who withdrew it on the cluster's behalf" })
  cancelledByOrganiser!: string | null;
}

/** How many requests of the page's scope and search are in one status (the status filter aside). */
export class RequestStatusCountResponse {
  @ApiProperty({ enum: REQUEST_STATUSES, enumName: 'RequestStatus' }) status!: string;
  @ApiProperty({ type: Number }) n!: number;
}

/** One page of an event's requests with the true number of matches. */
export class MeetingRequestsPageResponse {
  @ApiProperty({ type: Number, description: 'Requests matching every filter (all pages)' }) total!: number;
  @ApiProperty({
    type: [RequestStatusCountResponse],
    description: 'Matches per status, the status filter aside (statuses with none are left out)',
  })
  counts!: RequestStatusCountResponse[];
  @ApiProperty({ type: [MeetingRequestResponse] }) items!: MeetingRequestResponse[];
}
