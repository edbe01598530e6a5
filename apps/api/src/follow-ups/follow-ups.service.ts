import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/decorators';
import type { ClusterEntity } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { ContactPreferences } from '../comms/contact-preferences';
import { badField, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import type { MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { linkSecrets, MailService } from '../mail/mail.service';
import { ScheduleVersions } from '../schedules/schedule-versions';
import {
  DEFAULT_FOLLOW_UP_MONTHS,
  FOLLOW_UP_OUTCOMES,
  FollowUpAnswerEntity,
  FollowUpPlanEntity,
  FollowUpRoundEntity,
} from './follow-up.entity';
import type {
  FollowUpAnswerDto,
  FollowUpAnswerResponse,
  FollowUpPageResponse,
  FollowUpPlanDto,
  FollowUpPlanResponse,
  FollowUpRoundResponse,
  FollowUpRunResponse,
} from './follow-ups.dto';

/** What the follow-ups read the time from; tests move it instead of waiting months. */
export interface Clock {
  now(): Date;
}
export const FOLLOW_UP_CLOCK = Symbol('FOLLOW_UP_CLOCK');

/** The follow-up page of the web app, opened after the sign-in link of a follow-up mail. */
export const followUpPath = (eventId: string): string => `/events/${eventId}/follow-up`;

/** How long the sign-in link of a follow-up mail works. */
const LINK_DAYS = 30;

const OUTCOME_KEYS = { nothing: 'nothing', 'in-contact': 'inContact', collaboration: 'collaboration' } as const;

/** The follow-ups of an event, counted for the impact report. */
export interface FollowUpSummary {
  /** Relationships started at the event, counted from each side (what a full round could answer). */
  readonly relationships: number;
  readonly rounds: {
    readonly months: number;
    /** `sent`, `skipped`, or `answers` for answers given outside a round (before the first). */
    readonly state: 'sent' | 'skipped' | 'answers';
    readonly clusters: number;
    readonly answered: number;
    readonly nothing: number;
    readonly inContact: number;
    readonly collaboration: number;
  }[];
}

/** Each cluster of an event and the other clusters it met there, with the number of meetings. */
export type Relationships = Map<string, Map<string, number>>;

function answerView(a: FollowUpAnswerEntity): FollowUpAnswerResponse {
  return { months: a.months, outcome: a.outcome, note: a.note, updatedAt: a.updatedAt };
}

/**
 * Follow-ups over years (issue 11, part 3). At set months after the event (default 3, 6, 12 and 36; the organiser
 * may set others) each cluster that met others in the published schedule is asked, through its current delegates
 * (whoever they are then: the mail goes to the cluster's delegates at the time of the round), what came of each
 * relationship started there. Mails go through the outbox in English and Danish with a sign-in link to the
 * follow-up page and an unsubscribe link; delegates who unsubscribed (or whose address bounced) get none. The answers belong to the cluster: any of its delegates may read and change them. A round is
 * sent once (its `follow_up_round` row is the claim); when several rounds are due at once (the service was
 * stopped), only the latest is sent and the earlier ones are recorded as skipped. The worker looks every
 * `REMINDER_EVERY_MS`; `POST .../follow-ups/run` does it now for one event.
 */
@Injectable()
export class FollowUpsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly versions: ScheduleVersions,
    private readonly collaborations: CollaborationsService,
    private readonly prefs: ContactPreferences,
    private readonly events: EventsRepository,
    private readonly clusterRows: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    @Inject(FOLLOW_UP_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'follow-ups' });
    this.job = new PeriodicJob(() => this.runAll(), this.log, 'could not queue follow-ups');
  }

  onApplicationBootstrap(): void {
    if (this.mailConfig.workerEnabled) this.job.start(this.mailConfig.reminderEveryMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  private event(eventId: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    return this.events.get(eventId, m);
  }

  /** The end of the event's last slot, or null when it has no days yet. */
  async eventEnd(eventId: string, m: EntityManager = this.db.manager): Promise<string | null> {
    const ends = (await this.events.slots(eventId, m)).map((s) => s.endsAt).sort();
    return ends[ends.length - 1] ?? null;
  }

  /** When the round `months` after an event ending at `end` is due (calendar months, in UTC). */
  static dueAt(end: string, months: number): string {
    return DateTime.fromISO(end, { zone: 'utc' }).plus({ months }).toUTC().toISO() ?? end;
  }

  /** The event's plan: the organiser's months, or the default. */
  async months(eventId: string, m: EntityManager = this.db.manager): Promise<{ months: number[]; isDefault: boolean }> {
    const row = await m.findOne(FollowUpPlanEntity, { where: { eventId } });
    if (!row) return { months: [...DEFAULT_FOLLOW_UP_MONTHS], isDefault: true };
    return { months: row.months.split(',').map(Number), isDefault: false };
  }

  /** The relationships started at the event: the clusters that met in its published schedule. */
  async relationships(eventId: string, m: EntityManager = this.db.manager): Promise<Relationships> {
    const v = await this.versions.publishedVersion(eventId, m);
    const out: Relationships = new Map();
    if (!v) return out;
    for (const a of await this.versions.meetings(v.id, m))
      for (const c of a.clusterIds)
        for (const o of a.clusterIds) {
          if (c === o) continue;
          const mine = out.get(c) ?? new Map<string, number>();
          mine.set(o, (mine.get(o) ?? 0) + 1);
          out.set(c, mine);
        }
    return out;
  }

  /** The plan and its rounds, with how many relationships were answered in each (organisers). */
  async plan(eventId: string): Promise<FollowUpPlanResponse> {
    const m = this.db.manager;
    await this.event(eventId, m);
    const { months, isDefault } = await this.months(eventId, m);
    const end = await this.eventEnd(eventId, m);
    const rows = await m.find(FollowUpRoundEntity, { where: { eventId } });
    const answers = await m.find(FollowUpAnswerEntity, { where: { eventId }, select: { months: true } });
    const rels = await this.relationships(eventId, m);
    const now = this.clock.now().toISOString();
    const all = [...new Set([...months, ...rows.map((r) => r.months)])].sort((a, b) => a - b);
    const rounds: FollowUpRoundResponse[] = all.map((n) => {
      const row = rows.find((r) => r.months === n);
      const dueAt = row?.dueAt ?? (end ? FollowUpsService.dueAt(end, n) : null);
      return {
        months: n,
        dueAt,
        state: row ? row.state : dueAt !== null && dueAt <= now ? 'due' : 'scheduled',
        sentAt: row?.state === 'sent' ? row.sentAt : null,
        clusters: row?.state === 'sent' ? row.clusters : null,
        mails: row?.state === 'sent' ? row.mails : null,
        answered: answers.filter((a) => a.months === n).length,
      };
    });
    return {
      eventId,
      months,
      isDefault,
      eventEndsAt: end,
      relationships: [...rels.values()].reduce((s, x) => s + x.size, 0),
      rounds,
    };
  }

  /** Sets the months of the plan (rounds already sent stay as they were). */
  async setPlan(eventId: string, dto: FollowUpPlanDto): Promise<FollowUpPlanResponse> {
    const months = [...dto.months].sort((a, b) => a - b);
    if (new Set(months).size !== months.length) throw badField('months', 'must not repeat a month');
    await this.db.transaction(async (m) => {
      await this.event(eventId, m);
      const row = { eventId, months: months.join(','), updatedAt: this.clock.now().toISOString() };
      if (await m.findOne(FollowUpPlanEntity, { where: { eventId } }))
        await m.update(FollowUpPlanEntity, { eventId }, row);
      else await m.insert(FollowUpPlanEntity, row);
    });
    return this.plan(eventId);
  }

  /** Every event with a published schedule: the rounds due now. Returns the number of mails queued. */
  async runAll(): Promise<number> {
    let mails = 0;
    for (const eventId of await this.versions.eventsWithPublished()) mails += (await this.run(eventId)).mails;
    if (mails > 0) this.log.info({ queued: mails }, 'follow-up mails queued');
    return mails;
  }

  /**
   * Sends the round of `eventId` that is due now, if any: the latest due round not yet sent or skipped, unless a
   * later round is already over; the earlier due ones are recorded as skipped.
   */
  async run(eventId: string): Promise<FollowUpRunResponse> {
    const now = this.clock.now();
    const result = { sent: null as number | null, skipped: [] as number[], mails: 0 };
    await this.event(eventId);
    const end = await this.eventEnd(eventId);
    if (!end) return result;
    // Nothing to ask before a schedule is published (the round is not used up).
    if ((await this.relationships(eventId)).size === 0) return result;
    const { months } = await this.months(eventId);
    const over = await this.db.manager.find(FollowUpRoundEntity, { where: { eventId } });
    const lastOver = Math.max(0, ...over.map((r) => r.months));
    const due = months.filter(
      (n) => FollowUpsService.dueAt(end, n) <= now.toISOString() && !over.some((r) => r.months === n),
    );
    if (due.length === 0) return result;
    const latest = Math.max(...due);
    try {
      await this.db.transaction(async (m) => {
        const event = await this.event(eventId, m);
        for (const n of due) {
          const send = n === latest && n > lastOver;
          // The claim: a second instance's insert of the same round fails, and its transaction with it.
          await m.insert(FollowUpRoundEntity, {
            eventId,
            months: n,
            dueAt: FollowUpsService.dueAt(end, n),
            state: send ? 'sent' : 'skipped',
            sentAt: now.toISOString(),
            clusters: 0,
            mails: 0,
          });
          if (!send) {
            result.skipped.push(n);
            continue;
          }
          const { clusters, mails } = await this.queueRound(m, event, n, now);
          await m.update(FollowUpRoundEntity, { eventId, months: n }, { clusters, mails });
          result.sent = n;
          result.mails = mails;
        }
      });
    } catch (err) {
      // Another instance claimed the round first: it sends it.
      if (await this.db.manager.findOne(FollowUpRoundEntity, { where: { eventId, months: latest } }))
        return { sent: null, skipped: [], mails: 0 };
      throw err;
    }
    if (result.mails > 0) this.log.info({ eventId, months: result.sent, queued: result.mails }, 'follow-up round sent');
    return result;
  }

  /** One mail to each current delegate of each cluster with relationships at the event. */
  private async queueRound(
    m: EntityManager,
    event: EventEntity,
    months: number,
    now: Date,
  ): Promise<{ clusters: number; mails: number }> {
    const rels = await this.relationships(event.id, m);
    if (rels.size === 0) return { clusters: 0, mails: 0 };
    const ids = [...new Set([...rels.keys(), ...[...rels.values()].flatMap((x) => [...x.keys()])])];
    const clusters = new Map((await this.clusterRows.byIds(ids, m)).map((c) => [c.id, c]));
    const all = await this.delegates.ofClusters([...rels.keys()], m);
    // Optional mail: a delegate who unsubscribed (or whose address bounced) is not asked; a cluster none of whose
    // delegates can be reached is not counted as asked.
    const unreachable = await this.prefs.unreachable(
      m,
      all.map((d) => d.id),
    );
    const delegates = all.filter((d) => !unreachable.has(d.id));
    const expires = new Date(now.getTime() + LINK_DAYS * 86_400_000);
    let mails = 0;
    let asked = 0;
    for (const [clusterId, others] of [...rels].sort(([a], [b]) => a.localeCompare(b))) {
      const cluster = clusters.get(clusterId);
      const mine = delegates.filter((d) => d.clusterId === clusterId).sort((a, b) => a.id.localeCompare(b.id));
      if (!cluster || mine.length === 0) continue;
      asked++;
      const partners = [...others.keys()]
        .map((o) => clusters.get(o))
        .filter((c): c is ClusterEntity => c !== undefined)
        .map((c) => `${c.name} (${c.country})`)
        .sort((a, b) => a.localeCompare(b));
      for (const d of mine) {
        const link = await this.auth.issueSignInLink(m, d.id, expires, followUpPath(event.id));
        await this.mail.queue(
          m,
          'follow-up',
          {
            name: d.name,
            eventName: event.name,
            clusterName: cluster.name,
            months,
            partners,
            link,
            unsubscribeLink: this.prefs.unsubscribeLink(d.id),
          },
          { email: d.email, name: d.name },
          { id: `follow-up.${event.id}.${months}.${d.id}`, eventId: event.id, redact: linkSecrets(link) },
        );
        mails++;
      }
    }
    return { clusters: asked, mails };
  }

  /**
   * The follow-up rounds of an event as the impact report counts them: per round (sent or skipped), the clusters
   * asked, and the relationships answered with each outcome (answers given before the first round count as round 0).
   */
  async summaryForEvent(eventId: string): Promise<FollowUpSummary> {
    const m = this.db.manager;
    const rows = await m.find(FollowUpRoundEntity, { where: { eventId }, order: { months: 'ASC' } });
    const answers = await m.find(FollowUpAnswerEntity, {
      where: { eventId },
      select: { months: true, outcome: true },
    });
    const rels = await this.relationships(eventId, m);
    const months = [...new Set([...rows.map((r) => r.months), ...answers.map((a) => a.months)])].sort((a, b) => a - b);
    return {
      relationships: [...rels.values()].reduce((s, x) => s + x.size, 0),
      rounds: months.map((n) => {
        const row = rows.find((r) => r.months === n);
        const mine = answers.filter((a) => a.months === n);
        return {
          months: n,
          state: row?.state ?? 'answers',
          clusters: row?.clusters ?? 0,
          answered: mine.length,
          ...Object.fromEntries(
            FOLLOW_UP_OUTCOMES.map((o) => [OUTCOME_KEYS[o], mine.filter((a) => a.outcome === o).length]),
          ),
        } as FollowUpSummary['rounds'][number];
      }),
    };
  }

  /** The round answers go to now: the latest sent one, or 0 before the first. */
  private async currentRound(eventId: string, m: EntityManager): Promise<number> {
    const sent = await m.find(FollowUpRoundEntity, { where: { eventId, state: 'sent' }, select: { months: true } });
    return Math.max(0, ...sent.map((r) => r.months));
  }

  /**
   * The follow-up page of `clusterId` for `eventId` (its delegates, organisers): every cluster it met there, with
   * the number of meetings, its own answers by round and the collaborations of both.
   */
  async page(eventId: string, clusterId: string, p: Principal): Promise<FollowUpPageResponse> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    const event = await this.event(eventId, m);
    if (!(await this.clusterRows.find(clusterId, m))) throw notFound('Cluster', clusterId);
    const others = (await this.relationships(eventId, m)).get(clusterId) ?? new Map<string, number>();
    const clusters = await this.clusterRows.byIds([...others.keys()], m);
    const answers = await m.find(FollowUpAnswerEntity, {
      where: { eventId, clusterId },
      order: { months: 'DESC' },
    });
    const collabs = await this.collaborations.byPartner(clusterId);
    return {
      eventId,
      eventName: event.name,
      clusterId,
      round: await this.currentRound(eventId, m),
      relationships: clusters
        .map((c) => ({
          clusterId: c.id,
          name: c.name,
          country: c.country,
          meetings: others.get(c.id) ?? 0,
          answers: answers.filter((a) => a.otherClusterId === c.id).map(answerView),
          collaborations: collabs.get(c.id) ?? [],
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.clusterId.localeCompare(b.clusterId)),
    };
  }

  /**
   * The cluster's answer about one relationship started at the event, for the current round (created or replaced).
   * 404 when the two clusters did not meet there.
   */
  async answer(
    eventId: string,
    clusterId: string,
    otherClusterId: string,
    dto: FollowUpAnswerDto,
    p: Principal,
  ): Promise<FollowUpAnswerResponse> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const now = this.clock.now().toISOString();
    return this.db.transaction(async (m) => {
      await this.event(eventId, m);
      if (!(await this.relationships(eventId, m)).get(clusterId)?.has(otherClusterId))
        throw notFound('Relationship started at this event with cluster', otherClusterId);
      const months = await this.currentRound(eventId, m);
      const values = {
        outcome: dto.outcome,
        note: dto.note ?? '',
        answeredBy: p.kind === 'organiser' ? p.userId : p.delegateId,
        updatedAt: now,
      };
      const where = { eventId, months, clusterId, otherClusterId };
      const existing = await m.findOne(FollowUpAnswerEntity, { where });
      if (existing) await m.update(FollowUpAnswerEntity, { id: existing.id }, values);
      else await m.insert(FollowUpAnswerEntity, { id: randomUUID(), ...where, createdAt: now, ...values });
      return answerView(await m.findOneOrFail(FollowUpAnswerEntity, { where }));
    });
  }
}
