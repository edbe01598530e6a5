import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AUDIT_ACTIONS, type AuditAction } from '../privacy.entity';

/** Filters and page of the audit log. */
export class AuditQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, description: 'Only this kind of action' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Only actions in this event' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  eventId?: string;

  @ApiPropertyOptional({ description: 'At most this many (1-500, default 100), newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Skip this many (0-1,000,000)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

/** Export format of the audit log. */
export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], description: 'csv (default) or json' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}
