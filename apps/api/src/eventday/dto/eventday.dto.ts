import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { OptionalNotNull } from '../../common/input-rules';
import { MARK_STATUSES, type MarkStatus } from '../eventday.entity';

export const CHECKIN_METHODS = ['list', 'search'] as const;

/** Check a delegate in: by id (from the list or a typed search) or by the code of their QR. */
export class CheckinDto {
  @ApiPropertyOptional({ type: String, description: 'The delegate to check in' })
  @OptionalNotNull()
  @IsUUID('all')
  delegateId?: string;
  @ApiPropertyOptional({
    type: String,
    description: "The payload of the delegate's QR code (CM1.<event>.<delegate>.<mac>)",
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  code?: string;
  @ApiPropertyOptional({ enum: CHECKIN_METHODS, enumName: 'CheckinMethod', description: 'How the delegate was found' })
  @OptionalNotNull()
  @IsIn(CHECKIN_METHODS)
  method?: (typeof CHECKIN_METHODS)[number];
}

export class ParticipantsQuery {
  @ApiPropertyOptional({ type: String, description: 'Part of a name, e-mail or cluster name' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;
}

/** Mark a meeting held, a no-show (naming the missing clusters) or cancelled on site. */
export class MeetingStatusDto {
  @ApiProperty({ enum: MARK_STATUSES, enumName: 'MarkStatus' })
  @IsIn(MARK_STATUSES)
  status!: MarkStatus;
  @ApiPropertyOptional({
    type: [String],
    description: "No-show only: the clusters that did not come (an attendee's default: the other side)",
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  absent?: string[];
}

export class AtQuery {
  @ApiPropertyOptional({ type: String, description: 'The moment to look at (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  at?: string;
}

export class MyDayQuery {
  @ApiPropertyOptional({ type: String, description: 'Organisers: whose day' })
  @IsOptional()
  @IsUUID('all')
  delegateId?: string;
}

export class RebookingQuery extends AtQuery {
  @ApiProperty({ type: String, description: 'The delegate whose meeting will not happen' })
  @IsUUID('all')
  delegateId!: string;
}

/** Book one replacement offer (as listed by GET .../day/rebooking). */
export class BookRebookingDto {
  @ApiProperty({ type: String, description: 'The delegate the offer is for' }) @IsUUID('all') delegateId!: string;
  @ApiProperty({ type: String, description: 'The meeting that will not happen' }) @IsUUID('all') meetingId!: string;
  @ApiProperty({ type: String }) @IsUUID('all') partnerDelegateId!: string;
  @ApiProperty({ type: String }) @IsUUID('all') slotId!: string;
  @ApiProperty({ type: String }) @IsUUID('all') tableId!: string;
  @ApiPropertyOptional({ type: String, description: 'The moment of the booking (ISO 8601); default now' })
  @OptionalNotNull()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  at?: string;
}

export class DaySettingsDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Delegates may book a replacement offer themselves' })
  @OptionalNotNull()
  @IsBoolean()
  selfServiceRebooking?: boolean;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 240,
    description: 'Minutes before each meeting that attendees get a reminder mail; null turns reminders off',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240)
  reminderMinutes?: number | null;
}

export const FIGURE_FORMATS = ['csv', 'xlsx'] as const;

export class FiguresExportQuery {
  @ApiPropertyOptional({ enum: FIGURE_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(FIGURE_FORMATS)
  format?: (typeof FIGURE_FORMATS)[number];
}
