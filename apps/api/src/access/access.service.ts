import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { ParticipationEntity } from '../clusters/cluster.entity';
import { AppError, forbidden, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegateEntity } from '../delegates/delegate.entity';
import { MeetingRequestEntity, RequestPartyEntity } from '../requests/request.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';

/**
 * What a principal asks to do, and to which ids (the kind of id each permission takes is named). Organisers may do
 * all of it; a delegate only for their own cluster, their own delegate record and their cluster's requests. Roles
 * (`@Roles`) are checked before, by the guard; these are the checks that depend on the ids.
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
  /** Meeting (request) ids: mark a meeting of the published schedule on the day (issue 10); only its attendees. 404. */
  MeetingAttend = 'meeting.attend',
  /** Delegate ids: check a delegate in or out, or book their replacement meeting (issue 10); only oneself. 403. */
  CheckinSelf = 'checkin.self',
  /** Delegate ids: export or erase everything the service holds about a person (issue 17): themself only. 403. */
  PersonalData = 'personal.data',
}

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
    if (p.kind === 'organiser') return new Set(ids);
    return RULES[permission].allowed(p, ids, this.reader(m));
  }

  /** Throws the permission's error (403, or 404 where existence is private) unless every id is allowed. */
  async require(p: Principal, permission: Permission, ids: readonly string[], m?: EntityManager): Promise<void> {
    if (p.kind === 'organiser') return;
    const ok = await RULES[permission].allowed(p, ids, this.reader(m));
    const refused = ids.find((id) => !ok.has(id));
    if (refused !== undefined) throw RULES[permission].refusal(refused);
  }
}
