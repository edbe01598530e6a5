import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { meetingWeight } from '@clustermatch/domain';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { AccessService, Permission } from '../access/access.service';
import { nowIso } from '../common/clock';
import { AppError, badField, conflict, ErrorCode, FieldError, forbidden, notFound } from '../common/errors';
import { ClustersRepository } from '../clusters/clusters.repository';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { MailService } from '../mail/mail.service';
import { AcceptRequestDto, CreateRequestDto, RequestPageQueryDto, RequestQueryDto } from './dto/request.dto';
import {
  MeetingRequestEntity,
  REQUEST_STATUSES,
  RequestDelegateEntity,
  RequestPartyEntity,
  RequestStatus,
} from './request.entity';
import { readInBatches } from '../database/in-batches';
import { isUniqueViolation } from '../database/unique-violation';

export interface PartyView {
  clusterId: string;
  clusterName: string;
  role: 'requester' | 'receiver';
  response: string;
  interest: number | null;
  declineReason: string | null;
  delegates: { id: string; name: string }[];
}

export interface RequestView {
  id: string;
  eventId: string;
  status: RequestStatus;
  requesterClusterId: string;
  note: string;
  requesterInterest: number;
  parties: PartyView[];
  /** meetingWeight(requester, mean of receivers) once accepted, else null. */
  weight: number | null;
  createdAt: string;
  updatedAt: string;
  /** Made on the cluster's behalf by this organiser (null: by the cluster). */
  createdByOrganiser: string | null;
  /** Withdrawn on the cluster's behalf by this organiser. */
  cancelledByOrganiser: string | null;
}

/** A page of requests with the true number of matches and the matches per status. */
export interface RequestPage {
  total: number;
  counts: { status: RequestStatus; n: number }[];
  items: RequestView[];
}

/** An accepted request as the schedule builder needs it. */
export interface AcceptedMeeting {
  requestId: string;
  clusterIds: string[];
  delegateIds: string[];
  weight: number;
  note: string;
}

export const pairKey = (clusterIds: readonly string[]): string => [...clusterIds].sort().join(':');

export function weightOf(parties: readonly RequestPartyEntity[]): number | null {
  const requester = parties.find((p) => p.role === 'requester');
  const receivers = parties.filter((p) => p.role === 'receiver');
  if (!requester?.interest || !receivers.length || receivers.some((r) => r.response !== 'accepted' || !r.interest))
    return null;
  const mean = receivers.reduce((s, r) => s + (r.interest ?? 0), 0) / receivers.length;
  return meetingWeight(requester.interest, mean);
}

/** The API view of a request from its rows and the names of its clusters and delegates. */
function assemble(
  r: MeetingRequestEntity,
  parties: readonly RequestPartyEntity[],
  links: readonly RequestDelegateEntity[],
  cname: ReadonlyMap<string, string>,
  dname: ReadonlyMap<string, string>,
): RequestView {
  // The requester first, then the receivers by name (the rows have no order of their own).
  const ps = [...parties].sort((a, b) =>
    a.role === b.role
      ? (cname.get(a.clusterId) ?? '').localeCompare(cname.get(b.clusterId) ?? '', 'en') ||
        a.clusterId.localeCompare(b.clusterId)
      : a.role === 'requester'
        ? -1
        : 1,
  );
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status,
    requesterClusterId: r.requesterClusterId,
    note: r.note,
    requesterInterest: r.requesterInterest,
    parties: ps.map((x) => ({
      clusterId: x.clusterId,
      clusterName: cname.get(x.clusterId) ?? '',
      role: x.role,
      response: x.response,
      interest: x.interest,
      declineReason: x.declineReason ?? null,
      delegates: links
        .filter((l) => l.clusterId === x.clusterId)
        .map((l) => ({ id: l.delegateId, name: dname.get(l.delegateId) ?? '' })),
    })),
    weight: r.status === 'accepted' ? weightOf(ps) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    createdByOrganiser: r.createdByOrganiser ?? null,
    cancelledByOrganiser: r.cancelledByOrganiser ?? null,
  };
}

@Injectable()
export class RequestsService {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly access: AccessService,
    private readonly cache: ReadCache,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly events: EventsRepository,
  ) {}

  /** Pending requests of events whose deadline passed become `expired` (and free their pair). */
  async expireOverdue(eventId?: string): Promise<number> {
    const now = nowIso();
    const closed = await this.events.deadlinePassed(now, eventId || undefined);
    if (!closed.length) return 0;
    const overdue = await this.db.manager.find(MeetingRequestEntity, {
      where: { status: 'pending', eventId: In(closed) },
      select: { id: true },
    });
    if (!overdue.length) return 0;
    await this.db.transaction((m) =>
      m.update(
        MeetingRequestEntity,
        { id: In(overdue.map((o) => o.id)), status: 'pending' },
        { status: 'expired', activeKey: null, updatedAt: now },
      ),
    );
    return overdue.length;
  }

  private async event(eventId: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    return this.events.get(eventId, m);
  }

  private async checkDelegates(m: EntityManager, clusterId: string, ids: readonly string[]): Promise<DelegateEntity[]> {
    return RequestsService.chosen(clusterId, await this.delegates.byIds(ids, m), ids);
  }

  /** The delegates `ids` among `found`, each once and of the cluster `clusterId`; else 422 naming each bad one. */
  private static chosen(clusterId: string, found: readonly DelegateEntity[], ids: readonly string[]): DelegateEntity[] {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const d = found.find((x) => x.id === id);
      if (seen.has(id)) errors.push({ path: `delegateIds[${i}]`, message: 'listed twice' });
      else if (!d || d.clusterId !== clusterId)
        errors.push({ path: `delegateIds[${i}]`, message: `${id} is not a delegate of this cluster` });
      seen.add(id);
    });
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    return found.filter((d) => ids.includes(d.id));
  }

  async create(eventId: string, dto: CreateRequestDto, p: Principal): Promise<RequestView> {
    if (dto.requesterClusterId !== undefined)
      await this.access.require(p, Permission.RequestCreateFor, [dto.requesterClusterId]);
    let requester: string;
    if (p.kind === 'delegate') requester = p.clusterId;
    else {
      if (!dto.requesterClusterId) throw badField('requesterClusterId', 'organisers must name the requesting cluster');
      requester = dto.requesterClusterId;
    }
    // The event and who takes part come from the read cache (re-read after any write of their tables).
    const event = await this.cache.get(`event-row:${eventId}`, ['event'], () => this.events.find(eventId));
    if (!event) throw notFound('Event', eventId);
    if (nowIso() >= event.requestDeadline)
      throw conflict(`The request deadline of this event (${event.requestDeadline}) has passed`);
    const receivers = dto.receiverClusterIds;
    const all = [requester, ...receivers];
    await this.access.require(p, Permission.EventParticipate, [eventId]);
    const taking = await this.cache.get(
      `participants:${eventId}`,
      ['participation'],
      async () => new Set(await this.clusters.participantIds(eventId)),
    );
    if (!taking.has(requester)) throw badField('requesterClusterId', 'this cluster does not take part in the event');
    const errors: FieldError[] = [];
    receivers.forEach((id, i) => {
      const path = `receiverClusterIds[${i}]`;
      if (id === requester) errors.push({ path, message: 'a cluster cannot request a meeting with itself' });
      else if (receivers.indexOf(id) !== i) errors.push({ path, message: 'listed twice' });
      else if (!taking.has(id)) errors.push({ path, message: `cluster ${id} does not take part in this event` });
    });
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    // The delegates, names and countries come from the read cache too (read again after any write of their tables).
    const chosen = RequestsService.chosen(requester, await this.delegates.ofClusterNow(requester), dto.delegateIds);

    const id = randomUUID();
    const key = pairKey(all);
    const now = nowIso();
    const request: MeetingRequestEntity = {
      id,
      eventId,
      requesterClusterId: requester,
      status: 'pending',
      requesterInterest: dto.interest,
      note: dto.note ?? '',
      pairKey: key,
      activeKey: key,
      createdAt: now,
      updatedAt: now,
      createdByOrganiser: p.kind === 'organiser' ? p.email : null,
    };
    const parties: RequestPartyEntity[] = [
      {
        id: randomUUID(),
        requestId: id,
        clusterId: requester,
        role: 'requester',
        response: 'accepted',
        interest: dto.interest,
        respondedAt: now,
      },
      ...receivers.map((clusterId) => ({
        id: randomUUID(),
        requestId: id,
        clusterId,
        role: 'receiver' as const,
        response: 'pending' as const,
        interest: null,
        respondedAt: null,
      })),
    ];
    const links: RequestDelegateEntity[] = dto.delegateIds.map((delegateId) => ({
      requestId: id,
      delegateId,
      clusterId: requester,
    }));
    // Everything the mails say is read and rendered before the transaction, which then only writes.
    const [briefs, recipients] = await Promise.all([
      Promise.all(all.map((c) => this.clusters.briefNow(c))),
      Promise.all(receivers.map((c) => this.delegates.ofClusterNow(c))).then((lists) => lists.flat()),
    ]);
    const cname = new Map<string, string>();
    all.forEach((c, i) => {
      const brief = briefs[i];
      if (brief) cname.set(c, brief.name);
    });
    const dname = new Map(chosen.map((d) => [d.id, d.name]));
    const mails = await this.mail.requestReceivedMails({
      event,
      request,
      requesterName: cname.get(requester),
      firstDelegateName: links[0] ? dname.get(links[0].delegateId) : undefined,
      recipients,
    });
    try {
      await this.db.transaction(async (m) => {
        await this.db.insert(m, MeetingRequestEntity, [request]);
        await this.db.insert(m, RequestPartyEntity, parties);
        await this.db.insert(m, RequestDelegateEntity, links);
        // In the same transaction: the mail exists if and only if the request does.
        await this.mail.store(m, mails);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict('A pending or accepted request between these clusters exists already in this event');
      throw e;
    }
    // The answer is built from what was just written (no read-back).
    return assemble(request, parties, links, cname, dname);
  }

  /** A request the principal may see; others' requests are reported as not found. */
  private async visible(
    requestId: string,
    p: Principal,
    m: EntityManager = this.db.manager,
  ): Promise<{ r: MeetingRequestEntity; parties: RequestPartyEntity[] }> {
    const r = await m.findOneBy(MeetingRequestEntity, { id: requestId });
    if (!r) throw notFound('Request', requestId);
    await this.access.require(p, Permission.RequestRead, [requestId], m);
    const parties = await m.find(RequestPartyEntity, { where: { requestId } });
    return { r, parties };
  }

  async view(requestId: string, p: Principal): Promise<RequestView> {
    const { r } = await this.visible(requestId, p);
    const [v] = await this.views([r]);
    if (!v) throw notFound('Request', requestId);
    return v;
  }

  private async views(requests: readonly MeetingRequestEntity[]): Promise<RequestView[]> {
    if (!requests.length) return [];
    const ids = requests.map((r) => r.id);
    const m = this.db.manager;
    const parties = await readInBatches(ids, (batch) =>
      m.find(RequestPartyEntity, { where: { requestId: In(batch) } }),
    );
    const links = await readInBatches(ids, (batch) =>
      m.find(RequestDelegateEntity, { where: { requestId: In(batch) } }),
    );
    const cname = await this.clusters.names(
      parties.map((x) => x.clusterId),
      m,
    );
    const dname = await this.delegates.names(
      links.map((l) => l.delegateId),
      m,
    );
    const partiesOf = new Map<string, RequestPartyEntity[]>();
    for (const x of parties) partiesOf.set(x.requestId, [...(partiesOf.get(x.requestId) ?? []), x]);
    const linksOf = new Map<string, RequestDelegateEntity[]>();
    for (const l of links) linksOf.set(l.requestId, [...(linksOf.get(l.requestId) ?? []), l]);
    return requests.map((r) => assemble(r, partiesOf.get(r.id) ?? [], linksOf.get(r.id) ?? [], cname, dname));
  }

  /** The event's requests `p` may list (a delegate: their cluster's; `clusterId`: that cluster's), oldest first. */
  private async scoped(eventId: string, q: RequestQueryDto, p: Principal): Promise<MeetingRequestEntity[]> {
    await this.event(eventId);
    await this.expireOverdue(eventId);
    const qb = this.db.manager.createQueryBuilder(MeetingRequestEntity, 'r').where('r.eventId = :eventId', { eventId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.clusterId) await this.access.require(p, Permission.RequestListFor, [q.clusterId]);
    const involving = p.kind === 'delegate' ? p.clusterId : q.clusterId;
    if (involving) {
      qb.andWhere('EXISTS (SELECT 1 FROM request_party rp WHERE rp.request_id = r.id AND rp.cluster_id = :involving)', {
        involving,
      });
    }
    return qb.orderBy('r.createdAt', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }

  async list(eventId: string, q: RequestQueryDto, p: Principal): Promise<RequestView[]> {
    return this.views(await this.scoped(eventId, q, p));
  }

  /**
   * One page of the requests `p` may list (issue 16, item 6): every search word must occur in a cluster's name, an
   * attending delegate's name or the note; `counts` are the matches per status before the status filter, `total`
   * the matches after it. Sorting and searching run on the event's few hundred rows in memory; only the page is
   * assembled into full views.
   */
  async page(eventId: string, q: RequestPageQueryDto, p: Principal): Promise<RequestPage> {
    const { status, ...scope } = q;
    const all = await this.scoped(eventId, { ...(scope.clusterId ? { clusterId: scope.clusterId } : {}) }, p);
    const m = this.db.manager;
    const ids = all.map((r) => r.id);
    const parties = await readInBatches(ids, (batch) =>
      m.find(RequestPartyEntity, { where: { requestId: In(batch) } }),
    );
    const links = await readInBatches(ids, (batch) =>
      m.find(RequestDelegateEntity, { where: { requestId: In(batch) } }),
    );
    const cname = await this.clusters.names(
      parties.map((x) => x.clusterId),
      m,
    );
    const ws = (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    const dname = ws.length
      ? await this.delegates.names(
          links.map((l) => l.delegateId),
          m,
        )
      : new Map<string, string>();
    const partiesOf = new Map<string, RequestPartyEntity[]>();
    for (const x of parties) partiesOf.set(x.requestId, [...(partiesOf.get(x.requestId) ?? []), x]);
    const linksOf = new Map<string, RequestDelegateEntity[]>();
    for (const l of links) linksOf.set(l.requestId, [...(linksOf.get(l.requestId) ?? []), l]);
    const rows = all.map((r) => {
      const ps = partiesOf.get(r.id) ?? [];
      const requester = cname.get(r.requesterClusterId) ?? '';
      const receivers = ps
        .filter((x) => x.role === 'receiver')
        .map((x) => cname.get(x.clusterId) ?? '')
        .sort((a, b) => a.localeCompare(b, 'en'))
        .join(', ');
      const text = [requester, receivers, r.note, ...(linksOf.get(r.id) ?? []).map((l) => dname.get(l.delegateId))]
        .join('\n')
        .toLowerCase();
      return { r, requester, receivers, text, weight: r.status === 'accepted' ? weightOf(ps) : null };
    });
    const found = ws.length ? rows.filter((x) => ws.every((w) => x.text.includes(w))) : rows;
    const counts = new Map<RequestStatus, number>();
    for (const x of found) counts.set(x.r.status, (counts.get(x.r.status) ?? 0) + 1);
    const hits = status ? found.filter((x) => x.r.status === status) : found;
    const sort = q.sort ?? 'createdAt';
    const key = (x: (typeof rows)[number]): string | number | null =>
      sort === 'requester'
        ? x.requester
        : sort === 'receivers'
          ? x.receivers
          : sort === 'weight'
            ? x.weight
            : sort === 'status'
              ? x.r.status
              : x.r[sort];
    const dir = q.dir === 'desc' ? -1 : 1;
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const compare = (a: string | number | null, b: string | number | null): number => {
      if (a === b) return 0;
      if (a === null) return 1; // none last either way
      if (b === null) return -1;
      return (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b))) * dir;
    };
    // Ties keep the creation order (the rows come oldest first).
    const sorted = hits
      .map((x, i) => ({ x, i }))
      .sort((a, b) => compare(key(a.x), key(b.x)) || a.i - b.i)
      .map((e) => e.x.r);
    const offset = q.offset ?? 0;
    return {
      total: sorted.length,
      counts: REQUEST_STATUSES.filter((s) => counts.has(s)).map((s) => ({ status: s, n: counts.get(s) ?? 0 })),
      items: await this.views(sorted.slice(offset, offset + (q.limit ?? 25))),
    };
  }

  private async answeringCluster(
    p: Principal,
    clusterId: string | undefined,
    parties: readonly RequestPartyEntity[],
    m: EntityManager,
  ): Promise<RequestPartyEntity> {
    if (clusterId !== undefined) await this.access.require(p, Permission.RequestAnswerFor, [clusterId], m);
    const cid = p.kind === 'delegate' ? p.clusterId : clusterId;
    if (!cid) throw badField('clusterId', 'organisers must name the receiving cluster that answers');
    const party = parties.find((x) => x.clusterId === cid && x.role === 'receiver');
    if (!party) throw forbidden('Only a receiving cluster answers a request');
    return party;
  }

  private async answer(
    requestId: string,
    p: Principal,
    clusterId: string | undefined,
    accept?: AcceptRequestDto,
    declineReason?: string,
  ): Promise<RequestView> {
    await this.visible(requestId, p);
    await this.expireOverdue();
    await this.db.transaction(async (m) => {
      const { r, parties } = await this.visible(requestId, p, m);
      const party = await this.answeringCluster(p, clusterId, parties, m);
      if (party.response !== 'pending') throw conflict(`Your cluster has ${party.response} this request already`);
      if (r.status !== 'pending') throw conflict(`The request is ${r.status}`);
      if (accept) await this.checkDelegates(m, party.clusterId, accept.delegateIds);
      const now = nowIso();
      const res = await m
        .createQueryBuilder()
        .update(RequestPartyEntity)
        .set({
          response: accept ? 'accepted' : 'declined',
          interest: accept ? accept.interest : null,
          respondedAt: now,
          declineReason: !accept && declineReason?.trim() ? declineReason.trim() : null,
        })
        .where("id = :id AND response = 'pending'", { id: party.id })
        .execute();
      if (res.affected !== 1) throw conflict('This request was answered already');
      if (accept)
        await m.insert(
          RequestDelegateEntity,
          accept.delegateIds.map((delegateId) => ({ requestId, delegateId, clusterId: party.clusterId })),
        );
      const others = parties.filter((x) => x.role === 'receiver' && x.id !== party.id);
      let status: RequestStatus = 'pending';
      if (!accept) status = 'declined';
      else if (others.every((x) => x.response === 'accepted')) status = 'accepted';
      if (status !== 'pending') {
        await m.update(
          MeetingRequestEntity,
          { id: requestId },
          { status, activeKey: status === 'declined' ? null : r.activeKey, updatedAt: now },
        );
      } else await m.update(MeetingRequestEntity, { id: requestId }, { updatedAt: now });
      await this.mail.queueRequestAnswered(m, requestId, party.clusterId, accept !== undefined);
    });
    return this.view(requestId, p);
  }

  accept(requestId: string, dto: AcceptRequestDto, p: Principal): Promise<RequestView> {
    return this.answer(requestId, p, dto.clusterId, dto);
  }

  decline(requestId: string, clusterId: string | undefined, p: Principal, reason?: string): Promise<RequestView> {
    return this.answer(requestId, p, clusterId, undefined, reason);
  }

  /** The requester withdraws a pending or accepted request (after publishing this is a cancellation). */
  async withdraw(requestId: string, p: Principal): Promise<RequestView> {
    await this.db.transaction(async (m) => {
      const { r } = await this.visible(requestId, p, m);
      await this.access.require(p, Permission.RequestWithdraw, [r.id], m);
      if (r.status !== 'pending' && r.status !== 'accepted') throw conflict(`The request is ${r.status}`);
      const res = await m
        .createQueryBuilder()
        .update(MeetingRequestEntity)
        .set({
          status: 'withdrawn',
          activeKey: null,
          updatedAt: nowIso(),
          cancelledByOrganiser: p.kind === 'organiser' ? p.email : null,
        })
        .where('id = :id AND status IN (:...st)', { id: requestId, st: ['pending', 'accepted'] })
        .execute();
      if (res.affected !== 1) throw conflict('The request changed meanwhile');
    });
    return this.view(requestId, p);
  }

  /** Accepted requests of an event with their delegates and weight (for building the solver problem). */
  async acceptedMeetings(eventId: string, m: EntityManager = this.db.manager): Promise<AcceptedMeeting[]> {
    const requests = await m.find(MeetingRequestEntity, {
      where: { eventId, status: 'accepted' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const out: AcceptedMeeting[] = [];
    for (let i = 0; i < requests.length; i += 500) {
      const chunk = requests.slice(i, i + 500);
      const ids = chunk.map((r) => r.id);
      // In turn: `m` may be a transaction's, one connection (see `ProblemBuilder.build`).
      const parties = await m.find(RequestPartyEntity, { where: { requestId: In(ids) } });
      const links = await m.find(RequestDelegateEntity, { where: { requestId: In(ids) } });
      for (const r of chunk) {
        const ps = parties.filter((x) => x.requestId === r.id);
        const weight = weightOf(ps);
        if (weight === null) continue;
        out.push({
          requestId: r.id,
          clusterIds: ps.map((x) => x.clusterId),
          delegateIds: links.filter((l) => l.requestId === r.id).map((l) => l.delegateId),
          weight,
          note: r.note,
        });
      }
    }
    return out;
  }
}
