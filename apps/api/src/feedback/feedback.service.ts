import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { In, type EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { badField, conflict, forbidden, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { type MailConfig } from '../config/config';
import { ContactPreferences } from '../comms/contact-preferences';
import { MAIL_CONFIG } from '../config/config.module';
import { AccessService, Permission } from '../access/access.service';
import { linkSecrets, MailService } from '../mail/mail.service';
import type { ScheduleAssignmentEntity } from '../schedules/schedule.entity';
import { ScheduleVersions } from '../schedules/schedule-versions';
import type { MeetingFeedbackDto, OpenFeedbackSurveyDto, UpdateFeedbackSurveyDto } from './feedback.dto';
import { EvaluationQuestionEntity } from './evaluation.entity';
import { FeedbackSurveyEntity, MeetingFeedbackEntity } from './feedback.entity';
import type {
  FeedbackMeetingResponse,
  FeedbackSentResponse,
  FeedbackSurveyResponse,
  MyFeedbackPageResponse,
  MyFeedbackResponse,
  SurveyState,
} from './dto/feedback-responses.dto';

const DAY_MS = 86_400_000;

/** The feedback page of the web app, opened after the sign-in link of a feedback mail. */
export const feedbackPath = (eventId: string): string => `/events/${eventId}/feedback`;

function stateOf(s: FeedbackSurveyEntity | null, now: Date): SurveyState {
  if (!s) return 'not-sent';
  return now.toISOString() < s.closesAt ? 'open' : 'closed';
}

function ownAnswer(f: MeetingFeedbackEntity): MyFeedbackResponse {
  return { held: f.held, usefulness: f.usefulness, nextStep: f.nextStep, note: f.note, updatedAt: f.updatedAt };
}

/**
 * Meeting feedback after the event (issue 11, part 1). The organiser opens the survey: every attendee of the
 * published schedule gets one mail, in English and Danish, with a sign-in link to the page of their meetings
 * (the link is an ordinary single-use login link, valid until the survey closes). An attendee answers per
 * meeting and may change the answer until the survey closes; `reminderAfterDays` after the mails, those who
 * have not answered every meeting get one reminder with a fresh link and an unsubscribe link (optional mail: those
 * who unsubscribed, or whose address bounced, get no reminder; the first mail is part of the event). An attendee only ever reads their own
 * answers: the other party's rating is never returned to a delegate.
 */
@Injectable()
export class FeedbackService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly versions: ScheduleVersions,
    private readonly prefs: ContactPreferences,
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'feedback' });
    this.job = new PeriodicJob(() => this.queueReminders(), this.log, 'could not queue feedback reminders');
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

  /** The meetings of the currently published version, or [] before the first publish. */
  private async publishedMeetings(eventId: string, m: EntityManager): Promise<ScheduleAssignmentEntity[]> {
    const v = await this.versions.publishedVersion(eventId, m);
    return v ? this.versions.meetings(v.id, m) : [];
  }

  /** Each attendee (delegate id) and their meetings in the published version. */
  private byAttendee(meetings: readonly ScheduleAssignmentEntity[]): Map<string, ScheduleAssignmentEntity[]> {
    const out = new Map<string, ScheduleAssignmentEntity[]>();
    for (const a of meetings) for (const d of a.delegateIds) out.set(d, [...(out.get(d) ?? []), a]);
    return out;
  }

  private async view(eventId: string, p: Principal, now: Date): Promise<FeedbackSurveyResponse> {
    const s = await this.db.manager.findOne(FeedbackSurveyEntity, { where: { eventId } });
    let counts: Pick<FeedbackSurveyResponse, 'attendees' | 'responded' | 'answers'> = {
      attendees: null,
      responded: null,
      answers: null,
    };
    if (p.kind === 'organiser') {
      const attendees = this.byAttendee(await this.publishedMeetings(eventId, this.db.manager));
      const answers = await this.db.manager.find(MeetingFeedbackEntity, {
        where: { eventId },
        select: { delegateId: true, requestId: true },
      });
      counts = {
        attendees: attendees.size,
        responded: new Set(answers.map((a) => a.delegateId)).size,
        answers: answers.length,
      };
    }
    return {
      eventId,
      state: stateOf(s, now),
      sentAt: s?.sentAt ?? null,
      closesAt: s?.closesAt ?? null,
      reminderAfterDays: s?.reminderAfterDays ?? null,
      remindedAt: s?.remindedAt ?? null,
      ...counts,
    };
  }

  /** The attendees (delegate ids) of the published schedule and their meetings. */
  async attendees(
    eventId: string,
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, ScheduleAssignmentEntity[]>> {
    return this.byAttendee(await this.publishedMeetings(eventId, m));
  }

  /** The survey's state now (answers change only while `open`). */
  async state(eventId: string, m: EntityManager = this.db.manager, now = new Date()): Promise<SurveyState> {
    return stateOf(await m.findOne(FeedbackSurveyEntity, { where: { eventId } }), now);
  }

  /** 404 for an unknown event; a delegate must belong to a cluster taking part. */
  async assertCanRead(eventId: string, p: Principal): Promise<void> {
    await this.event(eventId);
    await this.access.require(p, Permission.FeedbackSurveyRead, [eventId]);
  }

  /** The survey of an event: organisers with response counts, delegates of a taking-part cluster without. */
  async survey(eventId: string, p: Principal, now = new Date()): Promise<FeedbackSurveyResponse> {
    await this.assertCanRead(eventId, p);
    return this.view(eventId, p, now);
  }

  /**
   * Opens the survey and queues one mail per attendee of the published schedule, all in one transaction.
   * 409 before the first publish, or when the survey was already opened (change it with `update`).
   */
  async open(
    eventId: string,
    dto: OpenFeedbackSurveyDto,
    p: Principal,
    now = new Date(),
  ): Promise<FeedbackSentResponse> {
    if (Date.parse(dto.closesAt) <= now.getTime()) throw badField('closesAt', 'must be in the future');
    const queued = await this.db.transaction(async (m) => {
      const event = await this.event(eventId, m);
      await this.events.lock(eventId, m);
      if (await m.findOne(FeedbackSurveyEntity, { where: { eventId } }))
        throw conflict(`The feedback survey of event ${eventId} was already sent; change its closing time instead`);
      const attendees = this.byAttendee(await this.publishedMeetings(eventId, m));
      if (attendees.size === 0)
        throw conflict(`Event ${eventId} has no published meetings: publish a schedule before asking for feedback`);
      const closesAt = new Date(dto.closesAt).toISOString();
      await m.insert(FeedbackSurveyEntity, {
        eventId,
        sentAt: now.toISOString(),
        closesAt,
        reminderAfterDays: dto.reminderAfterDays,
        remindedAt: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      return this.queueMails(m, event, closesAt, 'feedback-request', attendees);
    });
    this.log.info({ eventId, queued }, 'feedback mails queued');
    return { ...(await this.view(eventId, p, now)), queued };
  }

  /** One mail per attendee (with a fresh sign-in link to the feedback page) through `m`. */
  private async queueMails(
    m: EntityManager,
    event: EventEntity,
    closesAt: string,
    template: 'feedback-request' | 'feedback-reminder',
    attendees: ReadonlyMap<string, readonly ScheduleAssignmentEntity[]>,
  ): Promise<number> {
    const ids = [...attendees.keys()];
    const delegates = await this.delegates.byIds(ids, m);
    const questions = await m.count(EvaluationQuestionEntity, { where: { eventId: event.id } });
    let queued = 0;
    for (const d of delegates.sort((a, b) => a.id.localeCompare(b.id))) {
      const link = await this.auth.issueSignInLink(m, d.id, new Date(closesAt), feedbackPath(event.id));
      await this.mail.queue(
        m,
        template,
        {
          name: d.name,
          eventName: event.name,
          link,
          closesAt,
          timezone: event.timezone,
          meetings: attendees.get(d.id)?.length ?? 0,
          questions,
          ...(template === 'feedback-reminder' ? { unsubscribeLink: this.prefs.unsubscribeLink(d.id) } : {}),
        },
        { email: d.email, name: d.name },
        { id: `${template}.${event.id}.${d.id}`, eventId: event.id, redact: linkSecrets(link) },
      );
      queued++;
    }
    return queued;
  }

  /** Changes the closing time (in the past closes it now) or the reminder delay. 409 before it was sent. */
  async update(
    eventId: string,
    dto: UpdateFeedbackSurveyDto,
    p: Principal,
    now = new Date(),
  ): Promise<FeedbackSurveyResponse> {
    await this.db.transaction(async (m) => {
      await this.event(eventId, m);
      const s = await m.findOne(FeedbackSurveyEntity, { where: { eventId } });
      if (!s) throw conflict(`The feedback survey of event ${eventId} has not been sent yet`);
      await m.update(
        FeedbackSurveyEntity,
        { eventId },
        {
          ...(dto.closesAt !== undefined ? { closesAt: new Date(dto.closesAt).toISOString() } : {}),
          ...(dto.reminderAfterDays !== undefined ? { reminderAfterDays: dto.reminderAfterDays } : {}),
          updatedAt: now.toISOString(),
        },
      );
    });
    return this.view(eventId, p, now);
  }

  /** The asking delegate's meetings in the published schedule with their own answers. */
  async mine(eventId: string, p: Principal, now = new Date()): Promise<MyFeedbackPageResponse> {
    if (p.kind !== 'delegate') throw forbidden('Only attendees have a feedback page');
    await this.assertCanRead(eventId, p);
    const mine = (await this.publishedMeetings(eventId, this.db.manager)).filter((a) =>
      a.delegateIds.includes(p.delegateId),
    );
    const answers = mine.length
      ? await this.db.manager.find(MeetingFeedbackEntity, {
          where: { delegateId: p.delegateId, requestId: In(mine.map((a) => a.requestId)) },
        })
      : [];
    const byRequest = new Map(answers.map((f) => [f.requestId, f]));
    const clusterIds = [...new Set(mine.flatMap((a) => a.clusterIds))];
    const names = await this.clusters.names(clusterIds);
    const meetings: FeedbackMeetingResponse[] = mine.map((a) => {
      const f = byRequest.get(a.requestId);
      return {
        meetingId: a.requestId,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        tableName: a.tableName,
        otherClusters: a.clusterIds.filter((c) => c !== p.clusterId).map((c) => names.get(c) ?? c),
        feedback: f ? ownAnswer(f) : null,
      };
    });
    return { survey: await this.view(eventId, p, now), meetings };
  }

  /**
   * An attendee's answer about one of their meetings (created or replaced). 404 when the meeting is not theirs
   * in the published schedule, 409 when the survey is not open, 422 naming the field for an inconsistent answer.
   */
  async answer(
    eventId: string,
    meetingId: string,
    dto: MeetingFeedbackDto,
    p: Principal,
    now = new Date(),
  ): Promise<MyFeedbackResponse> {
    if (p.kind !== 'delegate') throw forbidden('Only an attendee of the meeting gives feedback on it');
    if (dto.held && (dto.usefulness === undefined || dto.usefulness === null))
      throw badField('usefulness', 'is required (1-5) when the meeting was held');
    if (!dto.held && dto.usefulness !== undefined && dto.usefulness !== null)
      throw badField('usefulness', 'must be left out when the meeting was not held');
    return this.db.transaction(async (m) => {
      await this.event(eventId, m);
      const meeting = (await this.publishedMeetings(eventId, m)).find((a) => a.requestId === meetingId);
      if (!meeting || !meeting.delegateIds.includes(p.delegateId)) throw notFound('Meeting of yours', meetingId);
      const s = await m.findOne(FeedbackSurveyEntity, { where: { eventId } });
      const state = stateOf(s, now);
      if (state !== 'open')
        throw conflict(
          state === 'closed'
            ? `The feedback survey of event ${eventId} closed at ${s?.closesAt ?? ''}; answers can no longer change`
            : `The feedback survey of event ${eventId} is not open yet`,
        );
      const values = {
        held: dto.held,
        usefulness: dto.held ? (dto.usefulness ?? null) : null,
        nextStep: dto.nextStep ?? null,
        note: dto.note ?? '',
        updatedAt: now.toISOString(),
      };
      const existing = await m.findOne(MeetingFeedbackEntity, {
        where: { requestId: meetingId, delegateId: p.delegateId },
      });
      if (existing) await m.update(MeetingFeedbackEntity, { id: existing.id }, values);
      else
        await m.insert(MeetingFeedbackEntity, {
          id: randomUUID(),
          eventId,
          requestId: meetingId,
          delegateId: p.delegateId,
          clusterId: p.clusterId,
          createdAt: now.toISOString(),
          ...values,
        });
      const saved = await m.findOneOrFail(MeetingFeedbackEntity, {
        where: { requestId: meetingId, delegateId: p.delegateId },
      });
      return ownAnswer(saved);
    });
  }

  /**
   * The reminders: for each open survey whose reminder is due (`reminderAfterDays` after the mails) and not yet
   * sent, every attendee who has not answered all their meetings gets one mail with a fresh link. Runs on the
   * mail worker's reminder interval; tests call it with their own `now`. Returns the number queued.
   */
  async queueReminders(now = new Date()): Promise<number> {
    const surveys = await this.db.manager.find(FeedbackSurveyEntity);
    let total = 0;
    for (const s of surveys) {
      if (s.remindedAt !== null || stateOf(s, now) !== 'open') continue;
      if (Date.parse(s.sentAt) + s.reminderAfterDays * DAY_MS > now.getTime()) continue;
      total += await this.db.transaction(async (m) => {
        const fresh = await m.findOne(FeedbackSurveyEntity, { where: { eventId: s.eventId } });
        if (!fresh || fresh.remindedAt !== null) return 0;
        const event = await this.event(s.eventId, m);
        const attendees = this.byAttendee(await this.publishedMeetings(s.eventId, m));
        const answered = await m.find(MeetingFeedbackEntity, {
          where: { eventId: s.eventId },
          select: { delegateId: true, requestId: true },
        });
        const done = new Set(answered.map((a) => `${a.delegateId}.${a.requestId}`));
        const missing = new Map([...attendees].filter(([d, ms]) => ms.some((a) => !done.has(`${d}.${a.requestId}`))));
        // Claim the reminder first, so two instances cannot both send it.
        const claimed = await m
          .createQueryBuilder()
          .update(FeedbackSurveyEntity)
          .set({ remindedAt: now.toISOString(), updatedAt: now.toISOString() })
          .where('event_id = :id AND reminded_at IS NULL', { id: s.eventId })
          .execute();
        if (claimed.affected !== 1) return 0;
        const unreachable = await this.prefs.unreachable(m, [...missing.keys()]);
        for (const d of missing.keys())
          if (unreachable.has(d) || (await this.mail.isQueued(m, `feedback-reminder.${s.eventId}.${d}`)))
            missing.delete(d);
        return this.queueMails(m, event, fresh.closesAt, 'feedback-reminder', missing);
      });
    }
    if (total > 0) this.log.info({ queued: total }, 'feedback reminders queued');
    return total;
  }

  /**
   * What attendees said of these meetings, for other modules (the recommendations' follow-ups, issue 12): for each
   * request that has any answer, whether some attendee found it useful (held, and usefulness 4-5 or a next step
   * other than none). Requests without answers are left out.
   */
  async usefulByRequest(requestIds: readonly string[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    if (requestIds.length === 0) return out;
    const rows = await this.db.manager.find(MeetingFeedbackEntity, { where: { requestId: In([...requestIds]) } });
    for (const r of rows) {
      const useful = r.held && ((r.usefulness ?? 0) >= 4 || (r.nextStep !== null && r.nextStep !== 'none'));
      out.set(r.requestId, (out.get(r.requestId) ?? false) || useful);
    }
    return out;
  }
}
