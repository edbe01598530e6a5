import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { AccessService, Permission } from '../access/access.service';
import { badField, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { EventsRepository } from '../events/events.repository';
import {
  COLLABORATION_STATUSES,
  COLLABORATION_TYPES,
  CollaborationEntity,
  CollaborationPartnerEntity,
  type CollaborationStatus,
  type CollaborationType,
} from './collaboration.entity';
import type { CollaborationDto } from './dto/collaboration.dto';
import type { CollaborationResponse } from './dto/collaboration-responses.dto';

/** The collaborations an event launched, as the impact report counts them. */
export interface CollaborationSummary {
  readonly launched: number;
  readonly byType: { type: CollaborationType; count: number }[];
  readonly byStatus: { status: CollaborationStatus; count: number }[];
  readonly newIdeas: number;
  readonly newProducts: number;
  readonly newCompetences: number;
  /** Member companies and SMEs involved, as the partners recorded them. */
  readonly companies: number;
  readonly smes: number;
}

/**
 * Collaborations between clusters (issue 11, part 3 as built): recorded at any time by a delegate of one of the
 * partner clusters or by an organiser, and owned by the partner clusters (any delegate of a partner may change
 * it, so a record survives staff turnover).
 */
@Injectable()
export class CollaborationsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly clusters: ClustersRepository,
    private readonly events: EventsRepository,
  ) {}

  private async view(m: EntityManager, rows: CollaborationEntity[]): Promise<CollaborationResponse[]> {
    if (rows.length === 0) return [];
    const partners = await m.find(CollaborationPartnerEntity, {
      where: { collaborationId: In(rows.map((r) => r.id)) },
    });
    const clusters = new Map(
      (
        await this.clusters.byIds(
          partners.map((x) => x.clusterId),
          m,
        )
      ).map((c) => [c.id, c]),
    );
    return rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      type: r.type,
      status: r.status,
      title: r.title,
      partners: partners
        .filter((x) => x.collaborationId === r.id)
        .map((x) => ({
          clusterId: x.clusterId,
          name: clusters.get(x.clusterId)?.name ?? x.clusterId,
          country: clusters.get(x.clusterId)?.country ?? '',
          companies: x.companies,
          smes: x.smes,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      newIdeas: r.newIdeas,
      newProducts: r.newProducts,
      newCompetences: r.newCompetences,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  /** Checks the partners and the event; the cluster in the path is always a partner. */
  private async partners(
    m: EntityManager,
    clusterId: string,
    dto: CollaborationDto,
  ): Promise<CollaborationPartnerEntity[]> {
    const given = new Map(dto.partners.map((x) => [x.clusterId, x]));
    const ids = [...new Set([clusterId, ...dto.partners.map((x) => x.clusterId)])];
    if (ids.length < 2) throw badField('partners', 'must name at least one other cluster');
    // Partners and the event are of the path cluster's organisation: another organisation's do not exist here.
    const organisationId = (await this.clusters.find(clusterId, m))?.organisationId ?? '';
    const known = new Set(
      (await this.clusters.byIds(ids, m)).filter((c) => c.organisationId === organisationId).map((c) => c.id),
    );
    dto.partners.forEach((x, i) => {
      if (!known.has(x.clusterId)) throw badField(`partners[${i}].clusterId`, 'is not a known cluster');
      if ((x.smes ?? 0) > (x.companies ?? Number.MAX_SAFE_INTEGER))
        throw badField(`partners[${i}].smes`, 'must not be more than the companies');
    });
    if (dto.eventId && (await this.events.find(dto.eventId, m))?.organisationId !== organisationId)
      throw badField('eventId', 'is not a known event');
    return ids.map((id) => ({
      collaborationId: '',
      clusterId: id,
      companies: given.get(id)?.companies ?? null,
      smes: given.get(id)?.smes ?? null,
    }));
  }

  private who(p: Principal): string {
    return p.kind === 'organiser' ? p.userId : p.delegateId;
  }

  /** Records a collaboration of `clusterId` (organisers, or a delegate of that cluster). */
  async create(clusterId: string, dto: CollaborationDto, p: Principal): Promise<CollaborationResponse> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    return this.db.transaction(async (m) => {
      if (!(await this.clusters.find(clusterId, m))) throw notFound('Cluster', clusterId);
      const partners = await this.partners(m, clusterId, dto);
      const now = new Date().toISOString();
      const id = randomUUID();
      await m.insert(CollaborationEntity, {
        id,
        eventId: dto.eventId ?? null,
        type: dto.type,
        status: dto.status,
        title: dto.title,
        newIdeas: dto.newIdeas ?? 0,
        newProducts: dto.newProducts ?? 0,
        newCompetences: dto.newCompetences ?? 0,
        recordedBy: this.who(p),
        createdAt: now,
        updatedAt: now,
      });
      for (const x of partners) await m.insert(CollaborationPartnerEntity, { ...x, collaborationId: id });
      const [out] = await this.view(m, [await m.findOneOrFail(CollaborationEntity, { where: { id } })]);
      if (!out) throw notFound('Collaboration', id);
      return out;
    });
  }

  /** The collaborations `clusterId` is a partner of (organisers, or its delegates), newest first. */
  async list(clusterId: string, p: Principal): Promise<CollaborationResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    const mine = await m.find(CollaborationPartnerEntity, { where: { clusterId } });
    const rows = mine.length
      ? await m.find(CollaborationEntity, {
          where: { id: In(mine.map((x) => x.collaborationId)) },
          order: { createdAt: 'DESC', id: 'ASC' },
        })
      : [];
    return this.view(m, rows);
  }

  /**
   * The collaborations `clusterId` is a partner of, by each other partner cluster, newest first (for the follow-up
   * and relationships pages; the caller checks access to `clusterId`).
   */
  async byPartner(clusterId: string): Promise<Map<string, CollaborationResponse[]>> {
    const m = this.db.manager;
    const mine = await m.find(CollaborationPartnerEntity, { where: { clusterId } });
    const rows = mine.length
      ? await m.find(CollaborationEntity, {
          where: { id: In(mine.map((x) => x.collaborationId)) },
          order: { createdAt: 'DESC', id: 'ASC' },
        })
      : [];
    const out = new Map<string, CollaborationResponse[]>();
    for (const c of await this.view(m, rows))
      for (const x of c.partners)
        if (x.clusterId !== clusterId) out.set(x.clusterId, [...(out.get(x.clusterId) ?? []), c]);
    return out;
  }

  /**
   * Replaces a collaboration (organisers, or a delegate of a partner cluster, whose cluster stays a partner).
   * 404 to anyone else, so ids of others' collaborations tell nothing.
   */
  async update(id: string, dto: CollaborationDto, p: Principal): Promise<CollaborationResponse> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(CollaborationEntity, { where: { id } });
      const current = row ? await m.find(CollaborationPartnerEntity, { where: { collaborationId: id } }) : [];
      const own = p.kind === 'delegate' ? p.clusterId : current[0]?.clusterId;
      if (!row || own === undefined || !current.some((x) => x.clusterId === own)) throw notFound('Collaboration', id);
      const partners = await this.partners(m, own, dto);
      await m.update(
        CollaborationEntity,
        { id },
        {
          eventId: dto.eventId ?? null,
          type: dto.type,
          status: dto.status,
          title: dto.title,
          newIdeas: dto.newIdeas ?? 0,
          newProducts: dto.newProducts ?? 0,
          newCompetences: dto.newCompetences ?? 0,
          recordedBy: this.who(p),
          updatedAt: new Date().toISOString(),
        },
      );
      await m.delete(CollaborationPartnerEntity, { collaborationId: id });
      for (const x of partners) await m.insert(CollaborationPartnerEntity, { ...x, collaborationId: id });
      const [out] = await this.view(m, [await m.findOneOrFail(CollaborationEntity, { where: { id } })]);
      if (!out) throw notFound('Collaboration', id);
      return out;
    });
  }

  /** The collaborations launched at `eventId`, counted for the impact report. */
  async summaryForEvent(eventId: string): Promise<CollaborationSummary> {
    const m = this.db.manager;
    const rows = await m.find(CollaborationEntity, { where: { eventId } });
    const partners = rows.length
      ? await m.find(CollaborationPartnerEntity, { where: { collaborationId: In(rows.map((r) => r.id)) } })
      : [];
    const sum = (f: (r: CollaborationEntity) => number): number => rows.reduce((s, r) => s + f(r), 0);
    return {
      launched: rows.length,
      byType: COLLABORATION_TYPES.map((type) => ({ type, count: rows.filter((r) => r.type === type).length })),
      byStatus: COLLABORATION_STATUSES.map((status) => ({
        status,
        count: rows.filter((r) => r.status === status).length,
      })),
      newIdeas: sum((r) => r.newIdeas),
      newProducts: sum((r) => r.newProducts),
      newCompetences: sum((r) => r.newCompetences),
      companies: partners.reduce((s, x) => s + (x.companies ?? 0), 0),
      smes: partners.reduce((s, x) => s + (x.smes ?? 0), 0),
    };
  }
}
