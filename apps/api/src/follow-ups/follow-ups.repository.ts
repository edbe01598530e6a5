import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { FollowUpAnswerEntity } from './follow-up.entity';

/** The follow-ups feature's tables, as other features read and write them. */
@Injectable()
export class FollowUpsRepository {
  // Privacy (issue 17): the erasure.

  /** Takes the person out of the follow-up answers' notes, in the caller's transaction; how many rows changed. */
  scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return scrubColumn(m, FollowUpAnswerEntity, 'id', 'note', s);
  }

  /** Empties the notes of the answers the delegate gave, in the caller's transaction; how many rows. */
  async eraseOwnNotesOf(delegateId: string, m: EntityManager): Promise<number> {
    return (await m.update(FollowUpAnswerEntity, { answeredBy: delegateId }, { note: '' })).affected ?? 0;
  }
}

@Module({ providers: [FollowUpsRepository], exports: [FollowUpsRepository] })
export class FollowUpsRepositoryModule {}
