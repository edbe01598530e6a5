import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kinds of event-evaluation question: a 1-5 scale, one option, any options, free text. */
export const QUESTION_KINDS = ['scale', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A text in both languages of the product. */
export interface Bilingual {
  readonly en: string;
  readonly da: string;
}

/** One question of an event's evaluation survey, asked with the meeting feedback. */
@Entity('evaluation_question')
export class EvaluationQuestionEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('integer') position!: number;
  @Column('varchar', { length: 16 }) kind!: QuestionKind;
  @Column('text', { name: 'text_en' }) textEn!: string;
  @Column('text', { name: 'text_da' }) textDa!: string;
  /** The options of a choice question (empty for scale and text), a JSON list. */
  @Column('simple-json') options!: Bilingual[];
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/**
 * An attendee's answer to one question: a scale value (1-5), an option index, a list of option indexes, or a
 * text, as JSON.
 */
export type AnswerValue = number | readonly number[] | string;

@Entity('evaluation_answer')
export class EvaluationAnswerEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'question_id', length: 36 }) questionId!: string;
  @Column('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('simple-json') value!: AnswerValue;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
