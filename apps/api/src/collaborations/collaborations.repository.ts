import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { CollaborationEntity } from './collaboration.entity';

/** The collaborations feature's tables, as other features read and write them. */
@Injectable()
export class CollaborationsRepository {
  // Privacy (issue 17): the erasure.

  /** Takes the person out of the collaborations' titles, in the caller's transaction; how many rows changed. */
  scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return scrubColumn(m, CollaborationEntity, 'id', 'title', s);
  }
}

@Module({ providers: [CollaborationsRepository], exports: [CollaborationsRepository] })
export class CollaborationsRepositoryModule {}
