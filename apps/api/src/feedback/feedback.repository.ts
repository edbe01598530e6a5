import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { EvaluationAnswerEntity } from './evaluation.entity';
import { MeetingFeedbackEntity } from './feedback.entity';

/** The feedback feature's tables (meeting feedback, evaluation answers), as other features read and write them. */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  // Read by the reports and the relationships (issue 15, item 4).

  /** Every answer about the meetings of these events. */
  ofEvents(eventIds: readonly string[], m: EntityManager = this.db.manager): Promise<MeetingFeedbackEntity[]> {
    return m.find(MeetingFeedbackEntity, { where: { eventId: In([...eventIds]) } });
  }

  /** What the cluster's own attendees answered about these meetings. */
  ofClusterAbout(
    clusterId: string,
    requestIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<MeetingFeedbackEntity[]> {
    return m.find(MeetingFeedbackEntity, { where: { clusterId, requestId: In([...requestIds]) } });
  }

  // Privacy (issue 17): the export and the erasure.

  /** The delegate's feedback on meetings, oldest first. */
  feedbackOf(delegateId: string, m: EntityManager = this.db.manager): Promise<MeetingFeedbackEntity[]> {
    return m.find(MeetingFeedbackEntity, { where: { delegateId }, order: { createdAt: 'ASC' } });
  }

  /** The delegate's answers to evaluation questions. */
  evaluationAnswersOf(delegateId: string, m: EntityManager = this.db.manager): Promise<EvaluationAnswerEntity[]> {
    return m.find(EvaluationAnswerEntity, { where: { delegateId } });
  }

  /**
   * Takes the person out of the feedback notes and the text answers of evaluations, in the caller's transaction; how
   * many rows changed.
   */
  async scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return (
      (await scrubColumn(m, MeetingFeedbackEntity, 'id', 'note', s)) +
      (await scrubColumn(m, EvaluationAnswerEntity, 'id', 'value', s))
    );
  }

  /**
   * Empties the delegate's own feedback notes and text answers, in the caller's transaction; how many rows (every
   * feedback row of theirs, and each text answer that was not empty).
   */
  async eraseOwnTextsOf(delegateId: string, m: EntityManager): Promise<number> {
    let changed = (await m.update(MeetingFeedbackEntity, { delegateId }, { note: '' })).affected ?? 0;
    for (const a of await m.find(EvaluationAnswerEntity, { where: { delegateId } }))
      if (typeof a.value === 'string' && a.value !== '') {
        await m.update(EvaluationAnswerEntity, { id: a.id }, { value: '' });
        changed++;
      }
    return changed;
  }
}

@Module({ providers: [FeedbackRepository], exports: [FeedbackRepository] })
export class FeedbackRepositoryModule {}
