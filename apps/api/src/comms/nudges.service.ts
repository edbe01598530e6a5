import { nudgeTexts, renderCustom } from '@clustermatch/mail';
import type { CustomLanguage, NudgeKind, PlaceholderValue } from '@clustermatch/mail';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { MoreThan, type EntityManager } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import { Db } from '../database/db.service';
import type { EventEntity } from '../events/event.entity';
import type { MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';
import { NudgeSentEntity, NudgeSettingEntity } from './comms.entity';
import { languageOf, MailingsService } from './mailings.service';
import { Segments, type Audience, type Contact } from './segments';

/** What the service reads the time from; tests move it instead of sleeping. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/**
 * Where the "no meeting yet" nudge takes a cluster's best recommendations from: `RecommendationsService.top` of
 * the recommendations module (issue 12), wired in `CommsModule`. Each entry is one line (the cluster and why).
 */
export interface RecommendationSource {
  bestFor(eventId: string, clusterId: string, limit: number, language: CustomLanguage): Promise<readonly string[]>;
}
export const RECOMMENDATIONS = Symbol('RECOMMENDATIONS');

export interface NudgeSettings {
  noMeetingEnabled: boolean;
  noMeetingEveryDays: number;
  unansweredEnabled: boolean;
  unansweredAfterDays: number;
  lastCallEnabled: boolean;
  lastCallHours: number;
}

/** Off until the organiser switches them on. */
export const DEFAULT_NUDGES: NudgeSettings = {
  noMeetingEnabled: false,
  noMeetingEveryDays: 3,
  unansweredEnabled: false,
  unansweredAfterDays: 2,
  lastCallEnabled: false,
  lastCallHours: 48,
};

export type NudgeCounts = Record<'noMeeting' | 'unanswered' | 'lastCall', number>;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The automatic nudges of the booking phase (until the event's request deadline), each switched on by
 * the organiser with its interval. A nudge sent is recorded (`nudge_sent`) in the transaction that
 * queues its mail, and nobody gets the same nudge again within its interval: the no-meeting nudge at
 * most every `noMeetingEveryDays`, the unanswered one at most every `unansweredAfterDays`, the last
 * call once. Unsubscribed and bounced addresses get none. The worker runs it every `NUDGE_EVERY_MS`.
 */
@Injectable()
export class NudgesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: Db,
    private readonly segments: Segments,
    private readonly mail: MailService,
    private readonly mailings: MailingsService,
    private readonly clusters: ClustersRepository,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) log: Logger,
    @Optional() @Inject(RECOMMENDATIONS) private readonly recommendations?: RecommendationSource,
  ) {
    this.log = log.child({ component: 'nudges' });
    this.job = new PeriodicJob(() => this.runAll(), this.log, 'could not queue nudges');
  }

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.job.start(this.config.nudgeEveryMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  async settings(eventId: string): Promise<NudgeSettings & { updatedAt: string | null }> {
    await this.segments.audience(this.db.manager, eventId); // 404 for an unknown event
    const row = await this.db.manager.findOne(NudgeSettingEntity, { where: { eventId } });
    if (!row) return { ...DEFAULT_NUDGES, updatedAt: null };
    return {
      noMeetingEnabled: Boolean(row.noMeetingEnabled),
      noMeetingEveryDays: row.noMeetingEveryDays,
      unansweredEnabled: Boolean(row.unansweredEnabled),
      unansweredAfterDays: row.unansweredAfterDays,
      lastCallEnabled: Boolean(row.lastCallEnabled),
      lastCallHours: row.lastCallHours,
      updatedAt: row.updatedAt,
    };
  }

  async save(eventId: string, s: NudgeSettings): Promise<NudgeSettings & { updatedAt: string | null }> {
    await this.segments.audience(this.db.manager, eventId);
    const row = { eventId, ...s, updatedAt: this.clock.now().toISOString() };
    await this.db.transaction(async (m) => {
      if (await m.findOne(NudgeSettingEntity, { where: { eventId } }))
        await m.update(NudgeSettingEntity, { eventId }, row);
      else await m.insert(NudgeSettingEntity, row);
    });
    return this.settings(eventId);
  }

  /** Every event with nudges switched on. */
  async runAll(): Promise<number> {
    const rows = await this.db.manager.find(NudgeSettingEntity);
    let n = 0;
    for (const r of rows) {
      const c = await this.run(r.eventId);
      n += c.noMeeting + c.unanswered + c.lastCall;
    }
    if (n > 0) this.log.info({ queued: n }, 'nudges queued');
    return n;
  }

  /** Queues the nudges due now for one event; nothing after its request deadline. */
  async run(eventId: string): Promise<NudgeCounts> {
    const s = await this.settings(eventId);
    const now = this.clock.now();
    const counts: NudgeCounts = { noMeeting: 0, unanswered: 0, lastCall: 0 };
    await this.db.transaction(async (m) => {
      const a = await this.segments.audience(m, eventId);
      const deadline = new Date(a.event.requestDeadline);
      if (!(now < deadline)) return;
      const reachable = a.contacts.filter((c) => !c.unsubscribed && !c.bounced);
      if (s.noMeetingEnabled) {
        const due = await this.notWithin(
          m,
          eventId,
          'no-meeting',
          reachable.filter((c) => c.meetings === 0),
          now,
          s.noMeetingEveryDays * DAY,
        );
        const best = new Map<string, readonly string[]>();
        for (const c of due) {
          const language = languageOf(c, ['en', 'da']);
          const key = `${c.clusterId}.${language}`;
          if (!best.has(key))
            best.set(
              key,
              this.recommendations ? await this.recommendations.bestFor(eventId, c.clusterId, 3, language) : [],
            );
          await this.send(m, a, 'no-meeting', c, now, { recommendations: { list: best.get(key) ?? [] } });
          counts.noMeeting++;
        }
      }
      if (s.unansweredEnabled) {
        const waiting = await this.waitingRequests(m, a, now, s.unansweredAfterDays * DAY);
        const due = await this.notWithin(
          m,
          eventId,
          'unanswered',
          reachable.filter((c) => waiting.has(c.clusterId)),
          now,
          s.unansweredAfterDays * DAY,
        );
        for (const c of due) {
          await this.send(m, a, 'unanswered', c, now, { requests: { list: waiting.get(c.clusterId) ?? [] } });
          counts.unanswered++;
        }
      }
      if (s.lastCallEnabled && now.getTime() >= deadline.getTime() - s.lastCallHours * HOUR) {
        // Once per person: the interval is the whole booking phase.
        const due = await this.notWithin(m, eventId, 'last-call', reachable, now, Number.MAX_SAFE_INTEGER / 2);
        for (const c of due) {
          await this.send(m, a, 'last-call', c, now, {});
          counts.lastCall++;
        }
      }
    });
    return counts;
  }

  /** Of `contacts`, those who got no `kind` nudge of this event within `intervalMs` before `now`. */
  private async notWithin(
    m: EntityManager,
    eventId: string,
    kind: NudgeKind,
    contacts: readonly Contact[],
    now: Date,
    intervalMs: number,
  ): Promise<Contact[]> {
    if (contacts.length === 0) return [];
    const since = new Date(Math.max(0, now.getTime() - intervalMs)).toISOString();
    const recent = await m.find(NudgeSentEntity, {
      where: { eventId, kind, sentAt: MoreThan(since) },
      select: { delegateId: true },
    });
    const got = new Set(recent.map((r) => r.delegateId));
    return contacts.filter((c) => !got.has(c.delegateId));
  }

  /** Per receiving cluster, the names of the requesting clusters whose pending request has waited longer than `afterMs`. */
  private async waitingRequests(
    m: EntityManager,
    a: Audience,
    now: Date,
    afterMs: number,
  ): Promise<Map<string, string[]>> {
    const before = new Date(now.getTime() - afterMs).toISOString();
    const old = new Map(
      a.requests.filter((r) => r.status === 'pending' && r.createdAt <= before).map((r) => [r.id, r]),
    );
    const requesterIds = [...new Set([...old.values()].map((r) => r.requesterClusterId))];
    const names = await this.clusters.names(requesterIds, m);
    const out = new Map<string, string[]>();
    for (const p of a.parties) {
      const r = old.get(p.requestId);
      if (!r || p.role !== 'receiver' || p.response !== 'pending') continue;
      out.set(p.clusterId, [...(out.get(p.clusterId) ?? []), names.get(r.requesterClusterId) ?? r.requesterClusterId]);
    }
    return out;
  }

  private async send(
    m: EntityManager,
    a: Audience,
    kind: NudgeKind,
    c: Contact,
    now: Date,
    extra: Record<string, PlaceholderValue>,
  ): Promise<void> {
    const language: CustomLanguage = languageOf(c, ['en', 'da']);
    const text = nudgeTexts[kind][language];
    const deadline = formatDeadline(a.event, language);
    const rendered = renderCustom({
      subject: text.subject,
      body: text.body,
      language,
      eventName: a.event.name,
      unsubscribeLink: this.mailings.unsubscribeLink(c.delegateId),
      values: {
        name: c.name,
        cluster: c.clusterName,
        event: a.event.name,
        deadline,
        meetings: c.meetings,
        loginLink: { link: `${this.config.publicUrl}/login?email=${encodeURIComponent(c.email)}` },
        ...extra,
      },
    });
    const sentAt = now.toISOString();
    const id = `nudge.${kind}.${a.event.id}.${c.delegateId}.${now.getTime()}`;
    await this.mail.queueRendered(
      m,
      `nudge-${kind}`,
      rendered,
      { email: c.email, name: c.name },
      { id, eventId: a.event.id },
    );
    await m.insert(NudgeSentEntity, { id, eventId: a.event.id, kind, delegateId: c.delegateId, sentAt });
  }
}

/** The request deadline in the event's zone, e.g. `Fri 26 Mar 2027, 17:00` / `fre. 26. mar. 2027 17.00`. */
function formatDeadline(event: EventEntity, language: CustomLanguage): string {
  return new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: event.timezone,
    timeZoneName: 'short',
  }).format(new Date(event.requestDeadline));
}
