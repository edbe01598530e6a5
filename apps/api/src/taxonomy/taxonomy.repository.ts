import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { TaxonomyTermEntity, type TermKind } from './taxonomy-term.entity';

/** The taxonomy's terms, as other features read them (the imports match a file's terms against them). */
@Injectable()
export class TaxonomyRepository {
  constructor(private readonly db: Db) {}

  // Read by the comms segments (issue 15, item 4).

  /** The term `id` if it is of `kind`; null otherwise. */
  term(id: string, kind: TermKind, m: EntityManager = this.db.manager): Promise<TaxonomyTermEntity | null> {
    return m.findOne(TaxonomyTermEntity, { where: { id, kind } });
  }

  /** Every term (`byName`: ordered by name). */
  all(byName = false, m: EntityManager = this.db.manager): Promise<TaxonomyTermEntity[]> {
    return m.find(TaxonomyTermEntity, byName ? { order: { name: 'ASC' } } : {});
  }
}

@Module({ providers: [TaxonomyRepository], exports: [TaxonomyRepository] })
export class TaxonomyRepositoryModule {}
