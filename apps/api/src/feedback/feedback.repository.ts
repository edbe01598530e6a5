import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { MeetingFeedbackEntity } from './feedback.entity';

/** The feedback feature's answers, as other features read them. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  /** What the attendees of `clusterId` answered about these meetings (request ids). */
  async ofCluster(
    clusterId: string,
    requestIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<MeetingFeedbackEntity[]> {
    const unique = [...new Set(requestIds)];
    const out: MeetingFeedbackEntity[] = [];
    for (let i = 0; i < unique.length; i += 500)
      out.push(
        ...(await m.find(MeetingFeedbackEntity, { where: { clusterId, requestId: In(unique.slice(i, i + 500)) } })),
      );
    return out;
  }
}

/** Lets the follow-ups and reports read the answers without the feedback module (which imports theirs). */
@Module({ providers: [FeedbackRepository], exports: [FeedbackRepository] })
export class FeedbackRepositoryModule {}
