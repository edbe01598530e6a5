import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { OrganiserPrincipal, Principal } from '../auth/decorators';
import { AccessService, Permission } from '../access/access.service';
import { nowIso } from '../common/clock';
import { likePattern } from '../common/like-pattern';
import { AppError, badField, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';
import { RELATION_TABLES, relationRows, relationsFrom, type DirectoryRelation } from '../requests/directory-relations';
import { RequestsRepository } from '../requests/requests.repository';
import { joinTerm, termIdsNamed } from '../taxonomy/taxonomy-queries';
import { TaxonomyService, type TermMapping } from '../taxonomy/taxonomy.service';
import { ClusterEntity, ClusterTermEntity, ParticipationEntity } from './cluster.entity';
import { CreateClusterDto, DirectoryQueryDto, MembersDto, UpdateClusterDto } from './dto/cluster.dto';

/** The case-insensitive unique index on cluster names within an organisation (migration 1764500000000). */
export const CLUSTER_NAME_INDEX = 'ux_cluster_org_name_lower';

/** True when `err` is a violation of the case-insensitive cluster name index (PostgreSQL or SQLite). */
export function isClusterNameViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = (err as QueryFailedError & { driverError?: { constraint?: string; message?: string } })
    .driverError;
  return (
    driverError?.constraint === CLUSTER_NAME_INDEX ||
    `${driverError?.message ?? ''} ${err.message}`.includes(CLUSTER_NAME_INDEX)
  );
}

/** Runs `work`; a concurrent write of the same name (any case) that only the database caught becomes a 409. */
async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isClusterNameViolation(err)) throw conflict(`A cluster named "${name.trim()}" (ignoring case) exists already`);
    throw err;
  }
}

export interface ClusterView {
  id: string;
  name: string;
  country: string;
  region: string;
  sectors: string[];
  technologies: string[];
  scope: string;
  label: string;
  labelValidUntil: string | null;
  members: MembersDto;
  secretariatSize: number;
  offers: string;
  seeks: string;
  website: string | null;
  /** Only for organisers and the cluster's own delegates. */
  delegates?: { id: string; name: string; email: string; role: string }[];
  /** For signed-in participants of other clusters: the delegates who chose to be listed (issue 17). */
  contacts?: { name: string; role: string }[];
  /** In the directory, for a delegate: where this cluster stands with theirs (issue 9, item 7). */
  relationship?: DirectoryRelation;
}

/** The tables a cluster's public profile is read from. */
const PROFILE_TABLES = ['cluster', 'cluster_term', 'taxonomy_term'] as const;

/** Every table a delegate's view of a cluster is read from: the profile, and the delegates it lists. */
export const CLUSTER_VIEW_TABLES: readonly string[] = [...PROFILE_TABLES, 'delegate'];

/** The tables a directory search and its profiles are read from. */
const DIRECTORY_TABLES = ['participation', 'cluster', 'cluster_term', 'taxonomy_term'] as const;

/**
 * Every table a delegate's whole directory answer is read from: the search and profiles, the event (its existence
 * and deadline), the delegates (the asker's own cluster's, and the listed contacts of the others) and the requests
 * behind each card's relation to the asker's cluster.
 */
export const DIRECTORY_ANSWER_TABLES: readonly string[] = [
  ...new Set([...DIRECTORY_TABLES, 'event', 'delegate', ...RELATION_TABLES]),
];

/** Which clusters a search looks at: those taking part in an event, or all of an organisation's. */
type Scope = { eventId: string } | { organisationId: string };

export interface DirectoryPage {
  total: number;
  items: ClusterView[];
}

export interface HistoryItem {
  eventId: string;
  eventName: string;
  requestId: string;
  status: string;
  withClusters: { id: string; name: string }[];
  direction: 'sent' | 'received';
  note: string;
  createdAt: string;
}

@Injectable()
export class ClustersService {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
    private readonly access: AccessService,
    private readonly delegates: DelegatesRepository,
    private readonly events: EventsRepository,
    private readonly requests: RequestsRepository,
  ) {}

  async entity(id: string, m: EntityManager = this.db.manager): Promise<ClusterEntity> {
    const c = await m.findOneBy(ClusterEntity, { id });
    if (!c) throw notFound('Cluster', id);
    return c;
  }

  /** Public profiles (plus private parts for those allowed) of clusters, with their terms. */
  async views(clusters: readonly ClusterEntity[], principal?: Principal): Promise<ClusterView[]> {
    return this.withDelegates(await this.publicViews(clusters), principal);
  }

  /** Public profiles of clusters, with their terms. */
  private async publicViews(clusters: readonly ClusterEntity[]): Promise<ClusterView[]> {
    if (!clusters.length) return [];
    const ids = clusters.map((c) => c.id);
    const terms = await joinTerm(this.db.manager.createQueryBuilder(ClusterTermEntity, 'ct'), 't', 't.id = ct.termId')
      .select(['ct.clusterId AS cluster_id', 't.kind AS kind', 't.name AS name'])
      .where({ clusterId: In(ids) })
      .orderBy('t.name', 'ASC')
      .getRawMany<{ cluster_id: string; kind: string; name: string }>();
    const byCluster = new Map<string, { sectors: string[]; technologies: string[] }>();
    for (const id of ids) byCluster.set(id, { sectors: [], technologies: [] });
    for (const t of terms) {
      const e = byCluster.get(t.cluster_id);
      if (e) (t.kind === 'sector' ? e.sectors : e.technologies).push(t.name);
    }
    return clusters.map((c) => {
      const t = byCluster.get(c.id) ?? { sectors: [], technologies: [] };
      return {
        id: c.id,
        name: c.name,
        country: c.country,
        region: c.region,
        sectors: t.sectors,
        technologies: t.technologies,
        scope: c.scope,
        label: c.label,
        labelValidUntil: c.labelValidUntil,
        members: {
          companies: c.companies,
          smes: c.smes,
          knowledgeInstitutions: c.knowledgeInstitutions,
          publicBodies: c.publicBodies,
          industryAssociations: c.industryAssociations,
          financialActors: c.financialActors,
        },
        secretariatSize: c.secretariatSize,
        offers: c.offers,
        seeks: c.seeks,
        website: c.website,
      };
    });
  }

  /** The views as `principal` sees them: with the delegates of the clusters it may act for (new objects). */
  private async withDelegates(views: readonly ClusterView[], principal?: Principal): Promise<ClusterView[]> {
    const allowed = principal
      ? await this.access.allowed(
          principal,
          Permission.ClusterPrivate,
          views.map((v) => v.id),
        )
      : new Set<string>();
    const privateIds = views.map((v) => v.id).filter((id) => allowed.has(id));
    // Others see the delegates who chose to be listed: name and role, never the address.
    const publicIds = principal ? views.map((v) => v.id).filter((id) => !allowed.has(id)) : [];
    const listed = await this.delegates.listedOfClusters(publicIds);
    if (!privateIds.length && !publicIds.length) return [...views];
    const delegates = await this.delegates.ofClustersByName(privateIds);
    return views.map((v) => {
      if (privateIds.includes(v.id))
        return {
          ...v,
          delegates: delegates
            .filter((d) => d.clusterId === v.id)
            .map((d) => ({ id: d.id, name: d.name, email: d.email, role: d.role })),
        };
      if (publicIds.includes(v.id))
        return {
          ...v,
          contacts: listed.filter((d) => d.clusterId === v.id).map((d) => ({ name: d.name, role: d.role })),
        };
      return v;
    });
  }

  /** A cluster's profile; the public part is kept by the read cache, the delegates are read per request. */
  async view(id: string, principal: Principal): Promise<ClusterView> {
    const profile = await this.cache.get(`cluster-profile:${id}`, PROFILE_TABLES, async () => {
      const [v] = await this.publicViews([await this.entity(id)]);
      return v;
    });
    const [v] = await this.withDelegates(profile ? [profile] : [], principal);
    if (!v) throw notFound('Cluster', id);
    return v;
  }

  /**
   * The cluster of this name, ignoring case and surrounding spaces: imports find clusters by name in any case,
   * so two names that differ only in case would make a delegate import land in either of them.
   */
  static async byName(m: EntityManager, name: string, organisationId: string): Promise<ClusterEntity | null> {
    // Compared in JS: SQLite's LOWER() folds ASCII letters only (Ø, É), PostgreSQL's folds all of them.
    const key = name.trim().toLowerCase();
    const hit = (await m.find(ClusterEntity, { where: { organisationId }, select: { id: true, name: true } })).find(
      (c) => c.name.toLowerCase() === key,
    );
    return hit ? m.findOneBy(ClusterEntity, { id: hit.id }) : null;
  }

  /** Writes a new cluster of an organisation inside a transaction (used by the API and by imports). */
  static async insert(
    m: EntityManager,
    dto: CreateClusterDto,
    organisationId: string,
    createTerms: boolean | TermMapping = false,
  ): Promise<string> {
    ClustersService.checkMembers(dto.members);
    const same = await ClustersService.byName(m, dto.name, organisationId);
    if (same) throw conflict(`A cluster named "${same.name}" exists already`);
    const sectorIds = await TaxonomyService.resolve(m, 'sector', dto.sectors, 'sectors', createTerms);
    const techIds = await TaxonomyService.resolve(m, 'technology', dto.technologies, 'technologies', createTerms);
    const id = randomUUID();
    const now = nowIso();
    await m.insert(ClusterEntity, {
      id,
      name: dto.name.trim(),
      ...ClustersService.profileColumns(dto),
      createdAt: now,
      updatedAt: now,
      organisationId,
    });
    const links = [...sectorIds, ...techIds].map((termId) => ({ clusterId: id, termId }));
    if (links.length) await m.insert(ClusterTermEntity, links);
    return id;
  }

  /**
   * Only organisers set a cluster's excellence label and its validity (issue 9): a delegate's profile save may send
   * them unchanged, and a change is a 403 naming the field.
   */
  static keepLabel(c: ClusterEntity, dto: UpdateClusterDto): void {
    const fields: FieldError[] = [];
    if (dto.label !== undefined && dto.label !== c.label)
      fields.push({ path: 'label', message: 'only organisers set the excellence label' });
    if (dto.labelValidUntil !== undefined && (dto.labelValidUntil ?? null) !== c.labelValidUntil)
      fields.push({ path: 'labelValidUntil', message: "only organisers set the label's validity" });
    if (fields.length)
      throw new AppError(ErrorCode.Forbidden, fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }

  static checkMembers(members: MembersDto): void {
    if (members.smes > members.companies)
      throw badField('members.smes', `cannot exceed members.companies (${members.companies})`);
  }

  /** The profile columns of a full cluster body (everything but id, name and timestamps). */
  static profileColumns(dto: CreateClusterDto) {
    return {
      country: dto.country,
      region: dto.region,
      scope: dto.scope,
      label: dto.label,
      labelValidUntil: dto.labelValidUntil ?? null,
      ...ClustersService.memberColumns(dto.members),
      secretariatSize: dto.secretariatSize,
      offers: dto.offers,
      seeks: dto.seeks,
      website: dto.website ?? null,
    };
  }

  static memberColumns(
    mb: MembersDto,
  ): Pick<
    ClusterEntity,
    'companies' | 'smes' | 'knowledgeInstitutions' | 'publicBodies' | 'industryAssociations' | 'financialActors'
  > {
    return {
      companies: mb.companies,
      smes: mb.smes,
      knowledgeInstitutions: mb.knowledgeInstitutions,
      publicBodies: mb.publicBodies,
      industryAssociations: mb.industryAssociations,
      financialActors: mb.financialActors,
    };
  }

  async create(dto: CreateClusterDto, principal: OrganiserPrincipal): Promise<ClusterView> {
    const id = await uniqueName(dto.name, () =>
      this.db.transaction((m) => ClustersService.insert(m, dto, principal.organisationId)),
    );
    return this.view(id, principal);
  }

  async update(id: string, dto: UpdateClusterDto, principal: Principal): Promise<ClusterView> {
    await this.entity(id);
    await this.access.require(principal, Permission.ClusterPrivate, [id]);
    const write = async (m: EntityManager): Promise<void> => {
      const c = await this.entity(id, m);
      if (principal.kind !== 'organiser') ClustersService.keepLabel(c, dto);
      const patch: Partial<ClusterEntity> = { updatedAt: nowIso() };
      if (dto.name !== undefined && dto.name.trim() !== c.name) {
        const same = await ClustersService.byName(m, dto.name, c.organisationId);
        if (same && same.id !== id) throw conflict(`A cluster named "${same.name}" exists already`);
        patch.name = dto.name.trim();
      }
      for (const k of ['country', 'region', 'scope', 'label', 'secretariatSize', 'offers', 'seeks'] as const) {
        if (dto[k] !== undefined) Object.assign(patch, { [k]: dto[k] });
      }
      if (dto.labelValidUntil !== undefined) patch.labelValidUntil = dto.labelValidUntil;
      if (dto.website !== undefined) patch.website = dto.website;
      if (dto.members !== undefined) {
        ClustersService.checkMembers(dto.members);
        Object.assign(patch, ClustersService.memberColumns(dto.members));
      }
      await m.update(ClusterEntity, { id }, patch);
      for (const [kind, names, path] of [
        ['sector', dto.sectors, 'sectors'],
        ['technology', dto.technologies, 'technologies'],
      ] as const) {
        if (names === undefined) continue;
        const ids = await TaxonomyService.resolve(m, kind, names, path);
        const old = await joinTerm(m.createQueryBuilder(ClusterTermEntity, 'ct'), 't', 't.id = ct.termId')
          .where('ct.clusterId = :id AND t.kind = :kind', { id, kind })
          .getMany();
        if (old.length) await m.delete(ClusterTermEntity, { clusterId: id, termId: In(old.map((o) => o.termId)) });
        if (ids.length)
          await m.insert(
            ClusterTermEntity,
            ids.map((termId) => ({ clusterId: id, termId })),
          );
      }
    };
    await uniqueName(dto.name ?? '', () => this.db.transaction(write));
    return this.view(id, principal);
  }

  /** Every cluster of the organiser's organisation, with the directory's filters. */
  async listAll(principal: OrganiserPrincipal, q?: DirectoryQueryDto): Promise<DirectoryPage> {
    return this.search({ organisationId: principal.organisationId }, q ?? {}, principal);
  }

  async assertParticipates(eventId: string, principal: Principal): Promise<void> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    await this.access.require(principal, Permission.EventParticipate, [eventId]);
  }

  /**
   * The directory of an event: clusters taking part, filtered and searched. With the read cache, each search's
   * result (total and ids) and the event's public profiles are kept until a table they come from changes; the
   * delegates of the asker's own cluster (organisers: of every cluster) are read for each request.
   */
  async directory(
    eventId: string,
    q: DirectoryQueryDto,
    principal: Principal,
    at: string = nowIso(),
  ): Promise<DirectoryPage> {
    if (!this.cache.enabled) return this.directoryUncached(eventId, q, principal, at);
    await this.directoryAllowed(eventId, principal);
    const key = JSON.stringify([q.sector, q.technology, q.country, q.label, q.scope, q.q, q.offset, q.limit]);
    const [page, book] = await Promise.all([
      this.cache.get(`directory-search:${eventId}:${key}`, DIRECTORY_TABLES, () => this.searchIds(eventId, q)),
      this.cache.get(`directory-book:${eventId}`, DIRECTORY_TABLES, () => this.directoryBook(eventId)),
    ]);
    const items = page.ids.map((id) => book.get(id));
    // Both come from the same tables; should one be older than the other, read this page without the cache.
    if (items.some((v) => v === undefined)) return this.directoryUncached(eventId, q, principal, at);
    const views = await this.withDelegates(items as ClusterView[], principal);
    return { total: page.total, items: await this.withRelations(eventId, views, principal, at) };
  }

  /** Throws unless the event exists and the principal's cluster takes part in it (the event from the read cache). */
  async directoryAllowed(eventId: string, principal: Principal): Promise<void> {
    const event = await this.cache.get(`directory-event:${eventId}`, ['event'], async () => ({
      exists: await this.events.exists(eventId),
    }));
    if (!event.exists) throw notFound('Event', eventId);
    await this.access.require(principal, Permission.EventParticipate, [eventId]);
  }

  /** Whether the event's request deadline has passed at `at` (the directory's relations depend on it). */
  async deadlinePassed(eventId: string, at: string): Promise<boolean> {
    const event = await this.cache.get(`event-row:${eventId}`, ['event'], () => this.events.find(eventId));
    return !event || at >= event.requestDeadline;
  }

  /**
   * For a delegate, each card's relation to their own cluster. It depends on the asker, so it stays out of the
   * shared cached directory: the asker's cluster's requests (one statement) are kept per cluster in the read cache
   * until any request changes, and the relation of each card is computed from them on every call.
   */
  private async withRelations(
    eventId: string,
    views: ClusterView[],
    principal: Principal,
    at: string,
  ): Promise<ClusterView[]> {
    if (principal.kind !== 'delegate' || !views.length) return views;
    const deadlinePassed = await this.deadlinePassed(eventId, at);
    // The asker's cluster's requests are kept per cluster until a request changes; the deadline applies per call.
    const rows = await this.cache.get(`relation-rows:${eventId}:${principal.clusterId}`, RELATION_TABLES, () =>
      relationRows(this.db.manager, eventId, principal.clusterId),
    );
    const relations = relationsFrom(
      principal.clusterId,
      views.map((v) => v.id),
      rows,
      deadlinePassed,
    );
    return views.map((v) => ({ ...v, relationship: relations.get(v.id) }));
  }

  /** The directory from the database alone (the path without the cache; tests compare the two). */
  async directoryUncached(
    eventId: string,
    q: DirectoryQueryDto,
    principal: Principal,
    at: string = nowIso(),
  ): Promise<DirectoryPage> {
    await this.assertParticipates(eventId, principal);
    const page = await this.search({ eventId }, q, principal);
    return { total: page.total, items: await this.withRelations(eventId, page.items, principal, at) };
  }

  /** The public profiles of every cluster taking part in the event, by id. */
  private async directoryBook(eventId: string): Promise<ReadonlyMap<string, ClusterView>> {
    const clusters = await this.db.manager
      .createQueryBuilder(ClusterEntity, 'c')
      .innerJoin(ParticipationEntity, 'p', 'p.clusterId = c.id AND p.eventId = :eventId', { eventId })
      .getMany();
    return new Map((await this.publicViews(clusters)).map((v) => [v.id, v]));
  }

  private async searchIds(eventId: string, q: DirectoryQueryDto): Promise<{ total: number; ids: string[] }> {
    const qb = this.searchQuery({ eventId }, q);
    const total = await qb.getCount();
    const rows = await qb
      .select(['c.id', 'c.name'])
      .orderBy('c.name', 'ASC')
      .skip(q.offset ?? 0)
      .take(q.limit ?? 50)
      .getMany();
    return { total, ids: rows.map((r) => r.id) };
  }

  private async search(scope: Scope, q: DirectoryQueryDto, principal: Principal): Promise<DirectoryPage> {
    const qb = this.searchQuery(scope, q);
    const total = await qb.getCount();
    const rows = await qb
      .orderBy('c.name', 'ASC')
      .skip(q.offset ?? 0)
      .take(q.limit ?? 50)
      .getMany();
    return { total, items: await this.views(rows, principal) };
  }

  /** The clusters matching the directory's filters (of one event, or of one organisation). */
  private searchQuery(scope: Scope, q: DirectoryQueryDto): SelectQueryBuilder<ClusterEntity> {
    const qb = this.db.manager.createQueryBuilder(ClusterEntity, 'c');
    if ('eventId' in scope)
      qb.innerJoin(ParticipationEntity, 'p', 'p.clusterId = c.id AND p.eventId = :eventId', {
        eventId: scope.eventId,
      });
    else qb.where('c.organisationId = :organisationId', { organisationId: scope.organisationId });
    const termFilter = (kind: 'sector' | 'technology', names: string[] | undefined, key: string): void => {
      if (!names?.length) return;
      const terms = qb
        .subQuery()
        .select('1')
        .from(ClusterTermEntity, 'ct')
        .where(`ct.clusterId = c.id AND ct.termId IN ${termIdsNamed(qb, kind, names, key)}`)
        .getQuery();
      qb.andWhere(`EXISTS ${terms}`);
    };
    termFilter('sector', q.sector, 'sector');
    termFilter('technology', q.technology, 'tech');
    if (q.country?.length) qb.andWhere('c.country IN (:...countries)', { countries: q.country });
    if (q.label?.length) qb.andWhere('c.label IN (:...labels)', { labels: q.label });
    if (q.scope) qb.andWhere('c.scope = :scope', { scope: q.scope });
    const words = (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
    words.forEach((w, i) => {
      qb.andWhere(
        `(LOWER(c.offers) LIKE :w${i} ESCAPE '\\' OR LOWER(c.seeks) LIKE :w${i} ESCAPE '\\' OR LOWER(c.name) LIKE :w${i} ESCAPE '\\')`,
        { [`w${i}`]: likePattern(w) },
      );
    });
    return qb;
  }

  async addParticipant(eventId: string, clusterId: string): Promise<{ eventId: string; clusterId: string }> {
    await this.db.transaction(async (m) => {
      const event = await this.events.get(eventId, m);
      // A cluster of another organisation does not exist for this event.
      if (!(await m.findOneBy(ClusterEntity, { id: clusterId, organisationId: event.organisationId })))
        throw badField('clusterId', `no cluster ${clusterId}`);
      if (await m.findOneBy(ParticipationEntity, { eventId, clusterId }))
        throw conflict('This cluster takes part in the event already');
      await m.insert(ParticipationEntity, { id: randomUUID(), eventId, clusterId, createdAt: nowIso() });
    });
    return { eventId, clusterId };
  }

  async removeParticipant(eventId: string, clusterId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const p = await m.findOneBy(ParticipationEntity, { eventId, clusterId });
      if (!p) throw notFound('Participation of cluster', clusterId);
      const open = await this.requests.countOpenOfCluster(eventId, clusterId, m);
      if (open > 0)
        throw conflict(
          `The cluster has ${open} pending or accepted request(s) in this event; withdraw or decline them first`,
        );
      await m.delete(ParticipationEntity, { id: p.id });
    });
  }

  /** What the cluster met (or asked to meet) about in every event: the relationships belong to the organisation. */
  async history(clusterId: string, principal: Principal): Promise<HistoryItem[]> {
    await this.entity(clusterId);
    await this.access.require(principal, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    const { requests, parties } = await this.requests.ofCluster(clusterId, m);
    if (!requests.length) return [];
    const events = await this.events.byIds(
      requests.map((r) => r.eventId),
      m,
    );
    const others = [...new Set(parties.map((p) => p.clusterId))];
    const clusters = await m.find(ClusterEntity, { where: { id: In(others) } });
    const name = new Map(clusters.map((c) => [c.id, c.name]));
    const eventName = new Map(events.map((e) => [e.id, e.name]));
    return requests.map((r) => ({
      eventId: r.eventId,
      eventName: eventName.get(r.eventId) ?? '',
      requestId: r.id,
      status: r.status,
      withClusters: parties
        .filter((p) => p.requestId === r.id && p.clusterId !== clusterId)
        .map((p) => ({ id: p.clusterId, name: name.get(p.clusterId) ?? '' })),
      direction: r.requesterClusterId === clusterId ? 'sent' : 'received',
      note: r.note,
      createdAt: r.createdAt,
    }));
  }
}
