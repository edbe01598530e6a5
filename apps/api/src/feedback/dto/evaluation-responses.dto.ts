import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_KINDS, type QuestionKind } from '../evaluation.entity';

export class BilingualResponse {
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: String }) da!: string;
}

export class EvaluationQuestionResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'QuestionKind' }) kind!: QuestionKind;
  @ApiProperty({ type: BilingualResponse }) text!: BilingualResponse;
  @ApiProperty({ type: [BilingualResponse] }) options!: BilingualResponse[];
}

/** An answer as given (one of the fields, by the question's kind). */
export class EvaluationAnswerResponse {
  @ApiProperty({ type: String }) questionId!: string;
  @ApiPropertyOptional({ type: Number }) scale?: number;
  @ApiPropertyOptional({ type: Number }) option?: number;
  @ApiPropertyOptional({ type: [Number] }) options?: number[];
  @ApiPropertyOptional({ type: String }) text?: string;
}

/** The questions, and for an attendee their own answers. */
export class EvaluationResponse {
  @ApiProperty({ type: [EvaluationQuestionResponse] }) questions!: EvaluationQuestionResponse[];
  @ApiProperty({ type: [EvaluationAnswerResponse], description: "The asking attendee's own answers (organisers: [])" })
  answers!: EvaluationAnswerResponse[];
}

/** How many answered with one value (a scale point or an option). */
export class ValueCountResponse {
  @ApiProperty({ type: BilingualResponse }) label!: BilingualResponse;
  @ApiProperty({ type: Number }) count!: number;
}

export class QuestionResultResponse extends EvaluationQuestionResponse {
  @ApiProperty({ type: Number, description: 'Attendees who answered this question' }) answered!: number;
  @ApiProperty({ type: [ValueCountResponse], description: 'Scale 1-5 or each option; empty for text' })
  counts!: ValueCountResponse[];
  @ApiProperty({ type: Number, nullable: true, description: 'Scale: the mean, else null' }) mean!: number | null;
  @ApiProperty({ type: [String], description: 'Text: the answers, oldest first' }) texts!: string[];
}

/** The organiser's results of the evaluation survey. */
export class EvaluationResultsResponse {
  @ApiProperty({ type: Number, description: 'Attendees of the published schedule' }) attendees!: number;
  @ApiProperty({ type: Number, description: 'Attendees who answered at least one question' }) respondents!: number;
  @ApiProperty({ type: [QuestionResultResponse] }) questions!: QuestionResultResponse[];
}
