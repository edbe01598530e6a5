import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { ClusterEntity } from './cluster.entity';

/** The clusters feature's table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class ClustersRepository {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  find(id: string, m: EntityManager = this.db.manager): Promise<ClusterEntity | null> {
    return m.findOne(ClusterEntity, { where: { id } });
  }

  /** The names of these clusters, by id (unknown ids are left out). */
  async names(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500)
      for (const c of await m.find(ClusterEntity, {
        where: { id: In(unique.slice(i, i + 500)) },
        select: { id: true, name: true },
      }))
        out.set(c.id, c.name);
    return out;
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
}

@Module({ providers: [ClustersRepository], exports: [ClustersRepository] })
export class ClustersRepositoryModule {}
