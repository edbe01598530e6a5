import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { emlFileName, renderCustom, toEml, type CustomLanguage } from '@clustermatch/mail';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import { AuthRepository } from '../auth/auth.repository';
import type { Principal } from '../auth/decorators';
import { CalendarsRepository } from '../calendars/calendars.repository';
import type { ClusterEntity } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { CollaborationsRepository } from '../collaborations/collaborations.repository';
import { CommsRepository } from '../comms/comms.repository';
import { conflict, notFound } from '../common/errors';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import type { FreeTextScrub } from '../database/scrub-column';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { EventdayRepository } from '../eventday/eventday.repository';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { FollowUpsRepository } from '../follow-ups/follow-ups.repository';
import { MailService } from '../mail/mail.service';
import { mailLanguage } from '../common/language';
import { writeEml } from '../mail/mail-worker.service';
import { OutboxRepository } from '../mail/outbox.repository';
import { deserialiseMail } from '../mail/typeorm-outbox.store';
import { RequestsRepository } from '../requests/requests.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
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
 * name, address, role and free texts replaced everywhere, meetings and statistics left countable. Each feature reads
 * and writes its own tables through its repository; the erasure passes them its one transaction (all or nothing).
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditLog,
    private readonly mail: MailService,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    private readonly delegates: DelegatesRepository,
    private readonly clusters: ClustersRepository,
    private readonly events: EventsRepository,
    private readonly requests: RequestsRepository,
    private readonly schedules: ScheduleVersions,
    private readonly feedback: FeedbackRepository,
    private readonly followUps: FollowUpsRepository,
    private readonly collaborations: CollaborationsRepository,
    private readonly comms: CommsRepository,
    private readonly eventday: EventdayRepository,
    private readonly auth: AuthRepository,
    private readonly calendars: CalendarsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  private async person(delegateId: string, p: Principal, m: EntityManager = this.db.manager) {
    await this.access.require(p, Permission.PersonalData, [delegateId], m);
    const d = await this.delegates.find(delegateId, m);
    if (!d) throw notFound('Delegate', delegateId);
    const cluster = await this.clusters.find(d.clusterId, m);
    return { d, cluster };
  }

  /** Everything the service holds about the person, as JSON (the web app shows it as a page too). */
  async export(delegateId: string, p: Principal) {
    const m = this.db.manager;
    const { d, cluster } = await this.person(delegateId, p);
    const events = await this.events.inIdOrder(await this.clusters.eventIdsOf(d.clusterId, m), m);
    const eventName = new Map(events.map((e) => [e.id, e.name]));
    const { requests, parties } = await this.requests.ofDelegate(delegateId, m);
    const clusterNames = await this.clusters.names(
      parties.map((x) => x.clusterId),
      m,
    );
    const assignments = await this.schedules.publishedMeetingsOf(delegateId, m);
    const unavailable = await this.events.slotsByStart(await this.delegates.unavailableSlotIdsOf(delegateId, m), m);
    const feedback = await this.feedback.feedbackOf(delegateId, m);
    const answers = await this.feedback.evaluationAnswersOf(delegateId, m);
    // The recipient column holds the mailbox (`"Name" <address>`).
    const mails = (await this.outbox.toAddress(d.email, m)).filter(
      (o) => addressOf(o.recipient) === d.email.toLowerCase(),
    );
    const consent = await m.find(PrivacyAcceptanceEntity, { where: { delegateId }, order: { version: 'ASC' } });
    const pref = await this.comms.contactPreferenceOf(delegateId, m);
    const feeds = await this.calendars.feedsOf(delegateId, m);
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
    const rows = (await this.schedules.publishedMeetingsOf(d.id, m)).filter((a) => a.startsAt > now);
    const people = await this.delegates.byIds(
      rows.flatMap((a) => a.delegateIds),
      m,
    );
    const byId = new Map(people.map((x) => [x.id, x]));
    const events = new Map(
      (
        await this.events.byIds(
          rows.map((a) => a.eventId),
          m,
        )
      ).map((e) => [e.id, e]),
    );
    const clusters = new Map(
      (
        await this.clusters.byIds(
          rows.flatMap((a) => a.clusterIds),
          m,
        )
      ).map((c) => [c.id, c]),
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
      const d = p ? (await this.person(delegateId, p, m)).d : await this.delegates.find(delegateId, m);
      if (!d) throw notFound('Delegate', delegateId);
      if (d.erasedAt) throw conflict(`Delegate ${delegateId} was erased already (${d.erasedAt})`);
      const cluster = await this.clusters.find(d.clusterId, m);
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
          if (!clusterOf.has(to.clusterId)) clusterOf.set(to.clusterId, await this.clusters.find(to.clusterId, m));
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
      const events = await this.clusters.eventIdsOf(d.clusterId, m);
      const candidates = await this.outbox.mentioning(d.email, d.name, events, m);
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
        const patch: Parameters<OutboxRepository['patch']>[1] = {
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
        await this.outbox.patch(o.id, patch, m);
        outboxRowsChanged++;
        files.push({ name: emlFileName(deserialiseMail(o.mail)), mail: toPerson ? null : mailJson });
      }

      // 3. Free texts of others that name them (notes, reasons, feedback, titles, mailings), and their own.
      const scrub: FreeTextScrub = { email: d.email, name: d.name, scrub: (text) => scrubText(text, erased) };
      let freeTextsChanged = 0;
      freeTextsChanged += await this.requests.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.feedback.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.collaborations.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.comms.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.eventday.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.followUps.scrubFreeTexts(scrub, m);
      freeTextsChanged += await this.feedback.eraseOwnTextsOf(delegateId, m);
      freeTextsChanged += await this.followUps.eraseOwnNotesOf(delegateId, m);

      // 4. Sign-in and feeds: links revoked, invitations deleted, feeds revoked (their rows answer 404).
      const linksRevoked = await this.auth.revokeLinksOf(delegateId, now, m);
      await this.auth.deleteInvitationsOf(delegateId, d.email, m);
      const feedsRevoked = await this.calendars.revokeFeedsOf(delegateId, now, m);
      await this.delegates.deleteUnavailabilityOf(delegateId, m);
      await this.comms.deleteContactPreferenceOf(delegateId, m);

      // 5. The person: a former delegate of their cluster, kept for the meetings and figures that count them.
      await this.delegates.anonymise(delegateId, replacement, erased.emailReplacement, now, m);
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
        feedsRevoked,
        linksRevoked,
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
    await this.db.truncateWal();
    return report;
  }
}
