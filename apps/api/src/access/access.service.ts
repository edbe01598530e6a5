import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { OrganiserPrincipal, Principal } from '../auth/decorators';
import { OrganiserEntity } from '../auth/organiser.entity';
import { OrganiserInvitationEntity } from '../organisations/organiser-invitation.entity';
import { ClusterEntity, ParticipationEntity } from '../clusters/cluster.entity';
import { CollaborationPartnerEntity } from '../collaborations/collaboration.entity';
import { AppError, forbidden, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegateEntity } from '../delegates/delegate.entity';
import { EventEntity } from '../events/event.entity';
import { MeetingRequestEntity, RequestPartyEntity } from '../requests/request.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';

/**
 * What a principal asks to do, and to which ids (the kind of id each permission takes is named). Organisers may do
 * it to the resources of their own organisation (a resource of another organisation is 404: its existence is
 * private); a delegate only for their own cluster, their own delegate record and their cluster's requests. Roles
 * (`@Roles`, `@OrganiserRoles`, viewers read-only) are checked before, by the guard; these are the checks that
 * depend on the ids.
 */
export enum Permission {
  /** Cluster ids: read or change a cluster's private data (profile, delegates, history). 403. */
  ClusterPrivate = 'cluster.private',
  /** Cluster ids: request meetings on behalf of the cluster. 403. */
  RequestCreateFor = 'request.createFor',
  /** Cluster ids: list the requests involving the cluster. 403. */
  RequestListFor = 'request.listFor',
  /** Cluster ids: accept or decline as the cluster. 403. */
  RequestAnswerFor = 'request.answerFor',
  /** Event ids: act in the event (directory, requests, unavailability). 403 for a cluster that does not take part. */
  EventParticipate = 'event.participate',
  /** Event ids: read the event's feedback survey. 403 for a cluster that does not take part. */
  FeedbackSurveyRead = 'feedback.surveyRead',
  /** Event ids: a delegate's own agenda, feed and calendar of the event. 404 for a cluster that does not take part. */
  EventAgenda = 'event.agenda',
  /** Delegate ids: read or change a delegate. Another cluster's delegate is 404 (its existence is private). */
  DelegateRead = 'delegate.read',
  /** Delegate ids: read the delegate's agenda. 403. */
  AgendaRead = 'agenda.read',
  /** Request ids: see a request. Another cluster's request is 404 (its existence is private). */
  RequestRead = 'request.read',
  /** Request ids: withdraw a request (its requesting cluster only). 403. */
  RequestWithdraw = 'request.withdraw',
  /** Event ids: run the event (setup, participants, drafts, exports). Organisers of its organisation; delegates 403. */
  EventOrganise = 'event.organise',
  /** Cluster ids: manage the cluster as an organiser (label, delegates, invitations). Delegates 403. */
  ClusterOrganise = 'cluster.organise',
  /** Delegate ids: manage the delegate as an organiser (login links, removal). Delegates 403. */
  DelegateOrganise = 'delegate.organise',
  /** Request ids: act on a request as an organiser. Delegates 403. */
  RequestOrganise = 'request.organise',
  /** Meeting (request) ids: mark a meeting of the published schedule on the day (issue 10); only its attendees. 404. */
  MeetingAttend = 'meeting.attend',
  /** Delegate ids: check a delegate in or out, or book their replacement meeting (issue 10); only oneself. 403. */
  CheckinSelf = 'checkin.self',
  /** Delegate ids: export or erase everything the service holds about a person (issue 17): themself only. 403. */
  PersonalData = 'personal.data',
}

/** The kinds of id whose organisation the service can tell (`AccessService.inOrganisation`). */
export type OwnedKind = 'event' | 'cluster' | 'delegate' | 'request' | 'collaboration' | 'organiser' | 'invitation';

const KIND_NAME: Record<OwnedKind, string> = {
  event: 'Event',
  cluster: 'Cluster',
  delegate: 'Delegate',
  request: 'Request',
  collaboration: 'Collaboration',
  organiser: 'Organiser',
  invitation: 'Invitation',
};

/** The ids of `ids` (of `kind`) that belong to organisation `orgId`. */
async function ownedBy(kind: OwnedKind, orgId: string, ids: readonly string[], m: EntityManager) {
  const unique = [...new Set(ids)];
  if (!unique.length || !orgId) return new Set<string>();
  let rows: { id: string }[];
  switch (kind) {
    case 'event':
      rows = await m.find(EventEntity, { where: { id: In(unique), organisationId: orgId }, select: { id: true } });
      break;
    case 'cluster':
      rows = await m.find(ClusterEntity, { where: { id: In(unique), organisationId: orgId }, select: { id: true } });
      break;
    case 'delegate':
      rows = await m
        .createQueryBuilder(DelegateEntity, 'd')
        .innerJoin(ClusterEntity, 'c', 'c.id = d.clusterId')
        .select('d.id', 'id')
        .where('d.id IN (:...ids) AND c.organisationId = :orgId', { ids: unique, orgId })
        .getRawMany<{ id: string }>();
      break;
    case 'request':
      rows = await m
        .createQueryBuilder(MeetingRequestEntity, 'r')
        .innerJoin(EventEntity, 'e', 'e.id = r.eventId')
        .select('r.id', 'id')
        .where('r.id IN (:...ids) AND e.organisationId = :orgId', { ids: unique, orgId })
        .getRawMany<{ id: string }>();
      break;
    case 'organiser':
      rows = await m.find(OrganiserEntity, { where: { id: In(unique), organisationId: orgId }, select: { id: true } });
      break;
    case 'invitation':
      rows = await m.find(OrganiserInvitationEntity, {
        where: { id: In(unique), organisationId: orgId },
        select: { id: true },
      });
      break;
    case 'collaboration':
      rows = await m
        .createQueryBuilder(CollaborationPartnerEntity, 'cp')
        .innerJoin(ClusterEntity, 'c', 'c.id = cp.clusterId')
        .select('DISTINCT cp.collaborationId', 'id')
        .where('cp.collaborationId IN (:...ids) AND c.organisationId = :orgId', { ids: unique, orgId })
        .getRawMany<{ id: string }>();
      break;
  }
  return new Set(rows.map((r) => r.id));
}

/** Which kind of id each permission takes (the organiser rule: the id belongs to the organiser's organisation). */
export const PERMISSION_KIND: Record<Permission, OwnedKind> = {
  [Permission.ClusterPrivate]: 'cluster',
  [Permission.RequestCreateFor]: 'cluster',
  [Permission.RequestListFor]: 'cluster',
  [Permission.RequestAnswerFor]: 'cluster',
  [Permission.EventParticipate]: 'event',
  [Permission.FeedbackSurveyRead]: 'event',
  [Permission.EventAgenda]: 'event',
  [Permission.DelegateRead]: 'delegate',
  [Permission.AgendaRead]: 'delegate',
  [Permission.RequestRead]: 'request',
  [Permission.RequestWithdraw]: 'request',
  [Permission.EventOrganise]: 'event',
  [Permission.ClusterOrganise]: 'cluster',
  [Permission.DelegateOrganise]: 'delegate',
  [Permission.RequestOrganise]: 'request',
  [Permission.MeetingAttend]: 'request',
  [Permission.CheckinSelf]: 'delegate',
  [Permission.PersonalData]: 'delegate',
};

type DelegatePrincipal = Extract<Principal, { kind: 'delegate' }>;

/** Where a rule reads: the manager (the caller's transaction, or the default one) and the read cache. */
interface Reader {
  readonly m: EntityManager;
  /** Set when `m` is the default manager: a transaction must read its own writes, not a cached answer. */
  readonly cache?: ReadCache;
}

interface Rule {
  /** The ids of `ids` the delegate may use. */
  allowed(p: DelegatePrincipal, ids: readonly string[], r: Reader): Promise<Set<string>>;
  /** The error for the first id refused. */
  refusal(id: string): AppError;
}

const ownCluster = (p: DelegatePrincipal, ids: readonly string[]): Promise<Set<string>> =>
  Promise.resolve(new Set(ids.filter((id) => id === p.clusterId)));

/** The events the delegate's cluster takes part in, of `eventIds` (all of them from the read cache when it may). */
async function participating(p: DelegatePrincipal, eventIds: readonly string[], { m, cache }: Reader) {
  if (!eventIds.length) return new Set<string>();
  if (cache?.enabled) {
    const all = await cache.get(`participation:${p.clusterId}`, ['participation'], async () => {
      const rows = await m.find(ParticipationEntity, { where: { clusterId: p.clusterId }, select: { eventId: true } });
      return new Set(rows.map((r) => r.eventId));
    });
    return new Set(eventIds.filter((id) => all.has(id)));
  }
  const rows = await m.find(ParticipationEntity, {
    where: { eventId: In([...eventIds]), clusterId: p.clusterId },
    select: { eventId: true },
  });
  return new Set(rows.map((r) => r.eventId));
}

const RULES: Record<Permission, Rule> = {
  [Permission.ClusterPrivate]: {
    allowed: ownCluster,
    refusal: () => forbidden("A delegate may only read or change their own cluster's private data"),
  },
  [Permission.RequestCreateFor]: {
    allowed: ownCluster,
    refusal: () => forbidden('A delegate requests for their own cluster only'),
  },
  [Permission.RequestListFor]: {
    allowed: ownCluster,
    refusal: () => forbidden("A delegate sees only their own cluster's requests"),
  },
  [Permission.RequestAnswerFor]: {
    allowed: ownCluster,
    refusal: () => forbidden('A delegate answers for their own cluster only'),
  },
  [Permission.EventParticipate]: {
    allowed: participating,
    refusal: () => forbidden('Your cluster does not take part in this event'),
  },
  [Permission.FeedbackSurveyRead]: {
    allowed: participating,
    refusal: () => forbidden('A delegate may only read the feedback survey of an event their cluster takes part in'),
  },
  [Permission.EventAgenda]: {
    allowed: participating,
    refusal: (id) => notFound('Event', id),
  },
  [Permission.DelegateRead]: {
    async allowed(p, ids, { m }) {
      if (!ids.length) return new Set();
      const rows = await m.find(DelegateEntity, {
        where: { id: In([...ids]), clusterId: p.clusterId },
        select: { id: true },
      });
      return new Set(rows.map((r) => r.id));
    },
    refusal: (id) => notFound('Delegate', id),
  },
  [Permission.AgendaRead]: {
    allowed: (p, ids) => Promise.resolve(new Set(ids.filter((id) => id === p.delegateId))),
    refusal: () => forbidden('A delegate sees only their own agenda'),
  },
  [Permission.RequestRead]: {
    async allowed(p, ids, { m }) {
      if (!ids.length) return new Set();
      const rows = await m.find(RequestPartyEntity, {
        where: { requestId: In([...ids]), clusterId: p.clusterId },
        select: { requestId: true },
      });
      return new Set(rows.map((r) => r.requestId));
    },
    refusal: (id) => notFound('Request', id),
  },
  [Permission.RequestWithdraw]: {
    async allowed(p, ids, { m }) {
      if (!ids.length) return new Set();
      const rows = await m.find(MeetingRequestEntity, {
        where: { id: In([...ids]), requesterClusterId: p.clusterId },
        select: { id: true },
      });
      return new Set(rows.map((r) => r.id));
    },
    refusal: () => forbidden('Only the requesting cluster withdraws a request'),
  },
  [Permission.EventOrganise]: {
    allowed: () => Promise.resolve(new Set()),
    refusal: () => forbidden('Only organisers run an event'),
  },
  [Permission.ClusterOrganise]: {
    allowed: () => Promise.resolve(new Set()),
    refusal: () => forbidden('Only organisers manage a cluster'),
  },
  [Permission.DelegateOrganise]: {
    allowed: () => Promise.resolve(new Set()),
    refusal: () => forbidden('Only organisers manage a delegate'),
  },
  [Permission.RequestOrganise]: {
    allowed: () => Promise.resolve(new Set()),
    refusal: () => forbidden('Only organisers do this to a request'),
  },
  [Permission.MeetingAttend]: {
    async allowed(p, ids, { m }) {
      if (!ids.length) return new Set();
      const rows = await m
        .createQueryBuilder(ScheduleAssignmentEntity, 'a')
        .innerJoin(ScheduleVersionEntity, 'v', 'v.id = a.versionId AND v.state = :state', { state: 'published' })
        .where('a.requestId IN (:...ids)', { ids: [...ids] })
        .select(['a.requestId', 'a.delegateIds'])
        .getMany();
      return new Set(rows.filter((r) => r.delegateIds.includes(p.delegateId)).map((r) => r.requestId));
    },
    refusal: (id) => notFound('Meeting', id),
  },
  [Permission.CheckinSelf]: {
    allowed: (p, ids) => Promise.resolve(new Set(ids.filter((id) => id === p.delegateId))),
    refusal: () => forbidden('A delegate may only check in themselves'),
  },
  [Permission.PersonalData]: {
    allowed: (p, ids) => Promise.resolve(new Set(ids.filter((id) => id === p.delegateId))),
    refusal: () => forbidden("A delegate may only export or erase their own data, never someone else's"),
  },
};

/**
 * The one answer to "may this principal do this to these ids?" (after immich's `requireAccess`). Services call
 * `await this.access.require(principal, Permission.X, [id])` first and never compare ids with the principal
 * themselves; `allowed()` filters a list instead of refusing it. Pass the transaction's manager when the check runs
 * inside one. Outside a transaction, whether a cluster takes part in an event comes from the read cache (until the
 * participation table is written). The authorisation-matrix test (`apps/api/test/authz-matrix.e2e.spec.ts`) is the proof.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  private reader(m: EntityManager | undefined): Reader {
    return m === undefined || m === this.db.manager ? { m: this.db.manager, cache: this.cache } : { m };
  }

  /** The ids of `ids` the principal may use for `permission`. */
  async allowed(p: Principal, permission: Permission, ids: readonly string[], m?: EntityManager): Promise<Set<string>> {
    if (p.kind === 'organiser') return this.owned(p.organisationId, PERMISSION_KIND[permission], ids, m);
    return RULES[permission].allowed(p, ids, this.reader(m));
  }

  /**
   * Throws the permission's error unless every id is allowed: for delegates 403 (or 404 where existence is
   * private); for organisers 404 for an id outside their organisation (what another organisation has is private).
   */
  async require(p: Principal, permission: Permission, ids: readonly string[], m?: EntityManager): Promise<void> {
    if (p.kind === 'organiser') return this.requireInOrganisation(p, PERMISSION_KIND[permission], ids, m);
    const ok = await RULES[permission].allowed(p, ids, this.reader(m));
    const refused = ids.find((id) => !ok.has(id));
    if (refused !== undefined) throw RULES[permission].refusal(refused);
  }

  /** The ids of `ids` (of `kind`) that belong to organisation `organisationId` (from the read cache where it may). */
  async owned(
    organisationId: string,
    kind: OwnedKind,
    ids: readonly string[],
    m?: EntityManager,
  ): Promise<Set<string>> {
    const r = this.reader(m);
    if (r.cache?.enabled && (kind === 'event' || kind === 'cluster') && ids.length <= 4) {
      const ok = new Set<string>();
      for (const id of ids) {
        const org = await r.cache.get(`${kind}-organisation:${id}`, [kind], async () => {
          const row = await r.m.findOne(kind === 'event' ? EventEntity : ClusterEntity, {
            where: { id },
            select: { id: true, organisationId: true },
          });
          return row?.organisationId ?? null;
        });
        if (org !== null && org === organisationId) ok.add(id);
      }
      return ok;
    }
    return ownedBy(kind, organisationId, ids, r.m);
  }

  /** 404 (named by kind) for the first id of `ids` that is not of the organiser's organisation. */
  async requireInOrganisation(
    p: OrganiserPrincipal,
    kind: OwnedKind,
    ids: readonly string[],
    m?: EntityManager,
  ): Promise<void> {
    const ok = await this.owned(p.organisationId, kind, ids, m);
    const refused = ids.find((id) => !ok.has(id));
    if (refused !== undefined) throw notFound(KIND_NAME[kind], refused);
  }

  /** The organisation of a delegate's cluster ('' if the cluster is gone), from the read cache where it may. */
  async organisationOfCluster(clusterId: string): Promise<string> {
    const load = async () =>
      (
        await this.db.manager.findOne(ClusterEntity, {
          where: { id: clusterId },
          select: { id: true, organisationId: true },
        })
      )?.organisationId ?? '';
    return this.cache.enabled ? this.cache.get(`cluster-organisation-of:${clusterId}`, ['cluster'], load) : load();
  }
}
