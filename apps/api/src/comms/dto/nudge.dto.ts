import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export class NudgeSettingsDto {
  @ApiProperty({ description: 'Remind delegates of clusters without an accepted meeting' })
  @IsBoolean()
  noMeetingEnabled!: boolean;
  @ApiProperty({ minimum: 1, maximum: 30, description: '... at most every this many days' })
  @IsInt()
  @Min(1)
  @Max(30)
  noMeetingEveryDays!: number;
  @ApiProperty({ description: 'Remind receivers of requests waiting for an answer' })
  @IsBoolean()
  unansweredEnabled!: boolean;
  @ApiProperty({
    minimum: 1,
    maximum: 30,
    description: '... waiting longer than this many days (and again at most as often)',
  })
  @IsInt()
  @Min(1)
  @Max(30)
  unansweredAfterDays!: number;
  @ApiProperty({ description: 'A last call to everyone before the request deadline' })
  @IsBoolean()
  lastCallEnabled!: boolean;
  @ApiProperty({ minimum: 1, maximum: 720, description: '... this many hours before the deadline' })
  @IsInt()
  @Min(1)
  @Max(720)
  lastCallHours!: number;
}

export class NudgeSettingsResponse extends NudgeSettingsDto {
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601; null while never saved (the defaults)' })
  updatedAt!: string | null;
}

export class NudgeRunResponse {
  @ApiProperty({ type: Number }) noMeeting!: number;
  @ApiProperty({ type: Number }) unanswered!: number;
  @ApiProperty({ type: Number }) lastCall!: number;
}
