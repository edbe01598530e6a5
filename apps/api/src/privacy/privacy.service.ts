import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { emlFileName, renderCustom, toEml, type CustomLanguage } from '@clustermatch/mail';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import { DelegateInvitationEntity } from '../auth/delegate-invitation.entity';
import type { Principal } from '../auth/decorators';
import { MagicLinkEntity } from '../auth/magic-link.entity';
import { CalendarFeedEntity } from '../calendars/calendar-feed.entity';
import { ClusterEntity, ParticipationEntity } from '../clusters/cluster.entity';
import { CollaborationEntity } from '../collaborations/collaboration.entity';
import { ContactPreferenceEntity, MailingEntity } from '../comms/comms.entity';
import { conflict, notFound } from '../common/errors';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import { DelegateEntity, UnavailabilityEntity } from '../delegates/delegate.entity';
import { EventEntity, SlotEntity } from '../events/event.entity';
import { MeetingMarkEntity, RebookingEntity } from '../eventday/eventday.entity';
import { EvaluationAnswerEntity } from '../feedback/evaluation.entity';
import { MeetingFeedbackEntity } from '../feedback/feedback.entity';
import { FollowUpAnswerEntity } from '../follow-ups/follow-up.entity';
import { MailService } from '../mail/mail.service';
import { mailLanguage } from '../common/language';
import { writeEml } from '../mail/mail-worker.service';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { deserialiseMail } from '../mail/typeorm-outbox.store';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from '../requests/request.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
import { AuditLog, type AuditActor } from './audit-log';
import { PrivacyAcceptanceEntity } from './privacy.entity';
import { mentions, scrubJson, scrubText, type Erased } from './scrub';

/** A meeting of the published schedule, not yet begun, whose seat for the person is lost by the erasure. */
export interface CancelledMeeting {
  requestId: string;
  eventId: string;
  eventName: string;
  startsAt: string;
  endsAt: string;
  table: string;
  /** The other clusters of the meeting. */
  counterparts: string[];
  /** Delegates of the other clusters who are mailed that the meeting is cancelled. */
  notified: number;
}

export interface ErasurePreview {
  delegateId: string;
  clusterId: string;
  clusterName: string;
  /** What the person's name becomes. */
  replacement: string;
  erased: boolean;
  /**
   * Upcoming meetings the person attends for their cluster alone: they are cancelled for the other side, whose
   * delegates are mailed (in the erasure's transaction, before the address is gone).
   */
  cancelledMeetings: CancelledMeeting[];
  /** Upcoming meetings a colleague of the same cluster still attends: they go ahead. */
  continuingMeetings: number;
}

export interface ErasureReport extends ErasurePreview {
  erasedAt: string;
  counterpartsMailed: number;
  outboxRowsChanged: number;
  emlFilesRemoved: number;
  emlFilesRewritten: number;
  feedsRevoked: number;
  linksRevoked: number;
  freeTextsChanged: number;
}

const ERASED_DOMAIN = 'erased.invalid';
const upcomingMeetingText: Record<CustomLanguage, { subject: string; body: string }> = {
  en: {
    subject: 'Meeting cancelled: {cluster}, {time}',
    body:
      'Your meeting with {cluster} on {time} at table {table} ({event}) is cancelled: the person who was to attend ' +
      'for {cluster} has left the event and asked for their data to be erased.\n\n' +
      'The organiser will update the schedule; until then the meeting shows a former delegate of {cluster}.',
  },
  da: {
    subject: 'Møde aflyst: {cluster}, {time}',
    body:
      'Dit møde med {cluster} {time} ved bord {table} ({event}) er aflyst: den person, der skulle deltage for ' +
      '{cluster}, har forladt arrangementet og bedt om at få sine data slettet.\n\n' +
      'Arrangøren opdaterer programmet; indtil da står mødet med en tidligere deltager fra {cluster}.',
  },
};

const meetingView = (c: CancelledMeeting): CancelledMeeting => ({
  requestId: c.requestId,
  eventId: c.eventId,
  eventName: c.eventName,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  table: c.table,
  counterparts: c.counterparts,
  notified: c.notified,
});

/** The address of a mailbox (`"Name" <address>` or a bare address), lower case. */
const addressOf = (mailbox: string): string => (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();

const formatTime = (iso: string, zone: string, lang: CustomLanguage): string =>
  new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));

/**
 * Issue 17: what the service holds about a person (export), and erasing it (the person themself or an organiser):
 * name, address, role and free texts replaced everywhere, meetings and statistics left countable.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditLog,
    private readonly mail: MailService,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
  ) {}

  private async person(delegateId: string, p: Principal, m: EntityManager = this.db.manager) {
    await this.access.require(p, Permission.PersonalData, [delegateId], m);
    const d = await m.findOneBy(DelegateEntity, { id: delegateId });
    if (!d) throw notFound('Delegate', delegateId);
    const cluster = await m.findOneBy(ClusterEntity, { id: d.clusterId });
    return { d, cluster };
  }

  /** Everything the service holds about the person, as JSON (the web app shows it as a page too). */
  async export(delegateId: string, p: Principal) {
    const m = this.db.manager;
    const { d, cluster } = await this.person(delegateId, p);
    const events = await m
      .createQueryBuilder(EventEntity, 'e')
      .innerJoin(ParticipationEntity, 'pa', 'pa.eventId = e.id')
      .where('pa.clusterId = :c', { c: d.clusterId })
      .orderBy('e.id')
      .getMany();
    const eventName = new Map(events.map((e) => [e.id, e.name]));
    const rd = await m.find(RequestDelegateEntity, { where: { delegateId } });
    const requestIds = rd.map((r) => r.requestId);
    const requests = requestIds.length ? await m.find(MeetingRequestEntity, { where: { id: In(requestIds) } }) : [];
    const parties = requestIds.length ? await m.find(RequestPartyEntity, { where: { requestId: In(requestIds) } }) : [];
    const clusterIds = [...new Set(parties.map((x) => x.clusterId))];
    const clusterNames = new Map(
      (clusterIds.length ? await m.find(ClusterEntity, { where: { id: In(clusterIds) } }) : []).map((c) => [
        c.id,
        c.name,
      ]),
    );
    const published = await m.find(ScheduleVersionEntity, { where: { state: 'published' } });
    const assignments = published.length
      ? (await m.find(ScheduleAssignmentEntity, { where: { versionId: In(published.map((v) => v.id)) } })).filter((a) =>
          a.delegateIds.includes(delegateId),
        )
      : [];
    const unavailable = await m
      .createQueryBuilder(SlotEntity, 's')
      .innerJoin(UnavailabilityEntity, 'u', 'u.slotId = s.id')
      .where('u.delegateId = :delegateId', { delegateId })
      .orderBy('s.startsAt')
      .getMany();
    const feedback = await m.find(MeetingFeedbackEntity, { where: { delegateId }, order: { createdAt: 'ASC' } });
    const answers = await m.find(EvaluationAnswerEntity, { where: { delegateId } });
    // The recipient column holds the mailbox (`"Name" <address>`).
    const mails = (
      await m
        .createQueryBuilder(OutboxMessageEntity, 'o')
        .where('lower(o.recipient) LIKE :e', { e: `%<${d.email.toLowerCase()}>%` })
        .orWhere('lower(o.recipient) = :a', { a: d.email.toLowerCase() })
        .orderBy('o.createdAt', 'ASC')
        .getMany()
    ).filter((o) => addressOf(o.recipient) === d.email.toLowerCase());
    const consent = await m.find(PrivacyAcceptanceEntity, { where: { delegateId }, order: { version: 'ASC' } });
    const pref = await m.findOneBy(ContactPreferenceEntity, { delegateId });
    const feeds = await m.find(CalendarFeedEntity, { where: { delegateId }, order: { createdAt: 'ASC' } });
    const result = {
      exportedAt: new Date().toISOString(),
      person: {
        id: d.id,
        name: d.name,
        email: d.email,
        role: d.role,
        needs: JSON.parse(d.needs || '[]') as string[],
        createdAt: d.createdAt,
        directoryVisible: d.directoryVisible !== false,
        erasedAt: d.erasedAt ?? null,
      },
      cluster: { id: d.clusterId, name: cluster?.name ?? '', country: cluster?.country ?? '' },
      events: events.map((e) => ({ id: e.id, name: e.name })),
      requests: requests.map((r) => ({
        id: r.id,
        eventId: r.eventId,
        eventName: eventName.get(r.eventId) ?? '',
        status: r.status,
        role: r.requesterClusterId === d.clusterId ? ('requester' as const) : ('receiver' as const),
        clusters: parties.filter((x) => x.requestId === r.id).map((x) => clusterNames.get(x.clusterId) ?? x.clusterId),
        note: r.note,
        createdAt: r.createdAt,
      })),
      meetings: assignments
        .map((a) => ({
          requestId: a.requestId,
          eventId: a.eventId,
          eventName: eventName.get(a.eventId) ?? '',
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          table: a.tableName,
          clusters: a.clusterIds.map((c) => clusterNames.get(c) ?? c),
        }))
        .sort((x, y) => x.startsAt.localeCompare(y.startsAt)),
      unavailability: unavailable.map((s) => ({
        eventId: s.eventId,
        slotId: s.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
      })),
      feedback: feedback.map((f) => ({
        eventId: f.eventId,
        requestId: f.requestId,
        held: f.held,
        usefulness: f.usefulness,
        nextStep: f.nextStep,
        note: f.note,
        updatedAt: f.updatedAt,
      })),
      evaluationAnswers: answers.map((a) => ({
        eventId: a.eventId,
        questionId: a.questionId,
        value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value),
        updatedAt: a.updatedAt,
      })),
      mails: mails.map((o) => {
        const mail = deserialiseMail(o.mail);
        return {
          id: o.id,
          kind: o.kind,
          subject: o.subject,
          status: o.status,
          createdAt: o.createdAt,
          sentAt: o.sentAt,
          text: mail.text,
        };
      }),
      consent: consent.map((c) => ({ version: c.version, acceptedAt: c.acceptedAt })),
      contactPreference: pref ? { unsubscribedAt: pref.unsubscribedAt, bouncedAt: pref.bouncedAt } : null,
      calendarFeeds: feeds.map((f) => ({ eventId: f.eventId, createdAt: f.createdAt, revokedAt: f.revokedAt })),
    };
    await this.audit.record(undefined, p, {
      action: 'export',
      targetType: 'delegate',
      targetId: delegateId,
      summary: `personal data of delegate ${delegateId} exported (${result.requests.length} requests, ${result.meetings.length} meetings, ${result.mails.length} mails)`,
    });
    return result;
  }

  /** The upcoming published meetings of the person, split into those cancelled by the erasure and the others. */
  private async upcoming(m: EntityManager, d: DelegateEntity, now: string) {
    const published = await m.find(ScheduleVersionEntity, { where: { state: 'published' } });
    if (!published.length) return { cancelled: [], continuing: 0 };
    const rows = (
      await m.find(ScheduleAssignmentEntity, { where: { versionId: In(published.map((v) => v.id)) } })
    ).filter((a) => a.delegateIds.includes(d.id) && a.startsAt > now);
    const people = rows.length
      ? await m.find(DelegateEntity, { where: { id: In([...new Set(rows.flatMap((a) => a.delegateIds))]) } })
      : [];
    const byId = new Map(people.map((x) => [x.id, x]));
    const events = rows.length
      ? new Map(
          (await m.find(EventEntity, { where: { id: In([...new Set(rows.map((a) => a.eventId))]) } })).map((e) => [
            e.id,
            e,
          ]),
        )
      : new Map<string, EventEntity>();
    const clusterIds = [...new Set(rows.flatMap((a) => a.clusterIds))];
    const clusters = new Map(
      (clusterIds.length ? await m.find(ClusterEntity, { where: { id: In(clusterIds) } }) : []).map((c) => [c.id, c]),
    );
    const cancelled: (CancelledMeeting & { to: DelegateEntity[]; event: EventEntity })[] = [];
    let continuing = 0;
    for (const a of rows.sort((x, y) => x.startsAt.localeCompare(y.startsAt))) {
      const colleagues = a.delegateIds.filter((id) => id !== d.id && byId.get(id)?.clusterId === d.clusterId);
      if (colleagues.length) {
        continuing++;
        continue;
      }
      const to = a.delegateIds
        .map((id) => byId.get(id))
        .filter((x): x is DelegateEntity => !!x && x.clusterId !== d.clusterId && !x.erasedAt);
      const event = events.get(a.eventId);
      if (!event) continue;
      cancelled.push({
        requestId: a.requestId,
        eventId: a.eventId,
        eventName: event.name,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        table: a.tableName,
        counterparts: a.clusterIds.filter((c) => c !== d.clusterId).map((c) => clusters.get(c)?.name ?? c),
        notified: to.length,
        to,
        event,
      });
    }
    return { cancelled, continuing };
  }

  private replacementName(cluster: ClusterEntity | null): string {
    return `Former delegate of ${cluster?.name ?? 'a cluster'}`;
  }

  /** What erasing the person would do: which upcoming meetings are cancelled (and whose delegates are mailed). */
  async preview(delegateId: string, p: Principal): Promise<ErasurePreview> {
    const { d, cluster } = await this.person(delegateId, p);
    const { cancelled, continuing } = await this.upcoming(this.db.manager, d, new Date().toISOString());
    return {
      delegateId,
      clusterId: d.clusterId,
      clusterName: cluster?.name ?? '',
      replacement: this.replacementName(cluster),
      erased: !!d.erasedAt,
      cancelledMeetings: cancelled.map(meetingView),
      continuingMeetings: continuing,
    };
  }

  async erase(delegateId: string, p: Principal): Promise<ErasureReport> {
    return this.eraseAs(delegateId, p, p);
  }

  /**
   * Erases the person in one transaction: first the counterparts of cancelled upcoming meetings are mailed (through
   * the outbox), then name, address, role and free texts are replaced everywhere (delegate row, outbox rows, other
   * people's free texts that mention them), login links and invitations are revoked or deleted, calendar feeds
   * revoked, availability, unsubscribe and bounce records deleted. After the commit the `.eml` copies are removed or
   * rewritten, and on SQLite the write-ahead log is checkpointed and truncated (the file zeroes deleted content).
   */
  async eraseAs(delegateId: string, p: Principal | undefined, actor: AuditActor): Promise<ErasureReport> {
    const now = new Date().toISOString();
    const files: { name: string; mail: string | null }[] = [];
    const report = await this.db.transaction(async (m) => {
      const d = p ? (await this.person(delegateId, p, m)).d : await m.findOneBy(DelegateEntity, { id: delegateId });
      if (!d) throw notFound('Delegate', delegateId);
      if (d.erasedAt) throw conflict(`Delegate ${delegateId} was erased already (${d.erasedAt})`);
      const cluster = await m.findOneBy(ClusterEntity, { id: d.clusterId });
      const clusterName = cluster?.name ?? '';
      const replacement = this.replacementName(cluster);
      const erased: Erased = {
        name: d.name,
        email: d.email,
        nameReplacement: replacement,
        emailReplacement: `erased-${d.id}@${ERASED_DOMAIN}`,
      };

      // 1. The other side of each cancelled upcoming meeting hears of it first (the mail names the cluster only).
      const { cancelled, continuing } = await this.upcoming(m, d, now);
      const clusterOf = new Map<string, ClusterEntity | null>();
      let counterpartsMailed = 0;
      for (const c of cancelled) {
        for (const to of c.to) {
          if (!clusterOf.has(to.clusterId))
            clusterOf.set(to.clusterId, await m.findOneBy(ClusterEntity, { id: to.clusterId }));
          const lang: CustomLanguage = mailLanguage({
            delegate: to.language,
            event: c.event.language,
            country: clusterOf.get(to.clusterId)?.country,
          });
          const text = upcomingMeetingText[lang];
          const rendered = renderCustom({
            subject: text.subject,
            body: text.body,
            values: {
              cluster: clusterName,
              time: formatTime(c.startsAt, c.event.timezone, lang),
              table: c.table,
              event: c.eventName,
            },
            language: lang,
            eventName: c.eventName,
          });
          await this.mail.queueRendered(
            m,
            'erasure-cancel',
            rendered,
            { email: to.email, name: to.name },
            { id: `erasure.${c.requestId}.${to.id}`, eventId: c.eventId },
          );
          counterpartsMailed++;
        }
      }

      // 2. Outbox rows: to the person, or mentioning them (agendas and mails of others list attendees).
      const events = (await m.find(ParticipationEntity, { where: { clusterId: d.clusterId } })).map((x) => x.eventId);
      const candidates = await m
        .createQueryBuilder(OutboxMessageEntity, 'o')
        .where('lower(o.recipient) LIKE :e', { e: `%${d.email.toLowerCase()}%` })
        .orWhere('lower(o.mail) LIKE :e', { e: `%${d.email.toLowerCase()}%` })
        .orWhere('o.mail LIKE :n', { n: `%${d.name}%` })
        .orWhere(events.length ? 'o.eventId IN (:...events)' : '1 = 0', { events })
        .getMany();
      let outboxRowsChanged = 0;
      for (const o of candidates) {
        const toPerson = addressOf(o.recipient) === d.email.toLowerCase();
        const mailJson = JSON.stringify(scrubJson(JSON.parse(o.mail), erased));
        const changed =
          toPerson ||
          mailJson !== o.mail ||
          mentions(o.subject, erased) ||
          mentions(o.lastError ?? '', erased) ||
          mentions(o.response ?? '', erased);
        if (!changed) continue;
        const patch: Partial<OutboxMessageEntity> = {
          recipient: scrubText(o.recipient, erased).slice(0, 254),
          subject: scrubText(o.subject, erased).slice(0, 400),
          mail: mailJson,
          lastError: o.lastError === null ? null : scrubText(o.lastError, erased),
          response: o.response === null ? null : scrubText(o.response, erased),
        };
        // A mail to the person that is not sent yet never will be.
        if (toPerson && (o.status === 'pending' || o.status === 'sending')) {
          patch.status = 'failed';
          patch.lastError = 'not sent: the recipient was erased';
          patch.leaseOwner = null;
          patch.leaseUntil = null;
        }
        await m.update(OutboxMessageEntity, { id: o.id }, patch);
        outboxRowsChanged++;
        files.push({ name: emlFileName(deserialiseMail(o.mail)), mail: toPerson ? null : mailJson });
      }

      // 3. Free texts of others that name them (notes, reasons, feedback, titles, mailings), and their own.
      let freeTextsChanged = 0;
      const scrubColumn = async <T extends object>(
        entity: new () => T,
        key: keyof T & string,
        column: keyof T & string,
      ): Promise<void> => {
        const rows = await m
          .createQueryBuilder(entity, 'x')
          .where(`lower(x.${column}) LIKE :e OR x.${column} LIKE :n`, {
            e: `%${d.email.toLowerCase()}%`,
            n: `%${d.name}%`,
          })
          .getMany();
        for (const r of rows) {
          const v = (r as Record<string, unknown>)[column];
          if (typeof v !== 'string') continue;
          const next = scrubText(v, erased);
          if (next === v) continue;
          await m.update(entity, { [key]: (r as Record<string, unknown>)[key] } as never, { [column]: next } as never);
          freeTextsChanged++;
        }
      };
      await scrubColumn(MeetingRequestEntity, 'id', 'note');
      await scrubColumn(RequestPartyEntity, 'id', 'declineReason');
      await scrubColumn(MeetingFeedbackEntity, 'id', 'note');
      await scrubColumn(CollaborationEntity, 'id', 'title');
      await scrubColumn(MailingEntity, 'id', 'subject');
      await scrubColumn(MailingEntity, 'id', 'body');
      await scrubColumn(EvaluationAnswerEntity, 'id', 'value');
      await scrubColumn(MeetingMarkEntity, 'id', 'markerName');
      await scrubColumn(RebookingEntity, 'id', 'createdBy');
      await scrubColumn(FollowUpAnswerEntity, 'id', 'note');
      const own = await m.update(MeetingFeedbackEntity, { delegateId }, { note: '' });
      freeTextsChanged += own.affected ?? 0;
      const followUps = await m.update(FollowUpAnswerEntity, { answeredBy: delegateId }, { note: '' });
      freeTextsChanged += followUps.affected ?? 0;
      for (const a of await m.find(EvaluationAnswerEntity, { where: { delegateId } }))
        if (typeof a.value === 'string' && a.value !== '') {
          await m.update(EvaluationAnswerEntity, { id: a.id }, { value: '' });
          freeTextsChanged++;
        }

      // 4. Sign-in and feeds: links revoked, invitations deleted, feeds revoked (their rows answer 404).
      const links = await m.update(MagicLinkEntity, { delegateId, revokedAt: IsNull() }, { revokedAt: now });
      await m.delete(DelegateInvitationEntity, { delegateId });
      await m.delete(DelegateInvitationEntity, { email: d.email });
      const feeds = await m.update(CalendarFeedEntity, { delegateId, revokedAt: IsNull() }, { revokedAt: now });
      await m.delete(UnavailabilityEntity, { delegateId });
      await m.delete(ContactPreferenceEntity, { delegateId });

      // 5. The person: a former delegate of their cluster, kept for the meetings and figures that count them.
      await m.update(
        DelegateEntity,
        { id: delegateId },
        {
          name: replacement.slice(0, 200),
          email: erased.emailReplacement,
          role: '',
          needs: '[]',
          erasedAt: now,
          directoryVisible: false,
        },
      );
      await this.audit.record(m, actor, {
        action: 'erase',
        targetType: 'delegate',
        targetId: delegateId,
        summary: `delegate ${delegateId} of cluster ${d.clusterId} erased: ${cancelled.length} upcoming meetings cancelled, ${counterpartsMailed} counterparts mailed, ${outboxRowsChanged} outbox rows changed`,
      });
      return {
        delegateId,
        clusterId: d.clusterId,
        clusterName,
        replacement,
        erased: true,
        erasedAt: now,
        cancelledMeetings: cancelled.map(meetingView),
        continuingMeetings: continuing,
        counterpartsMailed,
        outboxRowsChanged,
        emlFilesRemoved: 0,
        emlFilesRewritten: 0,
        feedsRevoked: feeds.affected ?? 0,
        linksRevoked: links.affected ?? 0,
        freeTextsChanged,
      };
    });

    // After the commit: the .eml copies (written by the outbox when there is no SMTP server).
    for (const f of files) {
      const path = join(this.mailConfig.outboxDir, f.name);
      try {
        if (f.mail === null) {
          await unlink(path);
          report.emlFilesRemoved++;
        } else {
          const bytes = await toEml(deserialiseMail(f.mail));
          await unlink(path);
          await writeEml(this.mailConfig.outboxDir, f.name, bytes);
          report.emlFilesRewritten++;
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    // SQLite: the old pages live on in the write-ahead log until a checkpoint copies the new ones back.
    if (!this.db.isPostgres) await this.db.outsideTransactions((m) => m.query('PRAGMA wal_checkpoint(TRUNCATE)'));
    return report;
  }
}
