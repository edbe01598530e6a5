import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { likePattern } from '../common/like-pattern';
import { joinTerm } from '../taxonomy/taxonomy-queries';
import { ClusterEntity, ClusterTermEntity, ParticipationEntity } from './cluster.entity';
import { readInBatches } from '../database/in-batches';

/**
 * The clusters feature's tables, as other features read them (and relink them when the taxonomy merges two terms).
 * Pass the caller's transaction manager to read inside it.
 */
@Injectable()
export class ClustersRepository {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  // Read by the participants page, the reports, the segments and the relationships (issue 15, item 4).

  /**
   * The organisation's clusters that do not take part in the event whose name or country contains every word (at
   * most 8 words, ignoring case), by name: the first `limit` and how many there are.
   */
  async notTakingPart(
    organisationId: string,
    eventId: string,
    words: readonly string[],
    limit: number,
    m: EntityManager = this.db.manager,
  ): Promise<{ total: number; rows: ClusterEntity[] }> {
    const qb = m
      .createQueryBuilder(ClusterEntity, 'c')
      .where('c.organisationId = :org', { org: organisationId })
      .andWhere('NOT EXISTS (SELECT 1 FROM participation p WHERE p.cluster_id = c.id AND p.event_id = :eventId)', {
        eventId,
      });
    words.slice(0, 8).forEach((w, i) =>
      qb.andWhere(`(LOWER(c.name) LIKE :w${i} ESCAPE '\\' OR LOWER(c.country) LIKE :w${i} ESCAPE '\\')`, {
        [`w${i}`]: likePattern(w),
      }),
    );
    const total = await qb.getCount();
    const rows = await qb.orderBy('c.name', 'ASC').take(limit).getMany();
    return { total, rows };
  }

  /** The ids of the clusters linked to the taxonomy term. */
  async withTerm(termId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(ClusterTermEntity, { where: { termId } })).map((ct) => ct.clusterId);
  }

  /** Which clusters take part in these events. */
  participationsOfEvents(
    eventIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<ParticipationEntity[]> {
    return m.find(ParticipationEntity, { where: { eventId: In([...eventIds]) } });
  }

  /** Which of these clusters take part in which events (500 clusters a statement). */
  async participationsOf(
    clusterIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Pick<ParticipationEntity, 'clusterId' | 'eventId'>[]> {
    return readInBatches(clusterIds, (batch) => m.find(ParticipationEntity, { where: { clusterId: In(batch) } }));
  }

  /**
   * The taxonomy terms of these clusters (kind and name), by name; one statement joining the term table per 500
   * clusters.
   */
  async termsOf(
    clusterIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<{ cluster_id: string; kind: string; name: string }[]> {
    return readInBatches(clusterIds, (batch) =>
      joinTerm(m.createQueryBuilder(ClusterTermEntity, 'ct'), 't', 't.id = ct.termId')
        .select(['ct.clusterId AS cluster_id', 't.kind AS kind', 't.name AS name'])
        .where({ clusterId: In(batch) })
        .orderBy('t.name', 'ASC')
        .getRawMany<{ cluster_id: string; kind: string; name: string }>(),
    );
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<ClusterEntity | null> {
    return m.findOne(ClusterEntity, { where: { id } });
  }

  /** The ids of the clusters taking part in the event. */
  async participantIds(eventId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(ParticipationEntity, { where: { eventId }, select: { clusterId: true } })).map(
      (p) => p.clusterId,
    );
  }

  /** Whether the cluster takes part in the event. */
  async takesPart(eventId: string, clusterId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return (await m.findOne(ParticipationEntity, { where: { eventId, clusterId } })) !== null;
  }

  /**
   * Adds the clusters to the event's participants (200 rows a statement, not one round trip each: 150 clusters on
   * PostgreSQL took 1.3 s one by one, 0.4 s so).
   */
  async addParticipants(
    eventId: string,
    clusterIds: readonly string[],
    createdAt: string,
    m: EntityManager,
  ): Promise<void> {
    for (let i = 0; i < clusterIds.length; i += 200)
      await m.insert(
        ParticipationEntity,
        clusterIds.slice(i, i + 200).map((clusterId) => ({ id: randomUUID(), eventId, clusterId, createdAt })),
      );
  }

  /**
   * How many clusters use each taxonomy term (or only `termId`), by term id; terms no cluster uses are left out.
   */
  async termUsage(m: EntityManager = this.db.manager, termId?: string): Promise<Map<string, number>> {
    const qb = m
      .createQueryBuilder(ClusterTermEntity, 'ct')
      .select('ct.termId', 'termId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('ct.termId');
    if (termId !== undefined) qb.where('ct.termId = :termId', { termId });
    const counts = await qb.getRawMany<{ termId: string; n: string | number }>();
    return new Map(counts.map((c) => [c.termId, Number(c.n)]));
  }

  /**
   * The taxonomy's term merge: every cluster linked to `fromTermId` is linked to `intoTermId` instead; a cluster that
   * had both keeps one link. Run it in the merge's transaction.
   */
  async relinkTerm(
    fromTermId: string,
    intoTermId: string,
    m: EntityManager,
  ): Promise<{ moved: number; hadBoth: number }> {
    const moving = (await m.find(ClusterTermEntity, { where: { termId: fromTermId } })).map((l) => l.clusterId);
    const both = new Set(
      (await m.find(ClusterTermEntity, { where: { termId: intoTermId } }))
        .map((l) => l.clusterId)
        .filter((c) => moving.includes(c)),
    );
    for (let i = 0; i < moving.length; i += 500) {
      const chunk = moving.slice(i, i + 500);
      const dup = chunk.filter((c) => both.has(c));
      const move = chunk.filter((c) => !both.has(c));
      if (dup.length) await m.delete(ClusterTermEntity, { termId: fromTermId, clusterId: In(dup) });
      if (move.length)
        await m.update(ClusterTermEntity, { termId: fromTermId, clusterId: In(move) }, { termId: intoTermId });
    }
    return { moved: moving.length - both.size, hadBoth: both.size };
  }

  /**
   * Overwrites a cluster's profile columns and its terms (an import of a known cluster), in the caller's transaction.
   */
  async overwrite(
    id: string,
    columns: Partial<ClusterEntity>,
    termIds: readonly string[],
    updatedAt: string,
    m: EntityManager,
  ): Promise<void> {
    await m.update(ClusterEntity, { id }, { ...columns, updatedAt });
    await m.delete(ClusterTermEntity, { clusterId: id });
    if (termIds.length)
      await m.insert(
        ClusterTermEntity,
        termIds.map((termId) => ({ clusterId: id, termId })),
      );
  }

  /** The organisation's clusters. */
  ofOrganisation(organisationId: string, m: EntityManager = this.db.manager): Promise<ClusterEntity[]> {
    return m.find(ClusterEntity, { where: { organisationId } });
  }

  /** Every participation (which cluster takes part in which event). */
  allParticipations(m: EntityManager = this.db.manager): Promise<Pick<ParticipationEntity, 'clusterId' | 'eventId'>[]> {
    return m.find(ParticipationEntity, { select: { id: true, clusterId: true, eventId: true } });
  }

  /** These clusters (unknown ids are left out). */
  async byIds(ids: readonly string[], m: EntityManager = this.db.manager): Promise<ClusterEntity[]> {
    return readInBatches(ids, (batch) => m.find(ClusterEntity, { where: { id: In(batch) } }));
  }

  /** The names of these clusters, by id (unknown ids are left out). */
  async names(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await readInBatches(ids, (batch) =>
      m.find(ClusterEntity, { where: { id: In(batch) }, select: { id: true, name: true } }),
    );
    return new Map(rows.map((c) => [c.id, c.name]));
  }

  /** The countries of these clusters (ISO codes), by id (unknown ids are left out). */
  async countries(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await readInBatches(ids, (batch) =>
      m.find(ClusterEntity, { where: { id: In(batch) }, select: { id: true, country: true } }),
    );
    return new Map(rows.map((c) => [c.id, c.country]));
  }

  /**
   * A cluster's name and country (null if there is no such cluster), read outside any transaction through the read
   * cache (read again after any write of the cluster table).
   */
  briefNow(id: string): Promise<Readonly<{ name: string; country: string }> | null> {
    return this.cache.get(`cluster-brief:${id}`, ['cluster'], async () => {
      const c = await this.db.manager.findOne(ClusterEntity, {
        where: { id },
        select: { id: true, name: true, country: true },
      });
      return c ? { name: c.name, country: c.country } : null;
    });
  }

  // Privacy (issue 17): the export and the erasure.

  /** The ids of the events the cluster takes part in. */
  async eventIdsOf(clusterId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(ParticipationEntity, { where: { clusterId } })).map((x) => x.eventId);
  }
}

@Module({ providers: [ClustersRepository], exports: [ClustersRepository] })
export class ClustersRepositoryModule {}
