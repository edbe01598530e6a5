import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { In, type EntityManager } from 'typeorm';
import { nowIso } from '../common/clock';
import { conflict } from '../common/errors';
import { Db } from '../database/db.service';
import type { OrganiserRole } from '../organisations/organisation.entity';
import { OrganiserEntity } from './organiser.entity';

export interface NewOrganiser {
  email: string;
  name: string;
  organisationId: string;
  role: OrganiserRole;
  /** Hashed here; undefined: no password yet (an invitation sets it), nobody can sign in with one. */
  password?: string;
}

/**
 * Writes an organiser (409 when the e-mail is taken: an e-mail signs in to one organisation). A plain function: the
 * seed and the `organiser add` tool write organisers outside dependency injection.
 */
export async function insertOrganiser(m: EntityManager, o: NewOrganiser): Promise<OrganiserEntity> {
  const email = o.email.trim().toLowerCase();
  if (await m.findOneBy(OrganiserEntity, { email })) throw conflict(`An organiser with e-mail ${email} exists already`);
  const row: OrganiserEntity = {
    id: randomUUID(),
    email,
    name: o.name.trim(),
    // A bcrypt hash never equals '!', so an organiser without a password cannot sign in until they set one.
    passwordHash: o.password === undefined ? '!' : await bcrypt.hash(o.password, 10),
    createdAt: nowIso(),
    organisationId: o.organisationId,
    role: o.role,
  };
  await m.insert(OrganiserEntity, row);
  return row;
}

/**
 * The organisers' table, as other features read and change it (the organisations feature lists an organisation's
 * organisers, changes their roles and removes them). Pass the caller's transaction manager to work inside it.
 */
@Injectable()
export class OrganisersRepository {
  constructor(private readonly db: Db) {}

  /** The organiser with this (lower-case) e-mail address; null when there is none. */
  byEmail(email: string, m: EntityManager = this.db.manager): Promise<OrganiserEntity | null> {
    return m.findOne(OrganiserEntity, { where: { email } });
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<OrganiserEntity | null> {
    return m.findOneBy(OrganiserEntity, { id });
  }

  /** The organiser `id` if they belong to the organisation; null otherwise. */
  findInOrganisation(
    id: string,
    organisationId: string,
    m: EntityManager = this.db.manager,
  ): Promise<OrganiserEntity | null> {
    return m.findOneBy(OrganiserEntity, { id, organisationId });
  }

  /** The organisation's organisers, by name. */
  ofOrganisation(organisationId: string, m: EntityManager = this.db.manager): Promise<OrganiserEntity[]> {
    return m.find(OrganiserEntity, { where: { organisationId }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** The names of these organisers, by id (unknown ids are left out). */
  async names(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await m.find(OrganiserEntity, {
      where: { id: In([...new Set(ids)]) },
      select: { id: true, name: true },
    });
    return new Map(rows.map((o) => [o.id, o.name]));
  }

  /**
   * Locks the organisation's organiser rows until the end of the caller's transaction (PostgreSQL; SQLite's
   * transactions run one at a time anyway): one change of an organisation's owners at a time.
   */
  async lockOrganisation(organisationId: string, m: EntityManager): Promise<void> {
    if (m.connection.options.type === 'postgres')
      await m.find(OrganiserEntity, {
        where: { organisationId },
        select: { id: true },
        lock: { mode: 'pessimistic_write' },
      });
  }

  countOwners(organisationId: string, m: EntityManager = this.db.manager): Promise<number> {
    return m.countBy(OrganiserEntity, { organisationId, role: 'owner' });
  }

  async setRole(id: string, role: OrganiserRole, m: EntityManager): Promise<void> {
    await m.update(OrganiserEntity, { id }, { role });
  }

  /** The organiser's own language (issue 16): their error messages, mails and the web app after sign-in. */
  async setLanguage(id: string, language: 'en' | 'da' | null, m: EntityManager = this.db.manager): Promise<void> {
    await m.update(OrganiserEntity, { id }, { language });
  }

  async remove(id: string, m: EntityManager): Promise<void> {
    await m.delete(OrganiserEntity, { id });
  }
}

@Module({ providers: [OrganisersRepository], exports: [OrganisersRepository] })
export class OrganisersRepositoryModule {}
