import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../common/input-rules';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export class OutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: (typeof OUTBOX_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  eventId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class RemindersDto {
  /** Queue as if it were this instant (ISO 8601); default now. Reminders are for the next day in each event's zone. */
  @ApiPropertyOptional({ example: '2027-05-10T12:00:00Z' })
  @OptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 date-time with a zone, e.g. 2027-05-10T12:00:00Z',
  })
  at?: string;
}
