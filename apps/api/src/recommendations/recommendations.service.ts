import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  createMatcher,
  reasonText,
  type Matcher,
  type MatchCluster,
  type PairFact,
  type Recommendation,
} from '@clustermatch/match';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { AccessService, Permission } from '../access/access.service';
import { nowIso } from '../common/clock';
import { AppError, conflict, ErrorCode, forbidden, notFound, type FieldError } from '../common/errors';
import type { ClusterEntity, ExcellenceLabel, GeographicScope } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { ClustersService } from '../clusters/clusters.service';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { FeedbackService } from '../feedback/feedback.service';
import { MailService } from '../mail/mail.service';
import { RequestsRepository } from '../requests/requests.repository';
import type { NudgeDto, ReasonLanguage } from './dto/recommendation.dto';
import type {
  NudgeResponse,
  OverviewClusterResponse,
  OverviewResponse,
  RecommendationResponse,
} from './dto/recommendation-responses.dto';
import {
  RecommendationDismissalEntity,
  RecommendationNudgeEntity,
  RecommendationSettingEntity,
} from './recommendation.entity';

/**
 * Without meeting feedback, an accepted request in an earlier event counts as a useful meeting when both sides rated
 * their interest this high beforehand.
 */
export const USEFUL_INTEREST = 3;

/**
 * Whether an accepted request of an earlier event was a useful meeting: what its attendees said afterwards
 * (`feedbackUseful`, from the meeting feedback of issue 11) when anyone answered, else both sides' interest.
 */
export function usefulOutcome(
  requesterInterest: number,
  receiverInterest: number | null,
  feedbackUseful: boolean | undefined,
): boolean {
  if (feedbackUseful !== undefined) return feedbackUseful;
  return requesterInterest >= USEFUL_INTEREST && (receiverInterest ?? 0) >= USEFUL_INTEREST;
}
/** A pair is a mutual fit when each cluster is in the other's top this many suggestions. */
export const MUTUAL_TOP = 10;

/** Every table the event's matcher is computed from (for the read cache). */
const MATCH_TABLES = [
  'event',
  'participation',
  'cluster',
  'cluster_term',
  'taxonomy_term',
  'meeting_request',
  'request_party',
  'recommendation_dismissal',
  'meeting_feedback',
] as const;

interface EventMatch {
  readonly event: EventEntity;
  readonly matcher: Matcher;
  readonly clusters: ReadonlyMap<string, ClusterEntity>;
  /** Pending or accepted requests of the event per cluster (sent or received). */
  readonly openRequests: ReadonlyMap<string, number>;
}

/**
 * Recommendations (issue 12): the event's clusters ranked by `@clustermatch/match`, with the event's requests,
 * earlier events' meetings and "not interested" marks as exclusions and follow-ups. The ranking is computed per
 * call (150 clusters take well under a second); nothing is cached, so it always reflects the latest requests.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
    private readonly clusters: ClustersService,
    private readonly feedback: FeedbackService,
    private readonly mail: MailService,
    private readonly access: AccessService,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    private readonly events: EventsRepository,
    private readonly clustersRepo: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly requests: RequestsRepository,
  ) {}

  /**
   * Everything the matcher needs about one event, read in one go, and the matcher built from it. Outside a
   * transaction it comes from the read cache while none of the tables it reads has been written since (so a script
   * asking for every cluster's ranking builds the matcher once); inside one (`m`), it is computed afresh.
   */
  async eventMatch(eventId: string, m?: EntityManager): Promise<EventMatch> {
    if (m) return this.computeEventMatch(eventId, m);
    return this.cache.get(`recommendations:${eventId}`, MATCH_TABLES, () => this.computeEventMatch(eventId));
  }

  private async computeEventMatch(eventId: string, m: EntityManager = this.db.manager): Promise<EventMatch> {
    const event = await this.events.get(eventId, m);
    const ids = await this.clustersRepo.participantIds(eventId, m);
    const entities = await this.clustersRepo.byIds(ids, m);
    const views = await this.clusters.views(entities);
    const clusters: MatchCluster[] = views.map((v) => ({
      id: v.id,
      name: v.name,
      country: v.country,
      sectors: v.sectors,
      technologies: v.technologies,
      scope: v.scope as GeographicScope,
      label: v.label as ExcellenceLabel,
      offers: v.offers,
      seeks: v.seeks,
    }));
    const inEvent = new Set(ids);
    const facts: PairFact[] = [];
    const openRequests = new Map<string, number>();
    if (ids.length) {
      const rows = await this.requests.receiverSidesInvolving(ids, m);
      const counted = new Set<string>();
      const earlier = rows.filter(
        (r) => r.event_id !== eventId && r.status === 'accepted' && r.response === 'accepted',
      );
      const said = await this.feedback.usefulByRequest([...new Set(earlier.map((r) => r.request_id))]);
      const eventNames = new Map(
        (await this.events.byIds([...new Set(earlier.map((r) => r.event_id))], m)).map((e) => [e.id, e.name]),
      );
      for (const r of rows) {
        if (!inEvent.has(r.requester) || !inEvent.has(r.receiver)) continue;
        const here = r.event_id === eventId;
        if (r.response === 'declined') facts.push({ a: r.requester, b: r.receiver, kind: 'declined' });
        else if (here && (r.status === 'pending' || r.status === 'accepted')) {
          facts.push({ a: r.requester, b: r.receiver, kind: 'open' });
          for (const id of [r.requester, r.receiver]) {
            const key = `${r.request_id}:${id}`;
            if (counted.has(key)) continue;
            counted.add(key);
            openRequests.set(id, (openRequests.get(id) ?? 0) + 1);
          }
        } else if (
          !here &&
          r.status === 'accepted' &&
          r.response === 'accepted' &&
          usefulOutcome(
            Number(r.requester_interest),
            r.interest === null ? null : Number(r.interest),
            said.get(r.request_id),
          )
        )
          facts.push({
            a: r.requester,
            b: r.receiver,
            kind: 'useful-meeting',
            eventName: eventNames.get(r.event_id) ?? '',
          });
      }
    }
    const marks = await m.find(RecommendationDismissalEntity, { where: { eventId } });
    const matcher = createMatcher({
      clusters,
      facts,
      notInterested: marks.map((x) => ({ by: x.clusterId, target: x.targetClusterId })),
    });
    return { event, matcher, clusters: new Map(entities.map((c) => [c.id, c])), openRequests };
  }

  private present(match: EventMatch, recs: readonly Recommendation[], lang: ReasonLanguage): RecommendationResponse[] {
    return recs.map((r) => {
      const c = match.clusters.get(r.clusterId);
      return {
        clusterId: r.clusterId,
        clusterName: c?.name ?? r.clusterId,
        country: c?.country ?? '',
        score: r.score,
        reasons: r.reasons.map((x) => reasonText(x, lang)),
      };
    });
  }

  /** Access first (a delegate: own cluster only, in an event it takes part in), then the cluster must take part. */
  private async assertCanRead(eventId: string, clusterId: string, p: Principal): Promise<void> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    await this.clusters.assertParticipates(eventId, p);
    if (!(await this.clustersRepo.takesPart(eventId, clusterId)))
      throw new AppError(ErrorCode.NotFound, `Cluster ${clusterId} does not take part in event ${eventId}`);
  }

  /** The ranked suggestions for one cluster (GET .../clusters/:clusterId/recommendations). */
  async forCluster(
    eventId: string,
    clusterId: string,
    p: Principal,
    limit = 10,
    lang: ReasonLanguage = 'en',
  ): Promise<RecommendationResponse[]> {
    // The same rules as assertCanRead, answered from the event's (cached) data: a script asking for every
    // cluster's ranking pays no database round trip per call.
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const match = await this.eventMatch(eventId);
    if (!match.clusters.has(clusterId)) {
      if (p.kind === 'delegate') throw forbidden('Your cluster does not take part in this event');
      throw new AppError(ErrorCode.NotFound, `Cluster ${clusterId} does not take part in event ${eventId}`);
    }
    return this.present(match, match.matcher.recommend(clusterId, limit), lang);
  }

  /**
   * The best `limit` suggestions for a cluster of an event, with reasons in `lang`, without an access check: for
   * other modules (e.g. a mailing that names a cluster's best suggestions).
   */
  async top(
    eventId: string,
    clusterId: string,
    limit = 3,
    lang: ReasonLanguage = 'en',
  ): Promise<RecommendationResponse[]> {
    const match = await this.eventMatch(eventId);
    if (!match.clusters.has(clusterId)) return [];
    return this.present(match, match.matcher.recommend(clusterId, limit), lang);
  }

  async markNotInterested(eventId: string, clusterId: string, targetClusterId: string, p: Principal): Promise<void> {
    await this.assertCanRead(eventId, clusterId, p);
    if (targetClusterId === clusterId)
      throw new AppError(ErrorCode.Unprocessable, 'targetClusterId: is your own cluster', [
        { path: 'targetClusterId', message: 'is your own cluster' },
      ]);
    if (!(await this.clustersRepo.takesPart(eventId, targetClusterId)))
      throw new AppError(ErrorCode.Unprocessable, 'targetClusterId: does not take part in this event', [
        { path: 'targetClusterId', message: 'does not take part in this event' },
      ]);
    await this.db.transaction(async (m) => {
      const existing = await m.findOneBy(RecommendationDismissalEntity, { eventId, clusterId, targetClusterId });
      if (existing) return;
      await m.insert(RecommendationDismissalEntity, {
        id: randomUUID(),
        eventId,
        clusterId,
        targetClusterId,
        createdAt: nowIso(),
      });
    });
  }

  async undoNotInterested(eventId: string, clusterId: string, targetClusterId: string, p: Principal): Promise<void> {
    await this.assertCanRead(eventId, clusterId, p);
    const res = await this.db.manager.delete(RecommendationDismissalEntity, { eventId, clusterId, targetClusterId });
    if (!res.affected) throw notFound('Not-interested mark for cluster', targetClusterId);
  }

  /** Organisers: clusters with few or no requests, each with its best suggestions. */
  async overview(eventId: string, maxRequests = 1, limit = 3, lang: ReasonLanguage = 'en'): Promise<OverviewResponse> {
    const match = await this.eventMatch(eventId);
    const ids = [...match.clusters.keys()];
    const delegates = await this.delegates.ofClusters(ids);
    const nudges = await this.db.manager.find(RecommendationNudgeEntity, {
      where: { eventId },
      order: { sentAt: 'ASC' },
    });
    const lastNudge = new Map(nudges.map((n) => [n.clusterId, n.sentAt]));
    const rows: OverviewClusterResponse[] = [];
    for (const [id, c] of match.clusters) {
      const requests = match.openRequests.get(id) ?? 0;
      if (requests > maxRequests) continue;
      rows.push({
        clusterId: id,
        clusterName: c.name,
        country: c.country,
        requests,
        delegates: delegates.filter((d) => d.clusterId === id).length,
        lastNudgedAt: lastNudge.get(id) ?? null,
        suggestions: this.present(match, match.matcher.recommend(id, limit), lang),
      });
    }
    rows.sort((a, b) => a.requests - b.requests || a.clusterName.localeCompare(b.clusterName));
    return {
      requestDeadline: match.event.requestDeadline,
      deadlinePassed: nowIso() >= match.event.requestDeadline,
      participants: ids.length,
      clusters: rows,
    };
  }

  /**
   * Organisers: mails each named cluster's delegates its top suggestions (in one transaction with the record of
   * the nudge). Refused with 409 once the request deadline has passed; clusters with no suggestion or no
   * delegate are skipped and named.
   */
  async nudge(eventId: string, dto: NudgeDto): Promise<NudgeResponse> {
    const language = dto.language ?? 'en';
    const limit = dto.limit ?? 3;
    return this.db.transaction(async (m) => {
      const match = await this.eventMatch(eventId, m);
      const event = match.event;
      if (nowIso() >= event.requestDeadline)
        throw conflict(`The request deadline of this event (${event.requestDeadline}) has passed`);
      const errors: FieldError[] = [];
      dto.clusterIds.forEach((id, i) => {
        if (!match.clusters.has(id))
          errors.push({ path: `clusterIds[${i}]`, message: `cluster ${id} does not take part in this event` });
        else if (dto.clusterIds.indexOf(id) !== i) errors.push({ path: `clusterIds[${i}]`, message: 'listed twice' });
      });
      if (errors.length)
        throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      const now = nowIso();
      const out: NudgeResponse = { queued: 0, nudged: [], skipped: [] };
      for (const clusterId of dto.clusterIds) {
        const cluster = match.clusters.get(clusterId);
        const suggestions = this.present(match, match.matcher.recommend(clusterId, limit), language);
        const recipients = await this.delegates.ofClustersByName([clusterId], m);
        if (!cluster || suggestions.length === 0 || recipients.length === 0) {
          out.skipped.push(clusterId);
          continue;
        }
        for (const d of recipients) {
          await this.mail.queue(
            m,
            'recommendations-nudge',
            {
              name: d.name,
              language,
              eventName: event.name,
              clusterName: cluster.name,
              deadline: event.requestDeadline,
              timezone: event.timezone,
              suggestions: suggestions.map((s) => ({ name: s.clusterName, reasons: s.reasons })),
              link: `${this.mailConfig.publicUrl}/events/${event.id}/directory`,
            },
            { email: d.email, name: d.name },
            { eventId: event.id },
          );
          out.queued++;
        }
        await m.insert(RecommendationNudgeEntity, {
          id: randomUUID(),
          eventId,
          clusterId,
          recipients: recipients.length,
          sentAt: now,
        });
        out.nudged.push(clusterId);
      }
      return out;
    });
  }

  async settings(eventId: string): Promise<{ mutualFitBonus: number }> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    const row = await this.db.manager.findOneBy(RecommendationSettingEntity, { eventId });
    return { mutualFitBonus: row?.mutualFitBonus ?? 0 };
  }

  async saveSettings(eventId: string, mutualFitBonus: number): Promise<{ mutualFitBonus: number }> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    await this.db.transaction(async (m) => {
      await m.delete(RecommendationSettingEntity, { eventId });
      await m.insert(RecommendationSettingEntity, { eventId, mutualFitBonus, updatedAt: nowIso() });
    });
    return { mutualFitBonus };
  }

  /**
   * The solver's optional mutual-fit rule: with a bonus set, the pairs each of whose clusters is in the other's
   * top `MUTUAL_TOP` suggestions (the requests of the event itself left out of the exclusions, so an accepted
   * request still counts), as sorted-id keys `a\u0000b`, and the bonus. `null` when the rule is off.
   */
  async mutualFit(eventId: string, m?: EntityManager): Promise<{ bonus: number; pairs: Set<string> } | null> {
    const row = await (m ?? this.db.manager).findOneBy(RecommendationSettingEntity, { eventId });
    if (!row || row.mutualFitBonus <= 0) return null;
    const match = await this.eventMatch(eventId, m);
    return { bonus: row.mutualFitBonus, pairs: match.matcher.mutualPairs(MUTUAL_TOP, { ignoreOpen: true }) };
  }
}
