import { PageWindowQuery } from '../../common/dto/page-window.dto';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
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
  MaxLength,
  Min,
} from 'class-validator';
import { NoControlChars, OptionalNotNull } from '../../common/input-rules';
import { REQUEST_STATUSES, RequestStatus } from '../request.entity';

export class CreateRequestDto {
  @ApiProperty({ type: [String], description: 'One cluster, or two to four for a group meeting' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  receiverClusterIds!: string[];
  @ApiProperty({ minimum: 1, maximum: 5, description: "The requester's interest" })
  @IsInt()
  @Min(1)
  @Max(5)
  interest!: number;
  @ApiPropertyOptional({ maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  @NoControlChars()
  note?: string;
  @ApiProperty({ type: [String], description: "1-3 of the requester's delegates who will attend" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  delegateIds!: string[];
  @ApiPropertyOptional({ description: 'Organisers only: the requesting cluster' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  requesterClusterId?: string;
}

export class AcceptRequestDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: "The receiver's interest" })
  @IsInt()
  @Min(1)
  @Max(5)
  interest!: number;
  @ApiProperty({ type: [String], description: "1-3 of the receiver's delegates who will attend" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  delegateIds!: string[];
  @ApiPropertyOptional({ description: 'Organisers only: the receiving cluster that answers' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  clusterId?: string;
}

export class DeclineRequestDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why (shown to the requester)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  @NoControlChars()
  reason?: string;
  @ApiPropertyOptional({ description: 'Organisers only: the receiving cluster that answers' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  clusterId?: string;
}

export class RequestQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
  @ApiPropertyOptional({ description: 'Only requests involving this cluster' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  clusterId?: string;
}

export const REQUEST_SORTS = ['createdAt', 'updatedAt', 'requester', 'receivers', 'status', 'weight'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];
export const REQUEST_SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** A page of an event's requests: search words, a status, a cluster, a sort and a window. */
export class RequestPageQueryDto extends IntersectionType(RequestQueryDto, PageWindowQuery) {
  @ApiPropertyOptional({
    description: 'Words that must all occur (requesting and receiving clusters, delegates, the note)',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: REQUEST_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(REQUEST_SORTS)
  sort?: RequestSort;
  @ApiPropertyOptional({ enum: REQUEST_SORT_DIRECTIONS, default: 'asc' })
  @IsOptional()
  @IsIn(REQUEST_SORT_DIRECTIONS)
  dir?: (typeof REQUEST_SORT_DIRECTIONS)[number];
}
