import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { MeetingMarkEntity, RebookingEntity } from './eventday.entity';

/** The event-day feature's tables, as other features read and write them. */
@Injectable()
export class EventdayRepository {
  constructor(private readonly db: Db) {}

  // Read by the relationships (issue 15, item 4).

  /** Every mark on these meetings. */
  marksOf(requestIds: readonly string[], m: EntityManager = this.db.manager): Promise<MeetingMarkEntity[]> {
    return m.find(MeetingMarkEntity, { where: { requestId: In([...requestIds]) } });
  }

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
