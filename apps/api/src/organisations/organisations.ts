import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { nowIso } from '../common/clock';
import { OrganisationEntity } from './organisation.entity';

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
