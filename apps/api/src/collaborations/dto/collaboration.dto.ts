import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull, SingleLine } from '../../common/input-rules';
import {
  COLLABORATION_STATUSES,
  COLLABORATION_TYPES,
  type CollaborationStatus,
  type CollaborationType,
} from '../collaboration.entity';

export class PartnerDto {
  @ApiProperty({ type: String }) @IsString() @Length(1, 36) clusterId!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Member companies involved' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  companies?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Of which SMEs' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  smes?: number | null;
}

/** A collaboration; the cluster in the path is always a partner. */
export class CollaborationDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The event that launched it' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  eventId?: string | null;
  @ApiProperty({ enum: COLLABORATION_TYPES, enumName: 'CollaborationType' })
  @IsIn(COLLABORATION_TYPES)
  type!: CollaborationType;
  @ApiProperty({ enum: COLLABORATION_STATUSES, enumName: 'CollaborationStatus' })
  @IsIn(COLLABORATION_STATUSES)
  status!: CollaborationStatus;
  @ApiProperty({ example: 'Hydrogen heat for dairies (Interreg application)' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title!: string;
  @ApiProperty({ type: [PartnerDto], description: 'The partner clusters (2-20 with the one in the path)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartnerDto)
  partners!: PartnerDto[];
  @ApiPropertyOptional({ type: Number, default: 0 }) @OptionalNotNull() @IsInt() @Min(0) @Max(10_000) newIdeas?: number;
  @ApiPropertyOptional({ type: Number, default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000)
  newProducts?: number;
  @ApiPropertyOptional({ type: Number, default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000)
  newCompetences?: number;
}
