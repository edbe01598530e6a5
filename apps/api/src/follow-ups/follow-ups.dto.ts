import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { NoControlChars, OptionalNotNull } from '../common/input-rules';
import { CollaborationResponse } from '../collaborations/dto/collaboration-responses.dto';
import { MEETING_STATUSES, type MeetingStatus } from '../eventday/eventday.entity';
import { NEXT_STEPS, type NextStep } from '../feedback/feedback.entity';
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from './follow-up.entity';

export const ROUND_STATES = ['scheduled', 'due', 'sent', 'skipped'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** The organiser's follow-up plan: the months after the event at which the clusters are asked. */
export class FollowUpPlanDto {
  @ApiProperty({ type: [Number], example: [3, 6, 12, 36], description: '1-10 distinct whole months, 1-120' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(120, { each: true })
  months!: number[];
}

/** A cluster's answer about one relationship started at the event. */
export class FollowUpAnswerDto {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES, enumName: 'FollowUpOutcome' })
  @IsIn(FOLLOW_UP_OUTCOMES)
  outcome!: FollowUpOutcome;
  @ApiPropertyOptional({ example: 'Joint Interreg application planned for the autumn call.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  @NoControlChars()
  note?: string;
}

export class FollowUpRoundResponse {
  @ApiProperty({ type: Number }) months!: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the round is due (null before a schedule exists)' })
  dueAt!: string | null;
  @ApiProperty({ enum: ROUND_STATES, enumName: 'FollowUpRoundState' }) state!: RoundState;
  @ApiProperty({ type: String, nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Clusters asked (sent rounds)' }) clusters!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mails queued (sent rounds)' }) mails!: number | null;
  @ApiProperty({ type: Number, description: 'Relationships (cluster and other cluster) answered in this round' })
  answered!: number;
}

export class FollowUpPlanResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: [Number] }) months!: number[];
  @ApiProperty({ type: Boolean, description: 'The default plan (3, 6, 12, 36), not set by an organiser' })
  isDefault!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The end of the event's last slot" })
  eventEndsAt!: string | null;
  @ApiProperty({ type: Number, description: 'Relationships started at the event, counted from each side' })
  relationships!: number;
  @ApiProperty({ type: [FollowUpRoundResponse] }) rounds!: FollowUpRoundResponse[];
}

export class FollowUpRunResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'The round sent now, if any' }) sent!: number | null;
  @ApiProperty({ type: [Number], description: 'Rounds skipped because a later one was due as well' })
  skipped!: number[];
  @ApiProperty({ type: Number }) mails!: number;
}

export class FollowUpAnswerResponse {
  @ApiProperty({ type: Number, description: 'The round (months after the event; 0 before the first)' })
  months!: number;
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES, enumName: 'FollowUpOutcome' }) outcome!: FollowUpOutcome;
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}

export class FollowUpRelationshipResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number, description: 'Meetings with this cluster in the published schedule' })
  meetings!: number;
  @ApiProperty({ type: [FollowUpAnswerResponse], description: "This cluster's answers, newest round first" })
  answers!: FollowUpAnswerResponse[];
  @ApiProperty({ type: [CollaborationResponse], description: 'Collaborations both clusters are partners of' })
  collaborations!: CollaborationResponse[];
}

/** The follow-up page of one cluster for one event. */
export class FollowUpPageResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: Number, description: 'The round answers now go to (the latest sent; 0 before the first)' })
  round!: number;
  @ApiProperty({ type: [FollowUpRelationshipResponse] }) relationships!: FollowUpRelationshipResponse[];
}

export class RelationshipMeetingResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) meetingId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
}

export class NextStepTallyResponse {
  @ApiProperty({ enum: NEXT_STEPS, enumName: 'NextStep' }) nextStep!: NextStep;
  @ApiProperty({ type: Number }) count!: number;
}

/** What this cluster's own attendees said of the meetings (never the other party's answers). */
export class RelationshipFeedbackResponse {
  @ApiProperty({ type: Number }) answers!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean usefulness (2 decimals)' })
  usefulness!: number | null;
  @ApiProperty({ type: [NextStepTallyResponse], description: 'Next steps named (other than none)' })
  nextSteps!: NextStepTallyResponse[];
}

export class RelationshipFollowUpResponse extends FollowUpAnswerResponse {
  @ApiProperty({ type: String }) eventId!: string;
}

/** Another cluster this cluster has met in any event. */
export class RelationshipResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: [String], description: 'The events where they met' }) eventIds!: string[];
  @ApiProperty({ type: [RelationshipMeetingResponse] }) meetings!: RelationshipMeetingResponse[];
  @ApiProperty({ type: RelationshipFeedbackResponse }) feedback!: RelationshipFeedbackResponse;
  @ApiProperty({ type: RelationshipFollowUpResponse, nullable: true, description: "This cluster's latest follow-up" })
  followUp!: RelationshipFollowUpResponse | null;
  @ApiProperty({ type: [CollaborationResponse] }) collaborations!: CollaborationResponse[];
}

export class HistoryClusterResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

/** One meeting of the cluster's history: from the published schedule, with the day's record of it. */
export class HistoryMeetingResponse {
  @ApiProperty({ type: String }) meetingId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({
    enum: MEETING_STATUSES,
    enumName: 'MeetingStatus',
    description: 'held, no-show or cancelled-on-site as marked on the day; scheduled when no attendance was recorded',
  })
  status!: MeetingStatus;
  @ApiProperty({ type: [HistoryClusterResponse] }) withClusters!: HistoryClusterResponse[];
}

/** A cluster in one event of its organisation (issue 9, item 2). */
export class ClusterEventHistoryResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) firstDay!: string | null;
  @ApiProperty({ type: String, nullable: true }) archivedAt!: string | null;
  @ApiProperty({ type: Boolean, description: 'The cluster takes part in the event now' }) takesPart!: boolean;
  @ApiProperty({ type: Number, description: 'Meetings marked held' }) held!: number;
  @ApiProperty({ type: Number, description: 'Meetings without a record of the day' }) scheduled!: number;
  @ApiProperty({ type: [HistoryMeetingResponse] }) meetings!: HistoryMeetingResponse[];
}
