import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganiserPrincipal } from '../auth/decorators';
import { OrganiserEntity } from '../auth/organiser.entity';
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
  constructor(private readonly db: Db) {}

  async list(p: OrganiserPrincipal): Promise<OrganiserResponse[]> {
    const rows = await this.db.manager.find(OrganiserEntity, {
      where: { organisationId: p.organisationId },
      order: { name: 'ASC', id: 'ASC' },
    });
    return rows.map(view);
  }

  /** The organiser `id` of the asker's organisation, locked for the change (404 for anyone else's). */
  private async mine(m: EntityManager, p: OrganiserPrincipal, id: string): Promise<OrganiserEntity> {
    if (this.db.isPostgres)
      // One change of an organisation's owners at a time, so "the last owner" holds under concurrency.
      await m.query('SELECT id FROM organiser WHERE organisation_id = $1 FOR UPDATE', [p.organisationId]);
    const o = await m.findOneBy(OrganiserEntity, { id, organisationId: p.organisationId });
    if (!o) throw notFound('Organiser', id);
    return o;
  }

  private async refuseLastOwner(m: EntityManager, o: OrganiserEntity, what: string): Promise<void> {
    if (o.role !== 'owner') return;
    const owners = await m.countBy(OrganiserEntity, { organisationId: o.organisationId, role: 'owner' });
    if (owners <= 1)
      throw conflict(`${o.email} is the organisation's last owner: make another organiser an owner before ${what}`);
  }

  async setRole(p: OrganiserPrincipal, id: string, role: OrganiserRole): Promise<OrganiserResponse> {
    return this.db.transaction(async (m) => {
      const o = await this.mine(m, p, id);
      if (o.role === role) return view(o);
      await this.refuseLastOwner(m, o, 'changing their role');
      await m.update(OrganiserEntity, { id }, { role });
      return view({ ...o, role });
    });
  }

  async remove(p: OrganiserPrincipal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const o = await this.mine(m, p, id);
      await this.refuseLastOwner(m, o, 'removing them');
      await m.delete(OrganiserEntity, { id });
    });
  }
}
