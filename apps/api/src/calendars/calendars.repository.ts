import { Injectable, Module } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { CalendarFeedEntity } from './calendar-feed.entity';

/** The calendars feature's feeds, as other features read and write them. */
@Injectable()
export class CalendarsRepository {
  constructor(private readonly db: Db) {}

  // Privacy (issue 17): the export and the erasure.

  /** The delegate's calendar feeds, oldest first. */
  feedsOf(delegateId: string, m: EntityManager = this.db.manager): Promise<CalendarFeedEntity[]> {
    return m.find(CalendarFeedEntity, { where: { delegateId }, order: { createdAt: 'ASC' } });
  }

  /** Revokes the delegate's feeds not yet revoked (their addresses answer 404), in the caller's transaction; how many. */
  async revokeFeedsOf(delegateId: string, now: string, m: EntityManager): Promise<number> {
    const r = await m.update(CalendarFeedEntity, { delegateId, revokedAt: IsNull() }, { revokedAt: now });
    return r.affected ?? 0;
  }
}

@Module({ providers: [CalendarsRepository], exports: [CalendarsRepository] })
export class CalendarsRepositoryModule {}
