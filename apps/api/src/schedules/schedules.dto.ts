import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../common/input-rules';

export class SolveDto {
  @ApiPropertyOptional({
    description: 'Stop improving after this many seconds (default 10).',
    minimum: 1,
    maximum: 600,
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds?: number;

  @ApiPropertyOptional({ description: 'Seed of the search (default 1).', minimum: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  seed?: number;

  @ApiPropertyOptional({ description: 'Upper limit on improvement iterations.', minimum: 1 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100000000)
  maxIterations?: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_KINDS = ['schedule', 'tables'] as const;

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({
    enum: EXPORT_KINDS,
    default: 'schedule',
    description: 'schedule: one row per meeting; tables: the table plan (slots x tables).',
  })
  @IsOptional()
  @IsIn(EXPORT_KINDS)
  kind?: (typeof EXPORT_KINDS)[number];
}

export class AgendaQuery {
  @ApiPropertyOptional({
    description: 'Organisers: whose agenda (required for them). Delegates: omit, or their own id.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  delegateId?: string;
}

/**
 * A hand edit of one meeting of a draft: `slot` and `table` are the codes the organiser sees (`d1s03`, `Table 4`);
 * either may be left out to keep what the meeting has; `slot: null` unschedules it. `pinned` keeps it where it is
 * when re-solving around pins.
 */
export class EditMeetingDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'd1s03',
    description: 'Slot code; null unschedules the meeting; left out: the slot it has',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  slot?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Table 4', description: 'Table name; left out: the table it has' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 64)
  table?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Pin (true) or unpin (false); left out: unchanged' })
  @OptionalNotNull()
  @IsBoolean()
  pinned?: boolean;
}

/** Swap two held meetings of a draft: each takes the other's slot and table. */
export class SwapMeetingsDto {
  @ApiProperty({ type: String, description: 'The other meeting (its request id)' })
  @IsString()
  @Length(1, 36)
  with!: string;
}
