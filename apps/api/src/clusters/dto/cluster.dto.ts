import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ExcellenceLabel, GeographicScope, LABELS, SCOPES } from '../cluster.entity';

export class MembersDto {
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) companies!: number;
  @ApiProperty({ description: 'Of the companies, those under 50 staff' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  smes!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) knowledgeInstitutions!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) publicBodies!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) industryAssociations!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) financialActors!: number;
}

const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

export class CreateClusterDto {
  @ApiProperty({ example: 'Hydrogen Valley Cluster' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code such as DE' })
  country!: string;
  @ApiProperty({ example: 'Bavaria' }) @IsString() @Length(1, 200) region!: string;
  @ApiProperty({ type: [String], example: ['Energy'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  sectors!: string[];
  @ApiProperty({ type: [String], example: ['Hydrogen'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  technologies!: string[];
  @ApiProperty({ enum: SCOPES }) @IsIn(SCOPES) scope!: GeographicScope;
  @ApiProperty({ enum: LABELS, description: 'Cluster-excellence label' }) @IsIn(LABELS) label!: ExcellenceLabel;
  @ApiPropertyOptional({ type: String, example: '2028-12-31', nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  labelValidUntil?: string | null;
  @ApiProperty({ type: MembersDto }) @ValidateNested() @Type(() => MembersDto) members!: MembersDto;
  @ApiProperty() @IsInt() @Min(0) @Max(10_000) secretariatSize!: number;
  @ApiProperty() @IsString() @MaxLength(5000) offers!: string;
  @ApiProperty() @IsString() @MaxLength(5000) seeks!: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'must be a URL with http(s)://' })
  website?: string | null;
}

export class UpdateClusterDto extends PartialType(CreateClusterDto) {}

export class ParticipantDto {
  @ApiProperty() @IsString() @Length(1, 36) clusterId!: string;
}

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class DirectoryQueryDto {
  @ApiPropertyOptional({ description: 'Sector name(s), comma-separated; a cluster matches any' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  sector?: string[];
  @ApiPropertyOptional({ description: 'Technology area name(s), comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  technology?: string[];
  @ApiPropertyOptional({ description: 'ISO country code(s), comma-separated' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .toUpperCase()
          .split(',')
          .map((s) => s.trim())
      : value,
  )
  @IsArray()
  @IsISO31661Alpha2({ each: true, message: 'must be ISO 3166-1 alpha-2 country codes' })
  country?: string[];
  @ApiPropertyOptional({ description: `Maturity (label): ${LABELS.join(', ')}; comma-separated` })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsIn(LABELS, { each: true })
  label?: ExcellenceLabel[];
  @ApiPropertyOptional({ enum: SCOPES }) @IsOptional() @IsIn(SCOPES) scope?: GeographicScope;
  @ApiPropertyOptional({ description: 'Words searched in name, offers and seeks (all must occur)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
