import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { AuthRepository } from '../auth/auth.repository';
import { ClustersRepository } from '../clusters/clusters.repository';
import { badField } from '../common/errors';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { mailLanguage, type UserLanguage } from '../common/language';
import type { MeetingRequestEntity, RequestPartyEntity } from '../requests/request.entity';
import { RequestsRepository } from '../requests/requests.repository';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { ContactPreferenceEntity } from './comms.entity';
import { readInBatches } from '../database/in-batches';

export const SEGMENT_KINDS = [
  'all',
  'no-requests',
  'unanswered-requests',
  'few-meetings',
  'country',
  'sector',
  'not-signed-in',
  'delegates',
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** Who a mailing goes to (the fields a kind needs: `minMeetings`, `country`, `sectorId`, `delegateIds`). */
export interface Segment {
  readonly kind: SegmentKind;
  readonly minMeetings?: number;
  readonly country?: string;
  readonly sectorId?: string;
  readonly delegateIds?: string[];
}

/** A delegate a mailing or nudge may go to, with what its placeholders need. */
export interface Contact {
  readonly delegateId: string;
  readonly name: string;
  readonly email: string;
  readonly clusterId: string;
  readonly clusterName: string;
  readonly country: string;
  /** The language the delegate is written in (`mailLanguage`: own choice, event's default, country). */
  readonly language: UserLanguage;
  /** Accepted meetings of the delegate's cluster in the event. */
  readonly meetings: number;
  readonly unsubscribed: boolean;
  readonly bounced: boolean;
}

/** Everything segments are computed from, read once per call. */
export interface Audience {
  readonly event: EventEntity;
  readonly contacts: readonly Contact[];
  /** Clusters that are a party (requester or receiver) to a request of the event, any state. */
  readonly withRequests: ReadonlySet<string>;
  /** Clusters that are a receiver with no answer yet on a pending request. */
  readonly unanswered: ReadonlySet<string>;
  readonly requests: readonly MeetingRequestEntity[];
  readonly parties: readonly RequestPartyEntity[];
}

/**
 * The segments of an event's participants (the delegates of the clusters taking part), computed in
 * memory from one read of the event's clusters, delegates and requests: simple to reason about and
 * the same on SQLite and PostgreSQL (an event has hundreds of clusters, not millions).
 *
 * - `all`: every delegate;
 * - `no-requests`: delegates of clusters that have neither sent nor received a request in the event (any state);
 * - `unanswered-requests`: delegates of clusters that have received a pending request they have not answered;
 * - `few-meetings`: delegates of clusters with fewer than `minMeetings` accepted meetings (a request counts for
 *   its requester and for each receiver that accepted it);
 * - `country`: delegates of clusters from `country` (ISO code);
 * - `sector`: delegates of clusters in the sector `sectorId`;
 * - `not-signed-in`: delegates who have never signed in (no login link or invitation link used);
 * - `delegates`: the hand-picked delegates `delegateIds`.
 */
@Injectable()
export class Segments {
  constructor(
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly requests: RequestsRepository,
    private readonly auth: AuthRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  async audience(m: EntityManager, eventId: string): Promise<Audience> {
    const event = await this.events.get(eventId, m);
    const clusterIds = await this.clusters.participantIds(eventId, m);
    const clusters = await this.clusters.byIds(clusterIds, m);
    const delegates = await this.delegates.ofClusters(clusterIds, m);
    const prefs = delegates.length
      ? await readInBatches(
          delegates.map((d) => d.id),
          (ids) => m.findBy(ContactPreferenceEntity, { delegateId: In(ids) }),
        )
      : [];
    const requests = await this.requests.ofEvent(eventId, m);
    const parties = await this.requests.partiesOf(
      requests.map((r) => r.id),
      m,
    );
    const byId = new Map(requests.map((r) => [r.id, r]));
    const meetings = new Map<string, number>();
    const withRequests = new Set<string>();
    const unanswered = new Set<string>();
    for (const p of parties) {
      const r = byId.get(p.requestId);
      if (!r) continue;
      withRequests.add(p.clusterId);
      if (r.status === 'accepted' && (p.role === 'requester' || p.response === 'accepted'))
        meetings.set(p.clusterId, (meetings.get(p.clusterId) ?? 0) + 1);
      if (r.status === 'pending' && p.role === 'receiver' && p.response === 'pending') unanswered.add(p.clusterId);
    }
    const clusterOf = new Map(clusters.map((c) => [c.id, c]));
    const prefOf = new Map(prefs.map((p) => [p.delegateId, p]));
    const contacts = delegates
      .map((d): Contact => {
        const c = clusterOf.get(d.clusterId);
        const pref = prefOf.get(d.id);
        return {
          delegateId: d.id,
          name: d.name,
          email: d.email,
          clusterId: d.clusterId,
          clusterName: c?.name ?? '',
          country: c?.country ?? '',
          language: mailLanguage({ delegate: d.language, event: event.language, country: c?.country }),
          meetings: meetings.get(d.clusterId) ?? 0,
          unsubscribed: pref?.unsubscribedAt != null,
          bounced: pref?.bouncedAt != null,
        };
      })
      .sort(
        (a, b) =>
          a.clusterName.localeCompare(b.clusterName) ||
          a.name.localeCompare(b.name) ||
          a.delegateId.localeCompare(b.delegateId),
      );
    return { event, contacts, withRequests, unanswered, requests, parties };
  }

  /** The delegates of `segment` (unsubscribed ones included: the caller decides). 422 naming the field on bad values. */
  async select(m: EntityManager, a: Audience, segment: Segment): Promise<Contact[]> {
    const all = a.contacts;
    switch (segment.kind) {
      case 'all':
        return [...all];
      case 'no-requests':
        return all.filter((c) => !a.withRequests.has(c.clusterId));
      case 'unanswered-requests':
        return all.filter((c) => a.unanswered.has(c.clusterId));
      case 'few-meetings': {
        const n = segment.minMeetings;
        if (n === undefined) throw badField('segment.minMeetings', 'is required for the segment few-meetings');
        return all.filter((c) => c.meetings < n);
      }
      case 'country': {
        const code = segment.country;
        if (code === undefined) throw badField('segment.country', 'is required for the segment country');
        return all.filter((c) => c.country === code.toUpperCase());
      }
      case 'sector': {
        const id = segment.sectorId;
        if (id === undefined) throw badField('segment.sectorId', 'is required for the segment sector');
        const term = await this.taxonomy.term(id, 'sector', m);
        if (!term) throw badField('segment.sectorId', `no sector with id ${id}`);
        const inSector = new Set(await this.clusters.withTerm(id, m));
        return all.filter((c) => inSector.has(c.clusterId));
      }
      case 'not-signed-in': {
        const ids = all.map((c) => c.delegateId);
        const signedIn = new Set(await this.auth.usedLinkAmong(ids, m));
        const joinedEmails = new Set((await this.auth.usedInvitationEmails(m)).map((e) => e.toLowerCase()));
        return all.filter((c) => !signedIn.has(c.delegateId) && !joinedEmails.has(c.email.toLowerCase()));
      }
      case 'delegates': {
        const wanted = segment.delegateIds ?? [];
        if (wanted.length === 0) throw badField('segment.delegateIds', 'must name at least one delegate');
        const byId = new Map(all.map((c) => [c.delegateId, c]));
        const out: Contact[] = [];
        const seen = new Set<string>();
        wanted.forEach((id, i) => {
          const c = byId.get(id);
          if (!c)
            throw badField(
              `segment.delegateIds[${i}]`,
              `${id} is not a delegate of a cluster taking part in the event`,
            );
          if (!seen.has(id)) out.push(c);
          seen.add(id);
        });
        return out;
      }
    }
  }
}
