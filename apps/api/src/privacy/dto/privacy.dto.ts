import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
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

/** A text of the privacy notice in both languages. */
export class NoticeTextDto {
  @ApiProperty({
    type: String,
    description: 'English (plain text; a blank line starts a paragraph), up to 50,000 characters',
  })
  @IsString()
  @MaxLength(50_000)
  en!: string;

  @ApiProperty({ type: String, description: 'Danish, up to 50,000 characters' })
  @IsString()
  @MaxLength(50_000)
  da!: string;
}

/** A new version of the organisation's privacy notice (owners). */
export class PublishNoticeDto {
  @ApiProperty({ type: NoticeTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => NoticeTextDto)
  text!: NoticeTextDto;
}

/** The organisation's retention (owners); null switches a part off. */
export class RetentionDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Months after their last event that personal data of people without upcoming events is kept (1-120)',
  })
  @IsDefined({ message: 'retentionMonths must be a number of months (1-120) or null' })
  @ValidateIf((o: RetentionDto) => o.retentionMonths !== null)
  @IsInt()
  @Min(1)
  @Max(120)
  retentionMonths!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Days after sending that a mail keeps its body in the outbox (1-3650; shorter than the retention)',
  })
  @IsDefined({ message: 'outboxBodyDays must be a number of days (1-3650) or null' })
  @ValidateIf((o: RetentionDto) => o.outboxBodyDays !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  outboxBodyDays!: number | null;
}

/** The delegate's own privacy choices. */
export class MyPrivacyDto {
  @ApiProperty({ type: Boolean, description: 'Be listed (name and role) on the cluster profile in the directory' })
  @IsBoolean()
  directoryVisible!: boolean;
}

/** The version of the privacy notice the delegate accepts (the current one). */
export class AcceptNoticeDto {
  @ApiProperty({ type: Number }) @IsInt() @Min(1) @Max(1_000_000) version!: number;
}
