import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { badField, conflict, forbidden, unprocessable, type FieldError } from '../common/errors';
import { Db } from '../database/db.service';
import type { EvaluationAnswersDto, EvaluationQuestionsDto } from './evaluation.dto';
import {
  EvaluationAnswerEntity,
  EvaluationQuestionEntity,
  type AnswerValue,
  type Bilingual,
} from './evaluation.entity';
import type {
  EvaluationAnswerResponse,
  EvaluationQuestionResponse,
  EvaluationResponse,
  EvaluationResultsResponse,
  QuestionResultResponse,
} from './dto/evaluation-responses.dto';
import { FeedbackService } from './feedback.service';

const SCALE: readonly Bilingual[] = [1, 2, 3, 4, 5].map((n) => ({ en: String(n), da: String(n) }));

function question(q: EvaluationQuestionEntity): EvaluationQuestionResponse {
  return { id: q.id, kind: q.kind, text: { en: q.textEn, da: q.textDa }, options: q.options };
}

function answer(a: EvaluationAnswerEntity, q: EvaluationQuestionEntity | undefined): EvaluationAnswerResponse {
  const v = a.value;
  switch (q?.kind) {
    case 'scale':
      return { questionId: a.questionId, scale: Number(v) };
    case 'single':
      return { questionId: a.questionId, option: Number(v) };
    case 'multiple':
      return { questionId: a.questionId, options: Array.isArray(v) ? [...v] : [] };
    default:
      return { questionId: a.questionId, text: String(v) };
  }
}

/**
 * The event-evaluation survey (issue 11, part 2): the organiser's questions about the event itself, in English
 * and Danish, answered by the attendees on the feedback page (sent with the feedback mail) while the feedback
 * survey is open; results per question for organisers only.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly db: Db,
    private readonly feedback: FeedbackService,
  ) {}

  private questions(eventId: string): Promise<EvaluationQuestionEntity[]> {
    return this.db.manager.find(EvaluationQuestionEntity, { where: { eventId }, order: { position: 'ASC' } });
  }

  /** The questions; a delegate also gets their own answers. */
  async get(eventId: string, p: Principal): Promise<EvaluationResponse> {
    await this.feedback.assertCanRead(eventId, p);
    const qs = await this.questions(eventId);
    if (p.kind !== 'delegate') return { questions: qs.map(question), answers: [] };
    const byId = new Map(qs.map((q) => [q.id, q]));
    const mine = await this.db.manager.find(EvaluationAnswerEntity, { where: { eventId, delegateId: p.delegateId } });
    return { questions: qs.map(question), answers: mine.map((a) => answer(a, byId.get(a.questionId))) };
  }

  /** Replaces the questions. 409 once anyone has answered; 422 naming the field for options that do not fit. */
  async setQuestions(eventId: string, dto: EvaluationQuestionsDto, p: Principal): Promise<EvaluationResponse> {
    await this.feedback.assertCanRead(eventId, p);
    const errors: FieldError[] = [];
    dto.questions.forEach((q, i) => {
      const n = q.options?.length ?? 0;
      const choice = q.kind === 'single' || q.kind === 'multiple';
      if (choice && n < 2) errors.push({ path: `questions[${i}].options`, message: 'needs 2 to 10 options' });
      if (!choice && n > 0)
        errors.push({ path: `questions[${i}].options`, message: `must be left out for a ${q.kind} question` });
    });
    if (errors.length) throw unprocessable(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    await this.db.transaction(async (m) => {
      if ((await m.count(EvaluationAnswerEntity, { where: { eventId } })) > 0)
        throw conflict('Attendees have answered the evaluation: its questions can no longer change');
      await m.delete(EvaluationQuestionEntity, { eventId });
      const now = new Date().toISOString();
      for (const [i, q] of dto.questions.entries())
        await m.insert(EvaluationQuestionEntity, {
          id: randomUUID(),
          eventId,
          position: i,
          kind: q.kind,
          textEn: q.text.en,
          textDa: q.text.da,
          options: (q.options ?? []).map((o) => ({ en: o.en, da: o.da })),
          createdAt: now,
        });
    });
    return this.get(eventId, p);
  }

  /**
   * An attendee's answers (each replaces their earlier answer to that question), while the feedback survey is
   * open. 403 for a delegate without a meeting in the published schedule, 409 when the survey is not open,
   * 422 naming `answers[i].<field>` for an answer that does not fit its question.
   */
  async answer(
    eventId: string,
    dto: EvaluationAnswersDto,
    p: Principal,
    now = new Date(),
  ): Promise<EvaluationResponse> {
    if (p.kind !== 'delegate') throw forbidden('Only attendees answer the evaluation');
    await this.feedback.assertCanRead(eventId, p);
    const qs = new Map((await this.questions(eventId)).map((q) => [q.id, q]));
    const values: { questionId: string; value: AnswerValue }[] = dto.answers.map((a, i) => {
      const q = qs.get(a.questionId);
      if (!q) throw badField(`answers[${i}].questionId`, 'is not a question of this event');
      const given = (['scale', 'option', 'options', 'text'] as const).filter((k) => a[k] !== undefined);
      const field = { scale: 'scale', single: 'option', multiple: 'options', text: 'text' }[q.kind];
      if (given.length !== 1 || given[0] !== field)
        throw badField(`answers[${i}].${field}`, `a ${q.kind} question is answered with ${field} alone`);
      if (q.kind === 'single' && (a.option ?? 0) >= q.options.length)
        throw badField(`answers[${i}].option`, `must be an option index below ${q.options.length}`);
      if (q.kind === 'multiple') {
        const picked = a.options ?? [];
        if (picked.some((o) => o >= q.options.length) || new Set(picked).size !== picked.length)
          throw badField(`answers[${i}].options`, `must be distinct option indexes below ${q.options.length}`);
        return { questionId: q.id, value: [...picked].sort((x, y) => x - y) };
      }
      return { questionId: q.id, value: q.kind === 'text' ? (a.text ?? '') : (a.scale ?? a.option ?? 0) };
    });
    await this.db.transaction(async (m) => {
      if (!(await this.feedback.attendees(eventId, m)).has(p.delegateId))
        throw forbidden('Only attendees of the published schedule answer the evaluation');
      const state = await this.feedback.state(eventId, m, now);
      if (state !== 'open')
        throw conflict(`The feedback survey of event ${eventId} is ${state}: answers cannot change`);
      const existing = await m.find(EvaluationAnswerEntity, {
        where: { delegateId: p.delegateId, questionId: In(values.map((v) => v.questionId).concat([''])) },
      });
      const byQuestion = new Map(existing.map((e) => [e.questionId, e]));
      for (const v of values) {
        const old = byQuestion.get(v.questionId);
        if (old)
          await m.update(EvaluationAnswerEntity, { id: old.id }, { value: v.value, updatedAt: now.toISOString() });
        else
          await m.insert(EvaluationAnswerEntity, {
            id: randomUUID(),
            eventId,
            questionId: v.questionId,
            delegateId: p.delegateId,
            clusterId: p.clusterId,
            value: v.value,
            updatedAt: now.toISOString(),
          });
      }
    });
    return this.get(eventId, p);
  }

  /** Per question: how many answered, the counts per scale point or option, the scale's mean, the texts. */
  async results(eventId: string, p: Principal): Promise<EvaluationResultsResponse> {
    await this.feedback.assertCanRead(eventId, p);
    const qs = await this.questions(eventId);
    const all = await this.db.manager.find(EvaluationAnswerEntity, { where: { eventId }, order: { updatedAt: 'ASC' } });
    const questions: QuestionResultResponse[] = qs.map((q) => {
      const mine = all.filter((a) => a.questionId === q.id);
      const labels = q.kind === 'scale' ? SCALE : q.kind === 'text' ? [] : q.options;
      const counts = labels.map((label, i) => ({
        label,
        count: mine.filter((a) =>
          q.kind === 'multiple'
            ? Array.isArray(a.value) && a.value.includes(i)
            : Number(a.value) === (q.kind === 'scale' ? i + 1 : i),
        ).length,
      }));
      const mean =
        q.kind === 'scale' && mine.length > 0 ? mine.reduce((s, a) => s + Number(a.value), 0) / mine.length : null;
      return {
        ...question(q),
        answered: mine.length,
        counts,
        mean: mean === null ? null : Math.round(mean * 100) / 100,
        texts: q.kind === 'text' ? mine.map((a) => String(a.value)).filter((t) => t.trim() !== '') : [],
      };
    });
    return {
      attendees: (await this.feedback.attendees(eventId)).size,
      respondents: new Set(all.map((a) => a.delegateId)).size,
      questions,
    };
  }
}
