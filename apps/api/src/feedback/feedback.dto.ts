import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NoControlChars, OptionalNotNull } from '../common/input-rules';
import { NEXT_STEPS, type NextStep } from './feedback.entity';

/** The organiser opens the meeting-feedback survey: every attendee is mailed a sign-in link to their meetings. */
export class OpenFeedbackSurveyDto {
  @ApiProperty({ example: '2027-04-20T22:00:00.000Z', description: 'Answers can be changed until then (ISO 8601)' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  closesAt!: string;
  @ApiProperty({
    example: 5,
    description: 'Days after the mails until one reminder goes to those who have not answered',
  })
  @IsInt()
  @Min(1)
  @Max(90)
  reminderAfterDays!: number;
}

/** Changes the survey's closing time or reminder delay. */
export class UpdateFeedbackSurveyDto {
  @ApiPropertyOptional({ example: '2027-04-27T22:00:00.000Z' })
  @OptionalNotNull()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  closesAt?: string;
  @ApiPropertyOptional({ example: 7 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(90)
  reminderAfterDays?: number;
}

/** An attendee's answer about one meeting. `usefulness` only when it was held (then it is required). */
export class MeetingFeedbackDto {
  @ApiProperty({ description: 'Whether the meeting took place' }) @IsBoolean() held!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 5, description: '1-5; only when held' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  usefulness?: number | null;
  @ApiPropertyOptional({ enum: NEXT_STEPS, enumName: 'NextStep', nullable: true })
  @IsOptional()
  @IsIn(NEXT_STEPS)
  nextStep?: NextStep | null;
  @ApiPropertyOptional({ example: 'We will call them in May about a joint application.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  @NoControlChars()
  note?: string;
}
