import { PageWindowQuery } from '../common/dto/page-window.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
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

export const OUTBOX_SORTS = ['createdAt', 'sentAt', 'to', 'subject', 'kind', 'status'] as const;
export const OUTBOX_SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** A page of the outbox: search words, a status, a kind (the mail template), a sort and a window. */
export class OutboxPageQuery extends PageWindowQuery {
  @ApiPropertyOptional({ description: "The event's mails and those of no event (sign-in links, invitations)" })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  eventId?: string;
  @ApiPropertyOptional({ description: 'Words that must all occur in the recipient or the subject', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: (typeof OUTBOX_STATUSES)[number];
  @ApiPropertyOptional({ example: 'schedule-published', description: 'The mail template (see `kinds` of a page)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'must be a mail kind such as schedule-published' })
  kind?: string;
  @ApiPropertyOptional({ enum: OUTBOX_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(OUTBOX_SORTS)
  sort?: (typeof OUTBOX_SORTS)[number];
  @ApiPropertyOptional({ enum: OUTBOX_SORT_DIRECTIONS, default: 'desc' })
  @IsOptional()
  @IsIn(OUTBOX_SORT_DIRECTIONS)
  dir?: (typeof OUTBOX_SORT_DIRECTIONS)[number];
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
