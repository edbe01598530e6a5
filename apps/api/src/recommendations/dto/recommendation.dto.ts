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
} from 'class-validator';
import { OptionalNotNull } from '../../common/input-rules';

export const REASON_LANGUAGES = ['en', 'da'] as const;
export type ReasonLanguage = (typeof REASON_LANGUAGES)[number];

export class RecommendationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10, description: 'How many suggestions' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
  @ApiPropertyOptional({ enum: REASON_LANGUAGES, default: 'en', description: 'The language of the reasons' })
  @IsOptional()
  @IsIn(REASON_LANGUAGES)
  lang?: ReasonLanguage;
}

export class OverviewQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: 1,
    description: 'List clusters with at most this many pending or accepted requests',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  maxRequests?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3, description: 'Suggestions per cluster' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
  @ApiPropertyOptional({ enum: REASON_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(REASON_LANGUAGES)
  lang?: ReasonLanguage;
}

export class NotInterestedDto {
  @ApiProperty({ description: 'The suggested cluster to hide' })
  @IsString()
  @Length(1, 36)
  targetClusterId!: string;
}

export class NudgeDto {
  @ApiProperty({ type: [String], description: 'The clusters to nudge (1-200)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  clusterIds!: string[];
  @ApiPropertyOptional({ enum: REASON_LANGUAGES, default: 'en', description: 'The language of the mail' })
  @OptionalNotNull()
  @IsIn(REASON_LANGUAGES)
  language?: ReasonLanguage;
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3, description: 'Suggestions per mail' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}

export class RecommendationSettingsDto {
  @ApiProperty({
    minimum: 0,
    maximum: 10,
    description:
      'Added to the solver weight (3-35) of an accepted 1:1 request whose two clusters are each in the other’s top 10 suggestions; 0 turns it off',
  })
  @IsInt()
  @Min(0)
  @Max(10)
  mutualFitBonus!: number;
}
