import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { COLLABORATION_TYPES, type CollaborationType } from '../collaborations/collaboration.entity';

export const REPORT_GROUPINGS = ['year', 'cluster', 'country'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const ANY_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type AnyFormat = (typeof ANY_FORMATS)[number];

export class ImpactReportsQuery {
  @ApiPropertyOptional({ enum: REPORT_GROUPINGS, default: 'year' })
  @IsOptional()
  @IsIn(REPORT_GROUPINGS, { message: 'must be one of year, cluster, country' })
  by?: ReportGrouping;
  @ApiPropertyOptional({ type: Number, description: 'Only the events of this year (by their first day)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ enum: ANY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(ANY_FORMATS, { message: 'must be one of json, csv, xlsx, pdf' })
  format?: AnyFormat;
}

export class PerformanceReportQuery {
  @ApiProperty({ type: Number, example: 2026, description: 'The year reported (events by their first day)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
  @ApiPropertyOptional({ enum: ANY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(ANY_FORMATS, { message: 'must be one of json, csv, xlsx, pdf' })
  format?: AnyFormat;
}

/** One group (a year, a cluster or a country) of the report across events. */
export class ImpactGroupResponse {
  @ApiProperty({ type: String, description: 'The year, the cluster id or the country code' }) key!: string;
  @ApiProperty({ type: String, description: "The year, the cluster's name or the country code" }) label!: string;
  @ApiProperty({ type: Number, description: 'Events counted' }) events!: number;
  @ApiProperty({ type: Number, description: 'Participating clusters (distinct)' }) clusters!: number;
  @ApiProperty({ type: Number, description: 'Meetings in the published schedules' }) scheduled!: number;
  @ApiProperty({ type: Number, description: 'Of which an attendee reported as held' }) held!: number;
  @ApiProperty({ type: Number, description: 'Of which every answering attendee reported as not held' })
  noShows!: number;
  @ApiProperty({ type: Number, description: 'Feedback answers given (by this group’s attendees for cluster/country)' })
  answers!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean usefulness of held meetings (2 decimals)' })
  usefulness!: number | null;
  @ApiProperty({ type: Number, description: 'Collaborations launched at these events (with a partner in the group)' })
  collaborations!: number;
  @ApiProperty({ type: Number }) newIdeas!: number;
  @ApiProperty({ type: Number }) newProducts!: number;
  @ApiProperty({ type: Number }) newCompetences!: number;
}

export class ImpactReportsResponse {
  @ApiProperty({ enum: REPORT_GROUPINGS, enumName: 'ReportGrouping' }) by!: ReportGrouping;
  @ApiProperty({ type: Number, nullable: true }) year!: number | null;
  @ApiProperty({ type: String }) generatedAt!: string;
  @ApiProperty({ type: [ImpactGroupResponse] }) groups!: ImpactGroupResponse[];
}

export class PerformanceEventResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) name!: string;
}

export class PerformanceTypeCountResponse {
  @ApiProperty({ enum: COLLABORATION_TYPES, enumName: 'CollaborationType' }) type!: CollaborationType;
  @ApiProperty({ type: Number }) count!: number;
}

/**
 * The yearly performance report in the fixed shape a national cluster organisation reports in: participating
 * companies, SMEs (under 50 employees), new collaborations, new ideas, products and competences.
 */
export class PerformanceReportResponse {
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: String }) generatedAt!: string;
  @ApiProperty({ type: [PerformanceEventResponse], description: 'The events of the year' })
  events!: PerformanceEventResponse[];
  @ApiProperty({ type: Number, description: 'Distinct clusters taking part in the events of the year' })
  participatingClusters!: number;
  @ApiProperty({ type: Number, description: 'Their member companies' }) participatingCompanies!: number;
  @ApiProperty({ type: Number, description: 'Of which SMEs (under 50 employees)' }) participatingSmes!: number;
  @ApiProperty({ type: Number, description: 'Collaborations recorded in the year (any event, or none)' })
  newCollaborations!: number;
  @ApiProperty({ type: Number, description: 'Of which launched at an event' }) fromEvents!: number;
  @ApiProperty({ type: [PerformanceTypeCountResponse] }) byType!: PerformanceTypeCountResponse[];
  @ApiProperty({ type: Number, description: 'Member companies involved in them, as the partners recorded' })
  companiesInCollaborations!: number;
  @ApiProperty({ type: Number, description: 'Of which SMEs' }) smesInCollaborations!: number;
  @ApiProperty({ type: Number }) newIdeas!: number;
  @ApiProperty({ type: Number }) newProducts!: number;
  @ApiProperty({ type: Number }) newCompetences!: number;
}
