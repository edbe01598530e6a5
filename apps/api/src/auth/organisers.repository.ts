import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { OrganiserEntity } from './organiser.entity';

/** The organisers' table, as other features read it. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class OrganisersRepository {
  constructor(private readonly db: Db) {}

  /** The organiser with this (lower-case) e-mail address; null when there is none. */
  byEmail(email: string, m: EntityManager = this.db.manager): Promise<OrganiserEntity | null> {
    return m.findOne(OrganiserEntity, { where: { email } });
  }
}

@Module({ providers: [OrganisersRepository], exports: [OrganisersRepository] })
export class OrganisersRepositoryModule {}
