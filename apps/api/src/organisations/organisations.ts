import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { EntityManager } from 'typeorm';
import { OrganiserEntity } from '../auth/organiser.entity';
import { nowIso } from '../common/clock';
import { conflict } from '../common/errors';
import { OrganisationEntity, type OrganiserRole } from './organisation.entity';

/** The organisation of this name (ignoring case and surrounding spaces), if any. */
export async function organisationByName(m: EntityManager, name: string): Promise<OrganisationEntity | null> {
  const key = name.trim().toLowerCase();
  const all = await m.find(OrganisationEntity, { select: { id: true, name: true } });
  const hit = all.find((o) => o.name.toLowerCase() === key);
  return hit ? m.findOneBy(OrganisationEntity, { id: hit.id }) : null;
}

/** The organisation of this name, created if there is none. */
export async function ensureOrganisation(m: EntityManager, name: string): Promise<OrganisationEntity> {
  const found = await organisationByName(m, name);
  if (found) return found;
  const org = { id: randomUUID(), name: name.trim(), createdAt: nowIso() };
  await m.insert(OrganisationEntity, org);
  return org;
}

export interface NewOrganiser {
  email: string;
  name: string;
  organisationId: string;
  role: OrganiserRole;
  /** Hashed here; undefined: no password yet (an invitation sets it), nobody can sign in with one. */
  password?: string;
}

/** Writes an organiser (409 when the e-mail is taken: an e-mail signs in to one organisation). */
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
