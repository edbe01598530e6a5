import { Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from './request.entity';

/** The requests feature's tables, as other features read them. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly db: Db) {}

  /** The request; 404 when there is none. */
  async get(id: string, m: EntityManager = this.db.manager): Promise<MeetingRequestEntity> {
    const r = await m.findOne(MeetingRequestEntity, { where: { id } });
    if (!r) throw notFound('Request', id);
    return r;
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
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500)
      for (const r of await m.find(MeetingRequestEntity, { where: { id: In(unique.slice(i, i + 500)) } }))
        if (r.note.trim() !== '') out[r.id] = r.note;
    return out;
  }
}

@Module({ providers: [RequestsRepository], exports: [RequestsRepository] })
export class RequestsRepositoryModule {}
