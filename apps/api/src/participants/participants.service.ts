import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/decorators';
import type { ClusterEntity } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { ClustersService } from '../clusters/clusters.service';
import { CreateClusterDto } from '../clusters/dto/cluster.dto';
import { nowIso } from '../common/clock';
import { AppError, badField, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { addTextRows, excel, toSafeCsv } from '../common/spreadsheet';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { CLUSTER_COLUMNS } from '../imports/imports.service';
import { linkSecrets, MailService } from '../mail/mail.service';
import { RequestsRepository } from '../requests/requests.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import {
  AttendeesDto,
  LoginLinksDto,
  ParticipantCandidatesQuery,
  ParticipantClustersQuery,
  ParticipantDelegatesQuery,
  ParticipantExportKind,
} from './dto/participants.dto';
import type {
  AttendeesResponse,
  ParticipantCandidatesResponse,
  LoginLinksResponse,
  ParticipantClusterResponse,
  ParticipantClustersPageResponse,
  ParticipantDelegateResponse,
  ParticipantDelegatesPageResponse,
} from './dto/participants-responses.dto';

/** Today as YYYY-MM-DD (UTC): a label valid until yesterday is expired. */
const today = (): string => nowIso().slice(0, 10);

/** A label other than none whose validity date has passed. */
export const labelExpired = (label: string, validUntil: string | null, day = today()): boolean =>
  label !== 'none' && validUntil !== null && validUntil < day;

const words = (q: string | undefined): string[] => (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);

const matches = (haystack: readonly string[], ws: readonly string[]): boolean => {
  const text = haystack.join('\n').toLowerCase();
  return ws.every((w) => text.includes(w));
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Compares two values for a sort: text by the collator, numbers as numbers, null last in either direction. */
function compare(a: string | number | null, b: string | number | null, dir: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return c * dir;
}

function page<T>(rows: readonly T[], q: { offset?: number; limit?: number }): T[] {
  const offset = q.offset ?? 0;
  return rows.slice(offset, offset + (q.limit ?? 25));
}

/** The event's participants in memory (150 clusters and 300 delegates are a few hundred rows). */
interface Roster {
  readonly event: EventEntity;
  readonly clusters: readonly ClusterEntity[];
  readonly delegates: readonly DelegateEntity[];
  /** Pending or accepted requests per cluster. */
  readonly requests: ReadonlyMap<string, number>;
}

/** Export file. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * The organiser's participants page (issue 9, item 3): the event's clusters and delegates with search, sort and
 * paging, login links to those who have not signed in, exports of clusters, delegates and requests; and the
 * attendee change a delegate makes on their own cluster's side of a request.
 */
@Injectable()
export class ParticipantsService {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) log: Logger,
    private readonly events: EventsRepository,
    private readonly clusterRepo: ClustersRepository,
    private readonly delegateRepo: DelegatesRepository,
    private readonly requests: RequestsRepository,
    private readonly versions: ScheduleVersions,
  ) {
    this.log = log.child({ component: 'participants' });
  }

  private async roster(eventId: string, m: EntityManager = this.db.manager): Promise<Roster> {
    const event = await this.events.get(eventId, m);
    const ids = await this.clusterRepo.participantIds(eventId, m);
    // One after the other: inside a transaction the queries share one connection.
    const clusters = await this.clusterRepo.byIds(ids, m);
    const delegates = await this.delegateRepo.ofClusters(ids, m);
    const requests = await this.requests.openCountsByCluster(eventId, m);
    return { event, clusters, delegates, requests };
  }

  private clusterRows(r: Roster): ParticipantClusterResponse[] {
    const day = today();
    const count = new Map<string, { all: number; signedIn: number }>();
    for (const d of r.delegates) {
      const c = count.get(d.clusterId) ?? { all: 0, signedIn: 0 };
      c.all++;
      if (d.lastSignInAt) c.signedIn++;
      count.set(d.clusterId, c);
    }
    return r.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      country: c.country,
      region: c.region,
      label: c.label,
      labelValidUntil: c.labelValidUntil,
      labelExpired: labelExpired(c.label, c.labelValidUntil, day),
      delegates: count.get(c.id)?.all ?? 0,
      signedIn: count.get(c.id)?.signedIn ?? 0,
      requests: r.requests.get(c.id) ?? 0,
    }));
  }

  private delegateRows(r: Roster): ParticipantDelegateResponse[] {
    const names = new Map(r.clusters.map((c) => [c.id, c.name]));
    return r.delegates.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      role: d.role,
      clusterId: d.clusterId,
      clusterName: names.get(d.clusterId) ?? '',
      lastSignInAt: d.lastSignInAt ?? null,
    }));
  }

  async clusters(eventId: string, q: ParticipantClustersQuery): Promise<ParticipantClustersPageResponse> {
    const rows = this.clusterRows(await this.roster(eventId));
    const ws = words(q.q);
    const hits = ws.length ? rows.filter((c) => matches([c.name, c.country, c.region], ws)) : rows;
    const dir = q.dir === 'desc' ? -1 : 1;
    const sort = q.sort ?? 'name';
    const key = (c: ParticipantClusterResponse): string | number | null =>
      sort === 'name' ? c.name : sort === 'labelValidUntil' ? c.labelValidUntil : c[sort];
    const sorted = [...hits].sort((a, b) => compare(key(a), key(b), dir) || collator.compare(a.name, b.name));
    return { total: sorted.length, items: page(sorted, q) };
  }

  async delegates(eventId: string, q: ParticipantDelegatesQuery): Promise<ParticipantDelegatesPageResponse> {
    const all = this.delegateRows(await this.roster(eventId));
    const ws = words(q.q);
    const hits = all.filter(
      (d) =>
        (q.clusterId === undefined || d.clusterId === q.clusterId) &&
        (q.signedIn === undefined || (q.signedIn === 'yes') === (d.lastSignInAt !== null)) &&
        (!ws.length || matches([d.name, d.email, d.role, d.clusterName], ws)),
    );
    const dir = q.dir === 'desc' ? -1 : 1;
    const sort = q.sort ?? 'name';
    const key = (d: ParticipantDelegateResponse): string | null =>
      sort === 'cluster' ? d.clusterName : sort === 'lastSignIn' ? d.lastSignInAt : d[sort];
    const sorted = [...hits].sort((a, b) => compare(key(a), key(b), dir) || collator.compare(a.name, b.name));
    return {
      total: sorted.length,
      notSignedIn: all.filter((d) => d.lastSignInAt === null).length,
      items: page(sorted, q),
    };
  }

  /** A new cluster, registered for the event in the same transaction. */
  /**
   * The organisation's clusters that do not take part in the event (issue 9, item 2: add a cluster from an earlier
   * event; `POST /api/events/:eventId/participants` adds it, its delegates with it).
   */
  async candidates(eventId: string, q: ParticipantCandidatesQuery): Promise<ParticipantCandidatesResponse> {
    const event = await this.events.get(eventId);
    const { total, rows } = await this.clusterRepo.notTakingPart(
      event.organisationId,
      eventId,
      (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8),
      q.limit ?? 20,
    );
    const ids = rows.map((c) => c.id);
    if (!ids.length) return { total, items: [] };
    const delegates = await this.delegateRepo.ofClusters(ids);
    const taking = await this.clusterRepo.participationsOf(ids);
    const events = await this.events.byIds(taking.map((x) => x.eventId));
    const newest = new Map<string, EventEntity>();
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const x of taking) {
      const e = byId.get(x.eventId);
      const had = newest.get(x.clusterId);
      if (e && (!had || had.createdAt < e.createdAt)) newest.set(x.clusterId, e);
    }
    return {
      total,
      items: rows.map((c) => ({
        id: c.id,
        name: c.name,
        country: c.country,
        delegates: delegates.filter((d) => d.clusterId === c.id && !d.erasedAt).length,
        lastEventName: newest.get(c.id)?.name ?? null,
      })),
    };
  }

  async addCluster(eventId: string, dto: CreateClusterDto): Promise<ParticipantClusterResponse> {
    const id = await this.db.transaction(async (m) => {
      const event = await this.events.get(eventId, m);
      // The cluster belongs to the event's organisation (names are unique within it).
      const clusterId = await ClustersService.insert(m, dto, event.organisationId);
      await this.clusterRepo.addParticipants(eventId, [clusterId], nowIso(), m);
      return clusterId;
    });
    const row = this.clusterRows(await this.roster(eventId)).find((c) => c.id === id);
    if (!row) throw notFound('Cluster', id);
    return row;
  }

  /**
   * Mails each delegate a login link to the event (template `event-invitation`, in their language or the one
   * given), through the outbox in one transaction; the link is valid `INVITATION_TTL` and opens the directory.
   * Delegates of clusters not taking part give 422 naming `delegateIds[i]`.
   */
  async sendLoginLinks(eventId: string, dto: LoginLinksDto): Promise<LoginLinksResponse> {
    if (dto.delegateIds === undefined && dto.notSignedIn !== true)
      throw badField('delegateIds', 'name the delegates, or set notSignedIn to true');
    const ttl = this.config.invitationTtlSeconds;
    const written = await this.db.transaction(async (m) => {
      const r = await this.roster(eventId, m);
      const byId = new Map(r.delegates.map((d) => [d.id, d]));
      let targets: DelegateEntity[];
      if (dto.delegateIds !== undefined) {
        const errors: FieldError[] = [];
        targets = [];
        dto.delegateIds.forEach((id, i) => {
          const d = byId.get(id);
          if (!d) errors.push({ path: `delegateIds[${i}]`, message: `no delegate ${id} of a cluster in this event` });
          else if (!targets.includes(d)) targets.push(d);
        });
        if (errors.length)
          throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      } else targets = r.delegates.filter((d) => !d.lastSignInAt);
      const clusterName = new Map(r.clusters.map((c) => [c.id, c.name]));
      const expiresAt = new Date(Date.now() + ttl * 1000);
      for (const d of [...targets].sort((a, b) => a.id.localeCompare(b.id))) {
        const link = await this.auth.issueSignInLink(m, d.id, expiresAt, `/events/${eventId}/directory`);
        await this.mail.queue(
          m,
          'event-invitation',
          {
            name: d.name,
            eventName: r.event.name,
            clusterName: clusterName.get(d.clusterId) ?? '',
            link,
            expiresDays: Math.max(1, Math.round(ttl / 86400)),
          },
          { email: d.email, name: d.name },
          { eventId, redact: linkSecrets(link), ...(dto.language ? { language: dto.language } : {}) },
        );
      }
      return targets.map((d) => d.id);
    });
    this.log.info({ eventId, queued: written.length }, 'login links queued');
    return { queued: written.length, delegateIds: written };
  }

  async export(eventId: string, kind: ParticipantExportKind, format: 'csv' | 'xlsx'): Promise<ExportFile> {
    const r = await this.roster(eventId);
    const table =
      kind === 'clusters'
        ? await this.clustersTable(r)
        : kind === 'delegates'
          ? this.delegatesTable(r)
          : await this.requestsTable(r);
    const base = `${kind}-${eventId.slice(0, 8)}`;
    if (format === 'csv')
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toSafeCsv(table) };
    const wb = new (excel().Workbook)();
    wb.creator = 'clustermatch';
    const ws = wb.addWorksheet(kind[0]?.toUpperCase() + kind.slice(1), { views: [{ state: 'frozen', ySplit: 1 }] });
    addTextRows(ws, table);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = Math.min(60, Math.max(8, ...table.map((line) => (line[i] ?? '').length + 2)));
    });
    return {
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /** The import's columns (so the file imports again), then the label's state, delegates and sign-ins. */
  private async clustersTable(r: Roster): Promise<string[][]> {
    const ids = r.clusters.map((c) => c.id);
    const terms = await this.clusterRepo.termsOf(ids);
    const rows = new Map(this.clusterRows(r).map((c) => [c.id, c]));
    const header = [...Object.keys(CLUSTER_COLUMNS), 'label_status', 'delegates', 'signed_in', 'open_requests'];
    const body = [...r.clusters]
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((c) => {
        const of = (kind: string): string =>
          terms
            .filter((t) => t.cluster_id === c.id && t.kind === kind)
            .map((t) => t.name)
            .join('; ');
        const row = rows.get(c.id);
        return [
          c.name,
          c.country,
          c.region,
          of('sector'),
          of('technology'),
          c.scope,
          c.label,
          c.labelValidUntil ?? '',
          String(c.companies),
          String(c.smes),
          String(c.knowledgeInstitutions),
          String(c.publicBodies),
          String(c.industryAssociations),
          String(c.financialActors),
          String(c.secretariatSize),
          c.offers,
          c.seeks,
          c.website ?? '',
          c.label === 'none' ? 'none' : row?.labelExpired ? 'expired' : 'valid',
          String(row?.delegates ?? 0),
          String(row?.signedIn ?? 0),
          String(row?.requests ?? 0),
        ];
      });
    return [header, ...body];
  }

  /** The import's columns (cluster, name, email, role), then the last sign-in. */
  private delegatesTable(r: Roster): string[][] {
    const rows = this.delegateRows(r).sort(
      (a, b) => collator.compare(a.clusterName, b.clusterName) || collator.compare(a.name, b.name),
    );
    return [
      ['cluster', 'name', 'email', 'role', 'last_sign_in'],
      ...rows.map((d) => [d.clusterName, d.name, d.email, d.role, d.lastSignInAt ?? '']),
    ];
  }

  /** Every request of the event with its parties, answers, interests and attendees. */
  private async requestsTable(r: Roster): Promise<string[][]> {
    const requests = await this.requests.ofEvent(r.event.id);
    const ids = requests.map((x) => x.id);
    const [parties, links] = await Promise.all([this.requests.partiesOf(ids), this.requests.namedDelegatesOf(ids)]);
    const [cName, dName] = await Promise.all([
      this.clusterRepo.names(parties.map((p) => p.clusterId)),
      this.delegateRepo.names(links.map((l) => l.delegateId)),
    ]);
    const header = [
      'request_id',
      'status',
      'requester',
      'receivers',
      'answers',
      'requester_interest',
      'receiver_interests',
      'requester_delegates',
      'receiver_delegates',
      'note',
      'created_at',
      'created_by_organiser',
    ];
    const body = requests.map((q) => {
      const ps = parties.filter((p) => p.requestId === q.id);
      const receivers = ps.filter((p) => p.role === 'receiver');
      const people = (side: (clusterId: string) => boolean): string =>
        links
          .filter((l) => l.requestId === q.id && side(l.clusterId))
          .map((l) => dName.get(l.delegateId) ?? l.delegateId)
          .join('; ');
      return [
        q.id,
        q.status,
        cName.get(q.requesterClusterId) ?? q.requesterClusterId,
        receivers.map((p) => cName.get(p.clusterId) ?? p.clusterId).join('; '),
        receivers.map((p) => p.response).join('; '),
        String(q.requesterInterest),
        receivers.map((p) => (p.interest === null ? '' : String(p.interest))).join('; '),
        people((c) => c === q.requesterClusterId),
        people((c) => c !== q.requesterClusterId),
        q.note,
        q.createdAt,
        q.createdByOrganiser ?? '',
      ];
    });
    return [header, ...body];
  }

  /**
   * Which of one cluster's delegates attend a pending or accepted request: a delegate for their own cluster's
   * side, an organiser for any party's (`clusterId`). When a published schedule holds the meeting the answer
   * says that the agendas change with the next re-solve.
   */
  async setAttendees(eventId: string, requestId: string, dto: AttendeesDto, p: Principal): Promise<AttendeesResponse> {
    await this.access.require(p, Permission.RequestRead, [requestId]);
    const clusterId = p.kind === 'delegate' ? p.clusterId : dto.clusterId;
    if (p.kind === 'delegate' && dto.clusterId !== undefined && dto.clusterId !== p.clusterId)
      await this.access.require(p, Permission.RequestAnswerFor, [dto.clusterId]);
    if (clusterId === undefined) throw badField('clusterId', 'name the party whose attendees change');
    const published = await this.db.transaction(async (m) => {
      const request = await this.requests.findInEvent(requestId, eventId, m);
      if (!request) throw notFound('Request', requestId);
      const party = await this.requests.party(requestId, clusterId, m);
      if (!party) throw badField('clusterId', `cluster ${clusterId} is no party of this request`);
      if (request.status !== 'pending' && request.status !== 'accepted')
        throw conflict(`The request is ${request.status}; only pending or accepted requests change attendees`);
      if (party.role === 'receiver' && party.response !== 'accepted')
        throw conflict('Your cluster has not accepted this request; choose the attendees when you accept it');
      const own = await this.delegateRepo.ofClusterAmong(clusterId, dto.delegateIds, m);
      const errors: FieldError[] = [];
      const unique = [...new Set(dto.delegateIds)];
      dto.delegateIds.forEach((id, i) => {
        if (!own.some((d) => d.id === id))
          errors.push({ path: `delegateIds[${i}]`, message: `no delegate ${id} of this cluster` });
      });
      if (errors.length)
        throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      await this.requests.setNamedDelegates(requestId, clusterId, unique, nowIso(), m);
      return this.versions.publishedHolds(eventId, requestId, m);
    });
    return {
      requestId,
      clusterId,
      delegateIds: [...new Set(dto.delegateIds)],
      ...(published
        ? { note: 'The published schedule holds this meeting: the agendas show the change after the next re-solve' }
        : {}),
    };
  }
}
