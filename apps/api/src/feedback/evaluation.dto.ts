import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NoControlChars, OptionalNotNull, SingleLine } from '../common/input-rules';
import { QUESTION_KINDS, type QuestionKind } from './evaluation.entity';

/** A text in English and Danish. */
export class BilingualDto {
  @ApiProperty({ example: 'How was the venue?' })
  @IsString()
  @Length(1, 300)
  @SingleLine()
  en!: string;
  @ApiProperty({ example: 'Hvordan var stedet?' })
  @IsString()
  @Length(1, 300)
  @SingleLine()
  da!: string;
}

export class EvaluationQuestionDto {
  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'QuestionKind' }) @IsIn(QUESTION_KINDS) kind!: QuestionKind;
  @ApiProperty({ type: BilingualDto }) @ValidateNested() @Type(() => BilingualDto) text!: BilingualDto;
  @ApiPropertyOptional({ type: [BilingualDto], description: 'single and multiple: 2-10 options; others: none' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => BilingualDto)
  options?: BilingualDto[];
}

/** The organiser's questions, replacing the previous ones (refused once anyone has answered). */
export class EvaluationQuestionsDto {
  @ApiProperty({ type: [EvaluationQuestionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvaluationQuestionDto)
  questions!: EvaluationQuestionDto[];
}

/** One answer: `scale` (1-5), `option` (an index), `options` (indexes) or `text`, by the question's kind. */
export class EvaluationAnswerDto {
  @ApiProperty({ type: String }) @IsString() @Length(1, 36) questionId!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @OptionalNotNull() @IsInt() @Min(1) @Max(5) scale?: number;
  @ApiPropertyOptional({ minimum: 0 }) @OptionalNotNull() @IsInt() @Min(0) @Max(9) option?: number;
  @ApiPropertyOptional({ type: [Number] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(9, { each: true })
  options?: number[];
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(2000) @NoControlChars() text?: string;
}

/** The attendee's answers (each replaces their earlier answer to that question). */
export class EvaluationAnswersDto {
  @ApiProperty({ type: [EvaluationAnswerDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvaluationAnswerDto)
  answers!: EvaluationAnswerDto[];
}
