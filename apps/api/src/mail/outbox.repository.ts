import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { OutboxMessageEntity } from './outbox-message.entity';

/** The mail feature's outbox table, as other features read and write it (besides `MailService`, which queues). */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  // Privacy (issue 17): the export and the erasure.

  /**
   * The outbox rows whose recipient holds the address (`"Name" <address>`, or the bare address, ignoring case),
   * oldest first. A recipient that only contains it in the name is among them too: the caller checks the address.
   */
  toAddress(email: string, m: EntityManager = this.db.manager): Promise<OutboxMessageEntity[]> {
    const address = email.toLowerCase();
    return m
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .where('lower(o.recipient) LIKE :e', { e: `%<${address}>%` })
      .orWhere('lower(o.recipient) = :a', { a: address })
      .orderBy('o.createdAt', 'ASC')
      .getMany();
  }

  /**
   * The outbox rows that may mention a person: the address in the recipient or the mail (ignoring case), the name
   * in the mail, or of one of these events (agendas list the attendees).
   */
  mentioning(
    email: string,
    name: string,
    eventIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<OutboxMessageEntity[]> {
    const events = [...eventIds];
    return m
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .where('lower(o.recipient) LIKE :e', { e: `%${email.toLowerCase()}%` })
      .orWhere('lower(o.mail) LIKE :e', { e: `%${email.toLowerCase()}%` })
      .orWhere('o.mail LIKE :n', { n: `%${name}%` })
      .orWhere(events.length ? 'o.eventId IN (:...events)' : '1 = 0', { events })
      .getMany();
  }

  /** Changes these columns of the row, in the caller's transaction. */
  async patch(
    id: string,
    patch: Partial<
      Pick<
        OutboxMessageEntity,
        'recipient' | 'subject' | 'mail' | 'lastError' | 'response' | 'status' | 'leaseOwner' | 'leaseUntil'
      >
    >,
    m: EntityManager,
  ): Promise<void> {
    await m.update(OutboxMessageEntity, { id }, patch);
  }
}

@Module({ providers: [OutboxRepository], exports: [OutboxRepository] })
export class OutboxRepositoryModule {}
