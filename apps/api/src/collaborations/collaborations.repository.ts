import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { joinCluster } from '../clusters/cluster-queries';
import { Db } from '../database/db.service';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { CollaborationEntity, CollaborationPartnerEntity } from './collaboration.entity';

/** The collaborations feature's tables, as other features read and write them. */
@Injectable()
export class CollaborationsRepository {
  constructor(private readonly db: Db) {}

  // Read by the reports (issue 15, item 4).

  /** Every collaboration. */
  all(m: EntityManager = this.db.manager): Promise<CollaborationEntity[]> {
    return m.find(CollaborationEntity);
  }

  /** The collaborations launched at these events. */
  ofEvents(eventIds: readonly string[], m: EntityManager = this.db.manager): Promise<CollaborationEntity[]> {
    return m.find(CollaborationEntity, { where: { eventId: In([...eventIds]) } });
  }

  /** The partners of these collaborations. */
  partnersOf(
    collaborationIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<CollaborationPartnerEntity[]> {
    return m.find(CollaborationPartnerEntity, { where: { collaborationId: In([...collaborationIds]) } });
  }

  /**
   * Those of these collaborations with a partner cluster of the organisation (one statement joining the cluster),
   * as ids; once for each such partner.
   */
  async withPartnerOf(
    collaborationIds: readonly string[],
    organisationId: string,
    m: EntityManager = this.db.manager,
  ): Promise<string[]> {
    const rows = await joinCluster(m.createQueryBuilder(CollaborationPartnerEntity, 'x'), 'c', 'c.id = x.clusterId')
      .select('x.collaborationId', 'id')
      .where('x.collaborationId IN (:...ids)', { ids: [...collaborationIds] })
      .andWhere('c.organisationId = :org', { org: organisationId })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  // Privacy (issue 17): the erasure.

  /** Takes the person out of the collaborations' titles, in the caller's transaction; how many rows changed. */
  scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return scrubColumn(m, CollaborationEntity, 'id', 'title', s);
  }
}

@Module({ providers: [CollaborationsRepository], exports: [CollaborationsRepository] })
export class CollaborationsRepositoryModule {}
