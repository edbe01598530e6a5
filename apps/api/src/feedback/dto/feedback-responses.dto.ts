import { ApiProperty } from '@nestjs/swagger';
import { NEXT_STEPS, type NextStep } from '../feedback.entity';

export const SURVEY_STATES = ['not-sent', 'open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

/** The survey of an event; counts only for organisers (null for delegates). */
export class FeedbackSurveyResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ enum: SURVEY_STATES, enumName: 'SurveyState' }) state!: SurveyState;
  @ApiProperty({ type: String, nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) reminderAfterDays!: number | null;
  @ApiProperty({ type: String, nullable: true }) remindedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Organisers: attendees of the published schedule' })
  attendees!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Organisers: attendees who answered at least one meeting' })
  responded!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Organisers: answers given (attendee and meeting)' })
  answers!: number | null;
}

/** The organiser opened the survey: how many mails went out. */
export class FeedbackSentResponse extends FeedbackSurveyResponse {
  @ApiProperty({ type: Number }) queued!: number;
}

/** One attendee's own answer about a meeting. */
export class MyFeedbackResponse {
  @ApiProperty({ type: Boolean }) held!: boolean;
  @ApiProperty({ type: Number, nullable: true }) usefulness!: number | null;
  @ApiProperty({ enum: NEXT_STEPS, enumName: 'NextStep', nullable: true }) nextStep!: NextStep | null;
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}

/** A meeting of the attendee in the published schedule, with their own answer (never the other party's). */
export class FeedbackMeetingResponse {
  @ApiProperty({ type: String, description: 'The meeting (its request id)' }) meetingId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: String }) tableName!: string;
  @ApiProperty({ type: [String], description: 'The other clusters of the meeting' }) otherClusters!: string[];
  @ApiProperty({ type: MyFeedbackResponse, nullable: true }) feedback!: MyFeedbackResponse | null;
}

/** The attendee's feedback page: the survey and their meetings. */
export class MyFeedbackPageResponse {
  @ApiProperty({ type: FeedbackSurveyResponse }) survey!: FeedbackSurveyResponse;
  @ApiProperty({ type: [FeedbackMeetingResponse] }) meetings!: FeedbackMeetingResponse[];
}
