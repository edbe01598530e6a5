import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegateEntity } from './delegate.entity';

/** The delegates feature's table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class DelegatesRepository {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  find(id: string, m: EntityManager = this.db.manager): Promise<DelegateEntity | null> {
    return m.findOne(DelegateEntity, { where: { id } });
  }

  /** These delegates (unknown ids are left out). */
  async byIds(ids: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    const unique = [...new Set(ids)];
    const out: DelegateEntity[] = [];
    for (let i = 0; i < unique.length; i += 500)
      out.push(...(await m.find(DelegateEntity, { where: { id: In(unique.slice(i, i + 500)) } })));
    return out;
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

  /** Every delegate of these clusters. */
  ofClusters(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<DelegateEntity[]> {
    if (!clusterIds.length) return Promise.resolve([]);
    return m.find(DelegateEntity, { where: { clusterId: In([...clusterIds]) } });
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
}

@Module({ providers: [DelegatesRepository], exports: [DelegatesRepository] })
export class DelegatesRepositoryModule {}
