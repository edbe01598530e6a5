import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { MeetingMarkEntity, RebookingEntity } from './eventday.entity';

/** The event-day feature's tables, as other features read and write them. */
@Injectable()
export class EventdayRepository {
  // Privacy (issue 17): the erasure.

  /**
   * Takes the person out of who marked meetings and who rebooked them, in the caller's transaction; how many rows
   * changed.
   */
  async scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return (
      (await scrubColumn(m, MeetingMarkEntity, 'id', 'markerName', s)) +
      (await scrubColumn(m, RebookingEntity, 'id', 'createdBy', s))
    );
  }
}

@Module({ providers: [EventdayRepository], exports: [EventdayRepository] })
export class EventdayRepositoryModule {}
