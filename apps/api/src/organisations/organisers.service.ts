import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganiserPrincipal } from '../auth/decorators';
import type { OrganiserEntity } from '../auth/organiser.entity';
import { OrganisersRepository } from '../auth/organisers.repository';
import { conflict, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import type { OrganiserRole } from './organisation.entity';
import type { OrganiserResponse } from './organisers.dto';

const view = (o: OrganiserEntity): OrganiserResponse => ({
  id: o.id,
  email: o.email,
  name: o.name,
  role: o.role,
  createdAt: o.createdAt,
});

/** The organisers of an organisation: every role reads the list; owners change roles and remove organisers. */
@Injectable()
export class OrganisersService {
  constructor(
    private readonly db: Db,
    private readonly organisers: OrganisersRepository,
  ) {}

  async list(p: OrganiserPrincipal): Promise<OrganiserResponse[]> {
    return (await this.organisers.ofOrganisation(p.organisationId)).map(view);
  }

  /** The organiser `id` of the asker's organisation, locked for the change (404 for anyone else's). */
  private async mine(m: EntityManager, p: OrganiserPrincipal, id: string): Promise<OrganiserEntity> {
    // One change of an organisation's owners at a time, so "the last owner" holds under concurrency.
    await this.organisers.lockOrganisation(p.organisationId, m);
    const o = await this.organisers.findInOrganisation(id, p.organisationId, m);
    if (!o) throw notFound('Organiser', id);
    return o;
  }

  private async refuseLastOwner(m: EntityManager, o: OrganiserEntity, what: string): Promise<void> {
    if (o.role !== 'owner') return;
    const owners = await this.organisers.countOwners(o.organisationId, m);
    if (owners <= 1)
      throw conflict(`${o.email} is the organisation's last owner: make another organiser an owner before ${what}`);
  }

  async setRole(p: OrganiserPrincipal, id: string, role: OrganiserRole): Promise<OrganiserResponse> {
    return this.db.transaction(async (m) => {
      const o = await this.mine(m, p, id);
      if (o.role === role) return view(o);
      await this.refuseLastOwner(m, o, 'changing their role');
      await this.organisers.setRole(id, role, m);
      return view({ ...o, role });
    });
  }

  async remove(p: OrganiserPrincipal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const o = await this.mine(m, p, id);
      await this.refuseLastOwner(m, o, 'removing them');
      await this.organisers.remove(id, m);
    });
  }
}
