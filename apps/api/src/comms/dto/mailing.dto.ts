import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NoControlChars, OptionalNotNull, SingleLine } from '../../common/input-rules';
import { SEGMENT_KINDS, type SegmentKind } from '../segments';

export class SegmentDto {
  @ApiProperty({ enum: SEGMENT_KINDS, enumName: 'SegmentKind', description: 'Who receives the mail' })
  @IsIn(SEGMENT_KINDS)
  kind!: SegmentKind;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: '`few-meetings`: fewer accepted meetings than this' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  minMeetings?: number;
  @ApiPropertyOptional({ example: 'DK', description: '`country`: ISO 3166-1 alpha-2 code' })
  @OptionalNotNull()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code' })
  country?: string;
  @ApiPropertyOptional({ description: '`sector`: the id of a sector of the taxonomy' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  sectorId?: string;
  @ApiPropertyOptional({ type: [String], description: '`delegates`: the hand-picked delegates' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  delegateIds?: string[];
}

/** A subject in English and/or Danish (one line each). */
export class LocalizedSubjectDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  en?: string;
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  da?: string;
}

/** A body in English and/or Danish: plain text with placeholders; a blank line starts a paragraph. */
export class LocalizedBodyDto {
  @ApiPropertyOptional({ maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  @NoControlChars()
  en?: string;
  @ApiPropertyOptional({ maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  @NoControlChars()
  da?: string;
}

export class CreateMailingDto {
  @ApiProperty({ type: SegmentDto })
  @IsObject({ message: 'must be an object with the segment kind' })
  @ValidateNested()
  @Type(() => SegmentDto)
  segment!: SegmentDto;
  @ApiProperty({
    type: LocalizedSubjectDto,
    description:
      'Placeholders: {name} {cluster} {event} {meetings} {loginLink} {agendaLink}. Give both languages to write to each recipient in theirs.',
  })
  @IsObject({ message: 'must be an object with en and/or da' })
  @ValidateNested()
  @Type(() => LocalizedSubjectDto)
  subject!: LocalizedSubjectDto;
  @ApiProperty({ type: LocalizedBodyDto })
  @IsObject({ message: 'must be an object with en and/or da' })
  @ValidateNested()
  @Type(() => LocalizedBodyDto)
  body!: LocalizedBodyDto;
}

export class PreviewMailingDto extends CreateMailingDto {
  @ApiPropertyOptional({ description: 'The recipient to preview for (default: the first of the segment)' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  delegateId?: string;
}

export class UnsubscribeDto {
  @ApiProperty({ description: 'The token of the unsubscribe link' })
  @IsString()
  @Length(1, 100)
  token!: string;
}
