import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { scrubColumn, type FreeTextScrub } from '../database/scrub-column';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from './request.entity';
import { readInBatches } from '../database/in-batches';

/** A receiving side of a request, with the request (the recommendations' facts about pairs of clusters). */
export interface ReceiverSide {
  request_id: string;
  event_id: string;
  status: string;
  requester: string;
  requester_interest: number;
  receiver: string;
  response: string;
  interest: number | null;
}

/** The requests feature's tables, as other features read them. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly db: Db) {}

  // Read (and the attendees changed) by the participants page and the segments (issue 15, item 4).

  /** How many pending or accepted requests of the event each cluster is a party of, by cluster id. */
  async openCountsByCluster(eventId: string, m: EntityManager = this.db.manager): Promise<Map<string, number>> {
    const rows = await m
      .createQueryBuilder(RequestPartyEntity, 'rp')
      .innerJoin(MeetingRequestEntity, 'r', 'r.id = rp.requestId')
      .select('rp.clusterId', 'clusterId')
      .addSelect('COUNT(*)', 'n')
      .where('r.eventId = :eventId AND r.status IN (:...open)', { eventId, open: ['pending', 'accepted'] })
      .groupBy('rp.clusterId')
      .getRawMany<{ clusterId: string; n: string | number }>();
    return new Map(rows.map((p) => [p.clusterId, Number(p.n)]));
  }

  /** Every request of the event, oldest first. */
  ofEvent(eventId: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity[]> {
    return m.find(MeetingRequestEntity, { where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The request if it belongs to the event; null otherwise. */
  findInEvent(id: string, eventId: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity | null> {
    return m.findOneBy(MeetingRequestEntity, { id, eventId });
  }

  /** Replaces the delegates a cluster names for the request (who attend for it) and notes the change on the request. */
  async setNamedDelegates(
    requestId: string,
    clusterId: string,
    delegateIds: readonly string[],
    updatedAt: string,
    m: EntityManager,
  ): Promise<void> {
    await m.delete(RequestDelegateEntity, { requestId, clusterId });
    await m.insert(
      RequestDelegateEntity,
      delegateIds.map((delegateId) => ({ requestId, delegateId, clusterId })),
    );
    await m.update(MeetingRequestEntity, { id: requestId }, { updatedAt });
  }

  /** The request; 404 when there is none. */
  async get(id: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity> {
    const r = await m.findOne(MeetingRequestEntity, { where: { id } });
    if (!r) throw notFound('Request', id);
    return r;
  }

  /** How many pending or accepted requests of the event the cluster is a party of. */
  countOpenOfCluster(eventId: string, clusterId: string, m: EntityManager = this.db.manager): Promise<number> {
    return m
      .createQueryBuilder(RequestPartyEntity, 'rp')
      .innerJoin(MeetingRequestEntity, 'r', 'r.id = rp.requestId')
      .where('rp.clusterId = :clusterId AND r.eventId = :eventId AND r.status IN (:...st)', {
        clusterId,
        eventId,
        st: ['pending', 'accepted'],
      })
      .getCount();
  }

  /** Every receiving side (in any event) of the requests that any of these clusters sent or received. */
  receiverSidesInvolving(clusterIds: readonly string[], m: EntityManager = this.db.manager): Promise<ReceiverSide[]> {
    if (!clusterIds.length) return Promise.resolve([]);
    return m
      .createQueryBuilder(RequestPartyEntity, 'p')
      .innerJoin(MeetingRequestEntity, 'r', 'r.id = p.requestId')
      .select([
        'r.id AS request_id',
        'r.eventId AS event_id',
        'r.status AS status',
        'r.requesterClusterId AS requester',
        'r.requesterInterest AS requester_interest',
        'p.clusterId AS receiver',
        'p.response AS response',
        'p.interest AS interest',
      ])
      .where("p.role = 'receiver'")
      .andWhere('(p.clusterId IN (:...ids) OR r.requesterClusterId IN (:...ids))', { ids: [...clusterIds] })
      .getRawMany<ReceiverSide>();
  }

  /** The cluster's pending and accepted requests of the event, with all their parties. */
  async openOfClusterInEvent(
    eventId: string,
    clusterId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ requests: MeetingRequestEntity[]; parties: RequestPartyEntity[] }> {
    const requestIds = (await m.find(RequestPartyEntity, { where: { clusterId } })).map((p) => p.requestId);
    const requests = await readInBatches(requestIds, (batch) =>
      m.find(MeetingRequestEntity, { where: { id: In(batch), eventId, status: In(['pending', 'accepted']) } }),
    );
    const parties = requests.length
      ? await m.find(RequestPartyEntity, { where: { requestId: In(requests.map((r) => r.id)) } })
      : [];
    return { requests, parties };
  }

  /** Accepts a pending request on site: the request and its pending receivers (with interest 3). */
  async acceptOnSite(requestId: string, now: string, m: EntityManager): Promise<void> {
    await m.update(MeetingRequestEntity, { id: requestId }, { status: 'accepted', updatedAt: now });
    await m.update(
      RequestPartyEntity,
      { requestId, role: 'receiver', response: 'pending' },
      { response: 'accepted', interest: 3, respondedAt: now },
    );
  }

  /** The event's live request of this pair of clusters (`activeKey`), if any. */
  active(eventId: string, activeKey: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity | null> {
    return m.findOne(MeetingRequestEntity, { where: { eventId, activeKey } });
  }

  /** Writes a request with its parties and named delegates (one booked on site). */
  async insert(
    request: MeetingRequestEntity,
    parties: readonly RequestPartyEntity[],
    named: readonly RequestDelegateEntity[],
    m: EntityManager,
  ): Promise<void> {
    await m.insert(MeetingRequestEntity, request);
    if (parties.length) await m.insert(RequestPartyEntity, [...parties]);
    if (named.length) await m.insert(RequestDelegateEntity, [...named]);
  }

  /** The status of each of the event's requests (id and status). */
  statusesOfEvent(
    eventId: string,
    m: EntityManager = this.db.manager,
  ): Promise<Pick<MeetingRequestEntity, 'id' | 'status'>[]> {
    return m.find(MeetingRequestEntity, { where: { eventId }, select: { id: true, status: true } });
  }

  /** The event's accepted requests, oldest first. */
  acceptedOfEvent(eventId: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity[]> {
    return m.find(MeetingRequestEntity, {
      where: { eventId, status: 'accepted' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The parties of these requests (500 requests a statement). */
  async partiesOf(requestIds: readonly string[], m: EntityManager = this.db.manager): Promise<RequestPartyEntity[]> {
    return readInBatches(requestIds, (batch) => m.find(RequestPartyEntity, { where: { requestId: In(batch) } }));
  }

  /** The delegates named for these requests (500 requests a statement). */
  async namedDelegatesOf(
    requestIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<RequestDelegateEntity[]> {
    return readInBatches(requestIds, (batch) => m.find(RequestDelegateEntity, { where: { requestId: In(batch) } }));
  }

  /** The status of each of these requests, by id (unknown ids are left out). */
  async statuses(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await readInBatches(ids, (batch) => m.find(MeetingRequestEntity, { where: { id: In(batch) } }));
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** Those of these requests that are accepted. */
  async acceptedAmong(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const rows = await readInBatches(ids, (batch) =>
      m.find(MeetingRequestEntity, { where: { id: In(batch), status: 'accepted' } }),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The ids of the pending or accepted requests the delegate attends, in id order. */
  async openOfDelegate(delegateId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(RequestDelegateEntity, 'rd')
      .innerJoin(MeetingRequestEntity, 'r', 'r.id = rd.requestId')
      .select('r.id', 'id')
      .where('rd.delegateId = :delegateId', { delegateId })
      .andWhere('r.status IN (:...open)', { open: ['pending', 'accepted'] })
      .orderBy('r.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** The requests the cluster is a party of, in every event, newest first, with all their parties. */
  async ofCluster(
    clusterId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ requests: MeetingRequestEntity[]; parties: RequestPartyEntity[] }> {
    const requestIds = (await m.find(RequestPartyEntity, { where: { clusterId } })).map((p) => p.requestId);
    if (!requestIds.length) return { requests: [], parties: [] };
    // In turn: `m` may be a transaction's, one connection (see `ProblemBuilder.build`).
    const requests = await m.find(MeetingRequestEntity, {
      where: { id: In(requestIds) },
      order: { createdAt: 'DESC' },
    });
    const parties = await m.find(RequestPartyEntity, { where: { requestId: In(requestIds) } });
    return { requests, parties };
  }

  parties(requestId: string, m: EntityManager = this.db.manager): Promise<RequestPartyEntity[]> {
    return m.find(RequestPartyEntity, { where: { requestId } });
  }

  /** A cluster's side of the request (its answer and decline reason); null when it is no party. */
  party(requestId: string, clusterId: string, m: EntityManager = this.db.manager): Promise<RequestPartyEntity | null> {
    return m.findOne(RequestPartyEntity, { where: { requestId, clusterId } });
  }

  /** The delegates a cluster named for the request (who attend for it), in the order stored. */
  async namedDelegateIds(requestId: string, clusterId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(RequestDelegateEntity, { where: { requestId, clusterId } })).map((d) => d.delegateId);
  }

  /** The notes of these requests that are not blank, by request id. */
  async notes(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const r of await readInBatches(ids, (batch) => m.find(MeetingRequestEntity, { where: { id: In(batch) } })))
      if (r.note.trim() !== '') out[r.id] = r.note;
    return out;
  }

  // Privacy (issue 17): the export and the erasure.

  /** The requests the delegate is named for, with all their parties. */
  async ofDelegate(
    delegateId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ requests: MeetingRequestEntity[]; parties: RequestPartyEntity[] }> {
    const requestIds = (await m.find(RequestDelegateEntity, { where: { delegateId } })).map((r) => r.requestId);
    if (!requestIds.length) return { requests: [], parties: [] };
    const requests = await m.find(MeetingRequestEntity, { where: { id: In(requestIds) } });
    const parties = await m.find(RequestPartyEntity, { where: { requestId: In(requestIds) } });
    return { requests, parties };
  }

  /**
   * Takes the person out of the requests' notes and the parties' decline reasons, in the caller's transaction; how
   * many rows changed.
   */
  async scrubFreeTexts(s: FreeTextScrub, m: EntityManager): Promise<number> {
    return (
      (await scrubColumn(m, MeetingRequestEntity, 'id', 'note', s)) +
      (await scrubColumn(m, RequestPartyEntity, 'id', 'declineReason', s))
    );
  }
}

@Module({ providers: [RequestsRepository], exports: [RequestsRepository] })
export class RequestsRepositoryModule {}
