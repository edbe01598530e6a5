import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
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
