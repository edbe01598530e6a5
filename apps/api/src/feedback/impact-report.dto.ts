import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NEXT_STEPS, type NextStep } from './feedback.entity';
import { EvaluationResultsResponse } from './dto/evaluation-responses.dto';
import {
  COLLABORATION_STATUSES,
  COLLABORATION_TYPES,
  type CollaborationStatus,
  type CollaborationType,
} from '../collaborations/collaboration.entity';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ImpactReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'must be one of json, csv, xlsx, pdf' })
  format?: ReportFormat;
}

/** The meetings of the event, from the requests, the published schedule and the attendees' feedback. */
export class ReportMeetingsResponse {
  @ApiProperty({ type: Number, description: 'Requests made (any state)' }) requested!: number;
  @ApiProperty({ type: Number, description: 'Requests accepted' }) accepted!: number;
  @ApiProperty({ type: Number, description: 'Meetings in the published schedule' }) scheduled!: number;
  @ApiProperty({ type: Number, description: 'Scheduled meetings an attendee reported as held' }) held!: number;
  @ApiProperty({ type: Number, description: 'Scheduled meetings every answering attendee reported as not held' })
  noShows!: number;
  @ApiProperty({ type: Number, description: 'Scheduled meetings nobody answered about' }) unknown!: number;
}

export class ReportResponsesResponse {
  @ApiProperty({ type: Number }) attendees!: number;
  @ApiProperty({ type: Number, description: 'Attendees who answered about at least one meeting' }) responded!: number;
  @ApiProperty({ type: Number, description: 'responded / attendees, 0-1 (3 decimals)' }) rate!: number;
  @ApiProperty({ type: Number, description: 'Answers given (attendee and meeting)' }) answers!: number;
}

export class ReportUsefulnessResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of the answers about held meetings (2 decimals)' })
  mean!: number | null;
  @ApiProperty({ type: [Number], description: 'Answers with usefulness 1, 2, 3, 4, 5' }) distribution!: number[];
}

export class NextStepCountResponse {
  @ApiProperty({ enum: NEXT_STEPS, enumName: 'NextStep' }) nextStep!: NextStep;
  @ApiProperty({ type: Number }) count!: number;
}

export class ReportParticipationResponse {
  @ApiProperty({ type: Number }) clusters!: number;
  @ApiProperty({ type: Number, description: 'Member companies of the participating clusters' }) companies!: number;
  @ApiProperty({ type: Number, description: 'Of which SMEs (under 50 employees)' }) smes!: number;
  @ApiProperty({ type: Number }) countries!: number;
}

export class CountryRowResponse {
  @ApiProperty({ type: String, example: 'DK' }) country!: string;
  @ApiProperty({ type: Number }) clusters!: number;
  @ApiProperty({ type: Number, description: 'Scheduled meetings with a cluster of this country' }) scheduled!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number, nullable: true, description: "Mean usefulness given by this country's attendees" })
  usefulness!: number | null;
}

export class TypeCountResponse {
  @ApiProperty({ enum: COLLABORATION_TYPES, enumName: 'CollaborationType' }) type!: CollaborationType;
  @ApiProperty({ type: Number }) count!: number;
}

export class StatusCountResponse {
  @ApiProperty({ enum: COLLABORATION_STATUSES, enumName: 'CollaborationStatus' }) status!: CollaborationStatus;
  @ApiProperty({ type: Number }) count!: number;
}

/** The collaborations recorded as launched at the event. */
export class ReportCollaborationsResponse {
  @ApiProperty({ type: Number }) launched!: number;
  @ApiProperty({ type: [TypeCountResponse] }) byType!: TypeCountResponse[];
  @ApiProperty({ type: [StatusCountResponse] }) byStatus!: StatusCountResponse[];
  @ApiProperty({ type: Number }) newIdeas!: number;
  @ApiProperty({ type: Number }) newProducts!: number;
  @ApiProperty({ type: Number }) newCompetences!: number;
  @ApiProperty({ type: Number, description: 'Member companies involved, as the partners recorded them' })
  companies!: number;
  @ApiProperty({ type: Number, description: 'Of which SMEs' }) smes!: number;
}

export class ReportFollowUpRoundResponse {
  @ApiProperty({ type: Number, description: 'Months after the event (0: answers given before the first round)' })
  months!: number;
  @ApiProperty({ enum: ['sent', 'skipped', 'answers'], description: 'answers: given outside a round' })
  state!: 'sent' | 'skipped' | 'answers';
  @ApiProperty({ type: Number, description: 'Clusters asked' }) clusters!: number;
  @ApiProperty({ type: Number, description: 'Relationships answered (by one side)' }) answered!: number;
  @ApiProperty({ type: Number }) nothing!: number;
  @ApiProperty({ type: Number }) inContact!: number;
  @ApiProperty({ type: Number }) collaboration!: number;
}

/** The day of the event (issue 10): check-in and the meetings' marks, as `GET /day/figures` counts them. */
export class ReportOnTheDayResponse {
  @ApiProperty({ type: Number, description: 'Attendees of the published meetings' }) attendees!: number;
  @ApiProperty({ type: Number }) checkedIn!: number;
  @ApiProperty({ type: Number, description: 'checkedIn / attendees, 0..1' }) checkInRate!: number;
  @ApiProperty({ type: Number, description: 'Meetings marked held on the day' }) held!: number;
  @ApiProperty({ type: Number, description: 'Meetings marked as a no-show on the day' }) noShows!: number;
  @ApiProperty({ type: Number }) cancelledOnSite!: number;
  @ApiProperty({ type: Number, description: 'Meetings nobody marked' }) unmarked!: number;
  @ApiProperty({ type: Number, description: 'Replacement meetings booked on site' }) rebookings!: number;
}

/** The follow-ups after the event (issue 11, part 3). */
export class ReportFollowUpsResponse {
  @ApiProperty({ type: Number, description: 'Relationships started at the event, counted from each side' })
  relationships!: number;
  @ApiProperty({ type: [ReportFollowUpRoundResponse] }) rounds!: ReportFollowUpRoundResponse[];
}

/** The impact report of an event: every figure computed from the records, never typed in. */
export class ImpactReportResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String, description: 'The year of the event (its first day)' }) year!: string;
  @ApiProperty({ type: String }) generatedAt!: string;
  @ApiProperty({ type: ReportMeetingsResponse }) meetings!: ReportMeetingsResponse;
  @ApiProperty({ type: ReportResponsesResponse }) responses!: ReportResponsesResponse;
  @ApiProperty({ type: ReportUsefulnessResponse }) usefulness!: ReportUsefulnessResponse;
  @ApiProperty({ type: [NextStepCountResponse] }) nextSteps!: NextStepCountResponse[];
  @ApiProperty({ type: ReportParticipationResponse }) participation!: ReportParticipationResponse;
  @ApiProperty({ type: [CountryRowResponse] }) byCountry!: CountryRowResponse[];
  @ApiProperty({ type: ReportCollaborationsResponse }) collaborations!: ReportCollaborationsResponse;
  @ApiProperty({ type: ReportFollowUpsResponse }) followUps!: ReportFollowUpsResponse;
  @ApiProperty({ type: ReportOnTheDayResponse }) onTheDay!: ReportOnTheDayResponse;
  @ApiProperty({ type: EvaluationResultsResponse }) evaluation!: EvaluationResultsResponse;
}
