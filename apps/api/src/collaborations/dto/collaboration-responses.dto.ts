import { ApiProperty } from '@nestjs/swagger';
import {
  COLLABORATION_STATUSES,
  COLLABORATION_TYPES,
  type CollaborationStatus,
  type CollaborationType,
} from '../collaboration.entity';

export class PartnerResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number, nullable: true }) companies!: number | null;
  @ApiProperty({ type: Number, nullable: true }) smes!: number | null;
}

export class CollaborationResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ enum: COLLABORATION_TYPES, enumName: 'CollaborationType' }) type!: CollaborationType;
  @ApiProperty({ enum: COLLABORATION_STATUSES, enumName: 'CollaborationStatus' }) status!: CollaborationStatus;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: [PartnerResponse] }) partners!: PartnerResponse[];
  @ApiProperty({ type: Number }) newIdeas!: number;
  @ApiProperty({ type: Number }) newProducts!: number;
  @ApiProperty({ type: Number }) newCompetences!: number;
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}
