import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { OrganisationEntity } from './organisation.entity';

/** The organisations' table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  find(id: string, m: EntityManager = this.db.manager): Promise<OrganisationEntity | null> {
    return m.findOneBy(OrganisationEntity, { id });
  }
}

@Module({ providers: [OrganisationsRepository], exports: [OrganisationsRepository] })
export class OrganisationsRepositoryModule {}
