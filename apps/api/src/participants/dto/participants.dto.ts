import { PageWindowQuery } from '../../common/dto/page-window.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalNotNull } from '../../common/input-rules';

export const CLUSTER_SORTS = [
  'name',
  'country',
  'label',
  'labelValidUntil',
  'delegates',
  'signedIn',
  'requests',
] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];
export const DELEGATE_SORTS = ['name', 'cluster', 'email', 'role', 'lastSignIn'] as const;
export type DelegateSort = (typeof DELEGATE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const SIGNED_IN_FILTERS = ['yes', 'no'] as const;
export const PARTICIPANT_EXPORT_KINDS = ['clusters', 'delegates', 'requests'] as const;
export type ParticipantExportKind = (typeof PARTICIPANT_EXPORT_KINDS)[number];
export const PARTICIPANT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const MAIL_LANGUAGES = ['en', 'da'] as const;

class PageQuery extends PageWindowQuery {
  @ApiPropertyOptional({ description: 'Words that must all occur (name, e-mail, cluster, country)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, default: 'asc' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  dir?: (typeof SORT_DIRECTIONS)[number];
}

export class ParticipantClustersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLUSTER_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(CLUSTER_SORTS)
  sort?: ClusterSort;
}

export class ParticipantDelegatesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELEGATE_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(DELEGATE_SORTS)
  sort?: DelegateSort;
  @ApiPropertyOptional({ enum: SIGNED_IN_FILTERS, description: 'yes: have signed in; no: never signed in' })
  @IsOptional()
  @IsIn(SIGNED_IN_FILTERS)
  signedIn?: (typeof SIGNED_IN_FILTERS)[number];
  @ApiPropertyOptional({ description: 'Only the delegates of this cluster' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  clusterId?: string;
}

export class ParticipantExportQuery {
  @ApiProperty({ enum: PARTICIPANT_EXPORT_KINDS }) @IsIn(PARTICIPANT_EXPORT_KINDS) kind!: ParticipantExportKind;
  @ApiPropertyOptional({ enum: PARTICIPANT_EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(PARTICIPANT_EXPORT_FORMATS)
  format?: (typeof PARTICIPANT_EXPORT_FORMATS)[number];
}

/** Whom to send a login link: named delegates, or every delegate of the event who has never signed in. */
export class LoginLinksDto {
  @ApiPropertyOptional({ type: [String], description: 'Delegates of clusters taking part (1-100)' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  delegateIds?: string[];
  @ApiPropertyOptional({ description: 'true: every delegate of the event who has never signed in' })
  @OptionalNotNull()
  @IsBoolean()
  notSignedIn?: boolean;
  @ApiPropertyOptional({
    enum: MAIL_LANGUAGES,
    description: "The mail's language; default each recipient's (Danish for clusters in Denmark)",
  })
  @OptionalNotNull()
  @IsIn(MAIL_LANGUAGES)
  language?: (typeof MAIL_LANGUAGES)[number];
}

/** The delegates of one cluster who attend a request's meeting. */
export class AttendeesDto {
  @ApiProperty({ type: [String], description: "1-3 of the cluster's delegates" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  delegateIds!: string[];
  @ApiPropertyOptional({ description: "Organisers only: whose side changes (a delegate changes their own cluster's)" })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  clusterId?: string;
}

/** Issue 9, item 2: the organisation's clusters not in the event yet, to add one from an earlier event. */
export class ParticipantCandidatesQuery {
  @ApiPropertyOptional({ description: "Words that must all occur in the cluster's name or country", maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ type: Number, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
