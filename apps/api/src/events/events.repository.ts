import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { EventEntity } from './event.entity';

/** The events feature's table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  find(id: string, m: EntityManager = this.db.manager): Promise<EventEntity | null> {
    return m.findOne(EventEntity, { where: { id } });
  }

  /** The event; 404 when there is none. */
  async get(id: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    const event = await m.findOne(EventEntity, { where: { id } });
    if (!event) throw notFound('Event', id);
    return event;
  }
}

@Module({ providers: [EventsRepository], exports: [EventsRepository] })
export class EventsRepositoryModule {}
