import { ApiProperty } from '@nestjs/swagger';

export class RecommendationResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String, example: 'ES' }) country!: string;
  @ApiProperty({ type: Number, example: 0.42, description: 'Higher is better, about 0 to 1' }) score!: number;
  @ApiProperty({ type: [String], description: 'One to three reasons, in the language asked for' })
  reasons!: string[];
}

export class OverviewClusterResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number, description: 'Pending and accepted requests, sent or received' }) requests!: number;
  @ApiProperty({ type: Number, description: 'Delegates who would receive a nudge' }) delegates!: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the last nudge was queued' })
  lastNudgedAt!: string | null;
  @ApiProperty({ type: [RecommendationResponse] }) suggestions!: RecommendationResponse[];
}

export class OverviewResponse {
  @ApiProperty({ type: String }) requestDeadline!: string;
  @ApiProperty({ type: Boolean, description: 'The request deadline has passed: nudges are refused' })
  deadlinePassed!: boolean;
  @ApiProperty({ type: Number, description: 'Clusters taking part' }) participants!: number;
  @ApiProperty({ type: [OverviewClusterResponse] }) clusters!: OverviewClusterResponse[];
}

export class NudgeResponse {
  @ApiProperty({ type: Number, description: 'Mails queued' }) queued!: number;
  @ApiProperty({ type: [String], description: 'Clusters nudged' }) nudged!: string[];
  @ApiProperty({ type: [String], description: 'Clusters left out: no suggestion or no delegate' })
  skipped!: string[];
}

export class NotInterestedResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) targetClusterId!: string;
}

export class RecommendationSettingsResponse {
  @ApiProperty({ type: Number }) mutualFitBonus!: number;
}
