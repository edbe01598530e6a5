import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { TaxonomyTermEntity } from './taxonomy-term.entity';

/** The taxonomy's terms, as other features read them (the imports match a file's terms against them). */
@Injectable()
export class TaxonomyRepository {
  constructor(private readonly db: Db) {}

  /** Every term (`byName`: ordered by name). */
  all(byName = false, m: EntityManager = this.db.manager): Promise<TaxonomyTermEntity[]> {
    return m.find(TaxonomyTermEntity, byName ? { order: { name: 'ASC' } } : {});
  }
}

@Module({ providers: [TaxonomyRepository], exports: [TaxonomyRepository] })
export class TaxonomyRepositoryModule {}
