import { Injectable, Module } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegateEntity, UnavailabilityEntity } from './delegate.entity';
import { readInBatches } from '../database/in-batches';

/** The delegates feature's table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class DelegatesRepository {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  // Read by the participants page (issue 15, item 4).

  /** Those of these delegates that belong to the cluster. */
  ofClusterAmong(
    clusterId: string,
    ids: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<DelegateEntity[]> {
    return m.findBy(DelegateEntity, { id: In([...ids]), clusterId });
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<DelegateEntity | null> {
    return m.findOne(DelegateEntity, { where: { id } });
  }

  /** These delegates (unknown ids are left out). */
  async byIds(ids: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    return readInBatches(ids, (batch) => m.find(DelegateEntity, { where: { id: In(batch) } }));
  }

  /** The names of these delegates, by id (unknown ids are left out). */
  async names(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await readInBatches(ids, (batch) =>
      m.find(DelegateEntity, { where: { id: In(batch) }, select: { id: true, name: true } }),
    );
    return new Map(rows.map((d) => [d.id, d.name]));
  }

  /** The delegate with this e-mail address, ignoring case; null when there is none. */
  byEmail(email: string, m: EntityManager = this.db.manager): Promise<DelegateEntity | null> {
    return m
      .createQueryBuilder(DelegateEntity, 'd')
      .where('LOWER(d.email) = :email', { email: email.toLowerCase() })
      .getOne();
  }

  /** Every delegate with this e-mail address, ignoring case. */
  withEmail(email: string, m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    return m
      .createQueryBuilder(DelegateEntity, 'd')
      .where('LOWER(d.email) = :email', { email: email.toLowerCase() })
      .getMany();
  }

  /** The delegate whose stored (lower-case) e-mail address is exactly `email`; null when there is none. */
  byStoredEmail(email: string, m: EntityManager = this.db.manager): Promise<DelegateEntity | null> {
    return m.findOneBy(DelegateEntity, { email });
  }

  /**
   * What a delegate's token is checked against on every request: the cluster, the erasure and the language; null when
   * there is no such delegate.
   */
  tokenState(
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<Pick<DelegateEntity, 'id' | 'clusterId' | 'erasedAt' | 'language'> | null> {
    return m.findOne(DelegateEntity, {
      where: { id },
      select: { id: true, clusterId: true, erasedAt: true, language: true },
    });
  }

  /**
   * Locks the delegate's row until the end of the caller's transaction (PostgreSQL; SQLite's transactions run one at
   * a time anyway), so two transactions for the same person run one after the other.
   */
  async lock(id: string, m: EntityManager): Promise<void> {
    if (m.connection.options.type === 'postgres')
      await m.findOne(DelegateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Notes that the delegate signed in (the participants page shows when each delegate last did). */
  async signedIn(id: string, at: string, m: EntityManager): Promise<void> {
    await m.update(DelegateEntity, { id }, { lastSignInAt: at });
  }

  /** Changes the delegate's e-mail address (an invitation to the new address was followed). */
  async setEmail(id: string, email: string, m: EntityManager): Promise<void> {
    await m.update(DelegateEntity, { id }, { email });
  }

  /** Adds a delegate (one who followed an invitation to join a cluster). */
  async insert(d: DelegateEntity, m: EntityManager): Promise<void> {
    await m.insert(DelegateEntity, d);
  }

  /** How many delegates of these clusters are not erased. */
  countActiveOfClusters(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<number> {
    if (!clusterIds.length) return Promise.resolve(0);
    return m.count(DelegateEntity, { where: { clusterId: In([...clusterIds]), erasedAt: IsNull() } });
  }

  /** The delegates of these clusters who are not erased, by id. */
  activeOfClusters(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    if (!clusterIds.length) return Promise.resolve([]);
    return m.find(DelegateEntity, {
      where: { clusterId: In([...clusterIds]), erasedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  /** Sets whether the delegate is listed on their cluster's profile in the directory. */
  async setDirectoryVisible(id: string, visible: boolean, m: EntityManager): Promise<void> {
    await m.update(DelegateEntity, { id }, { directoryVisible: visible });
  }

  /** The delegates of these clusters who chose to be listed in the directory and are not erased: name and role. */
  listedOfClusters(
    clusterIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Pick<DelegateEntity, 'clusterId' | 'name' | 'role'>[]> {
    if (!clusterIds.length) return Promise.resolve([]);
    return m.find(DelegateEntity, {
      where: { clusterId: In([...clusterIds]), directoryVisible: true, erasedAt: IsNull() },
      select: { clusterId: true, name: true, role: true },
      order: { name: 'ASC' },
    });
  }

  /** Every delegate of these clusters, by name. */
  ofClustersByName(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    if (!clusterIds.length) return Promise.resolve([]);
    return m.find(DelegateEntity, { where: { clusterId: In([...clusterIds]) }, order: { name: 'ASC' } });
  }

  /** Every delegate. */
  all(m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    return m.find(DelegateEntity);
  }

  /** Changes a delegate's name and role (an import of a known address). */
  async rename(id: string, name: string, role: string, m: EntityManager): Promise<void> {
    await m.update(DelegateEntity, { id }, { name, role });
  }

  /** Sets the language of the delegate with this (stored, lower-case) e-mail: an import's language column. */
  async setLanguageByStoredEmail(email: string, language: 'en' | 'da', m: EntityManager): Promise<void> {
    await m.update(DelegateEntity, { email }, { language });
  }

  /** Every delegate of these clusters. */
  async ofClusters(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    return readInBatches(clusterIds, (batch) => m.find(DelegateEntity, { where: { clusterId: In(batch) } }));
  }

  /** The slots of the event in which each delegate cannot meet (one row per delegate and slot). */
  unavailabilityOfEvent(eventId: string, m: EntityManager = this.db.manager): Promise<UnavailabilityEntity[]> {
    return m.find(UnavailabilityEntity, { where: { eventId } });
  }

  /**
   * Every delegate of a cluster, read outside any transaction through the read cache (read again after any write
   * of the delegate table). The rows are shared: callers never change them.
   */
  ofClusterNow(clusterId: string): Promise<readonly DelegateEntity[]> {
    return this.cache.get(`delegates-of-cluster:${clusterId}`, ['delegate'], () =>
      this.db.manager.find(DelegateEntity, { where: { clusterId } }),
    );
  }

  // Privacy (issue 17): the export and the erasure.

  /** The ids of the slots in which the delegate cannot meet. */
  async unavailableSlotIdsOf(delegateId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(UnavailabilityEntity, { where: { delegateId } })).map((u) => u.slotId);
  }

  /** Deletes the delegate's unavailability, in the caller's transaction. */
  async deleteUnavailabilityOf(delegateId: string, m: EntityManager): Promise<void> {
    await m.delete(UnavailabilityEntity, { delegateId });
  }

  /**
   * Erases the delegate's row: the name and address become the replacements, role and needs are emptied, the
   * directory no longer lists them, and `erasedAt` is set; in the caller's transaction. The row stays for the
   * meetings and figures that count them.
   */
  async anonymise(id: string, name: string, email: string, erasedAt: string, m: EntityManager): Promise<void> {
    await m.update(
      DelegateEntity,
      { id },
      { name: name.slice(0, 200), email, role: '', needs: '[]', erasedAt, directoryVisible: false },
    );
  }
}

@Module({ providers: [DelegatesRepository], exports: [DelegatesRepository] })
export class DelegatesRepositoryModule {}
