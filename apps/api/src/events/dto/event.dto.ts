import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsISO8601,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull, SingleLine } from '../../common/input-rules';
import { USER_LANGUAGES, UserLanguage } from '../../common/language';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class BreakDto {
  @ApiProperty({ example: '12:00' }) @Matches(HHMM, { message: 'must be a time HH:mm' }) start!: string;
  @ApiProperty({ example: '13:00' }) @Matches(HHMM, { message: 'must be a time HH:mm' }) end!: string;
}

export class DayPlanDto {
  @ApiProperty({ example: '2027-05-11' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) date!: string;
  @ApiProperty({ example: '09:00' }) @Matches(HHMM, { message: 'must be a time HH:mm' }) startTime!: string;
  @ApiProperty({ example: '17:00' }) @Matches(HHMM, { message: 'must be a time HH:mm' }) endTime!: string;
  @ApiProperty({ example: 30 }) @IsInt() @Min(5) @Max(240) meetingMinutes!: number;
  @ApiPropertyOptional({ type: [BreakDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BreakDto)
  breaks?: BreakDto[];
}

export class TableDto {
  @ApiProperty({ example: 'T01' }) @IsString() @Length(1, 64) @SingleLine() name!: string;
  @ApiProperty({ example: 4 }) @IsInt() @Min(2) @Max(50) seats!: number;
  @ApiPropertyOptional({
    type: [String],
    example: ['accessible'],
    description: 'Organiser-defined features; delegates who need one meet only at tables that have it',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @SingleLine({ each: true })
  features?: string[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A cluster taking part whose stand this table is: its meetings are held here (at one of its stands)',
  })
  @IsOptional()
  @IsUUID()
  standClusterId?: string | null;
}

/** Issue 9, item 2: what a new event takes over from an earlier event of the same organisation. */
export class CopyFromDto {
  @ApiProperty({ description: "The earlier event (of the same organisation; another organisation's is 404)" })
  @IsUUID()
  eventId!: string;
  @ApiPropertyOptional({
    description:
      "Copy the day plans (days, slots, breaks), shifted so that the earlier event's first day falls on `firstDay`",
  })
  @OptionalNotNull()
  @IsBoolean()
  dayPlan?: boolean;
  @ApiPropertyOptional({ example: '2028-05-09', description: 'The new first day (YYYY-MM-DD); needed with dayPlan' })
  @OptionalNotNull()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  firstDay?: string;
  @ApiPropertyOptional({ description: 'Copy the tables with their seats, features (and stands, with participants)' })
  @OptionalNotNull()
  @IsBoolean()
  tables?: boolean;
  @ApiPropertyOptional({
    description:
      'The taxonomy is one list shared by every event (issue 9, item 4): the new event has it already; ' +
      'accepted for scripts, nothing is written',
  })
  @OptionalNotNull()
  @IsBoolean()
  taxonomy?: boolean;
  @ApiPropertyOptional({
    description: 'The clusters taking part (their delegates with them); requests, schedules, feedback are not copied',
  })
  @OptionalNotNull()
  @IsBoolean()
  participants?: boolean;
}

export class CreateEventDto {
  @ApiProperty({ example: 'Cluster Matchmaking 2027' }) @IsString() @Length(1, 200) @SingleLine() name!: string;
  @ApiProperty({ example: 'Messe Berlin, Hall 7' }) @IsString() @Length(1, 300) @SingleLine() venue!: string;
  @ApiProperty({ example: 'Europe/Berlin' })
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Berlin' })
  timezone!: string;
  @ApiProperty({ example: '2027-05-01T22:00:00Z', description: 'Pending requests expire at this instant' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  requestDeadline!: string;
  @ApiPropertyOptional({
    enum: USER_LANGUAGES,
    enumName: 'UserLanguage',
    nullable: true,
    description:
      "The language of mails to the event's delegates who chose none; null: Danish for clusters in Denmark, else English",
  })
  @IsOptional()
  @IsIn(USER_LANGUAGES, { message: 'must be en or da' })
  language?: UserLanguage | null;
  @ApiPropertyOptional({ type: [DayPlanDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => DayPlanDto)
  days?: DayPlanDto[];
  @ApiPropertyOptional({ type: [TableDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => TableDto)
  tables?: TableDto[];
}

/** A new event, optionally copying parts of an earlier one. */
export class NewEventDto extends CreateEventDto {
  @ApiPropertyOptional({
    type: CopyFromDto,
    description: 'Copy parts of an earlier event of the same organisation (in the same transaction as the event)',
  })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => CopyFromDto)
  copyFrom?: CopyFromDto;
}

export class UpdateEventDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @SingleLine() name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 300) @SingleLine() venue?: string;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Berlin' })
  timezone?: string;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  requestDeadline?: string;
  @ApiPropertyOptional({
    enum: USER_LANGUAGES,
    enumName: 'UserLanguage',
    nullable: true,
    description:
      "The language of mails to the event's delegates who chose none; null: Danish for clusters in Denmark, else English",
  })
  @IsOptional()
  @IsIn(USER_LANGUAGES, { message: 'must be en or da' })
  language?: UserLanguage | null;
}

export class DaysDto {
  @ApiProperty({ type: [DayPlanDto] })
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => DayPlanDto)
  days!: DayPlanDto[];
}

export class TablesDto {
  @ApiProperty({ type: [TableDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => TableDto)
  tables!: TableDto[];
}
