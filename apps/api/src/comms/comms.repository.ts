import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { ContactPreferenceEntity, MailingEntity } from './comms.entity';

/** The comms feature's tables, as other features read and write them. */
@Injectable()
export class CommsRepository {
  constructor(private readonly db: Db) {}

  // Privacy (issue 17): the export and the erasure.

  /** The delegate's unsubscribe and bounce record; null when there is none. */
  contactPreferenceOf(delegateId: string, m: EntityManager = this.db.manager): Promise<ContactPreferenceEntity | null> {
    return m.findOneBy(ContactPreferenceEntity, { delegateId });
  }

  /** Deletes the delegate's unsubscribe and bounce record, in the caller's transaction. */
  async deleteContactPreferenceOf(delegateId: string, m: EntityManager): Promise<void> {
    await m.delete(ContactPreferenceEntity, { delegateId });
  }

  /** Takes the person out of the mailings' subjects and bodies, in the caller's transaction; how many rows changed. */
  async scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return (
      (await scrubColumn(m, MailingEntity, 'id', 'subject', s)) + (await scrubColumn(m, MailingEntity, 'id', 'body', s))
    );
  }
}

@Module({ providers: [CommsRepository], exports: [CommsRepository] })
export class CommsRepositoryModule {}
