import { randomUUID } from 'node:crypto';
import { attendeeCalendar } from '@clustermatch/calendar';
import { affectedAttendees } from '@clustermatch/domain';
import type { Agenda } from '@clustermatch/domain';
import { editableTemplates, outboxEntry, render, renderReworded } from '@clustermatch/mail';
import type {
  EditableTemplate,
  Language,
  RenderedMail,
  TemplateText,
  NewOutboxMessage,
  OutboxMessage,
  OutboxStatus,
  OutgoingMail,
  TemplateData,
  TemplateName,
} from '@clustermatch/mail';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { mailLanguage } from '../common/language';
import { ClustersRepository } from '../clusters/clusters.repository';
import { AppError, conflict, ErrorCode, notFound } from '../common/errors';
import { likePattern } from '../common/like-pattern';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { OrganisersRepository } from '../auth/organisers.repository';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';
import { RequestsRepository } from '../requests/requests.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { FEED_REFRESH_SECONDS } from '../calendars/calendars.service';
import { PublishedAgendas } from '../calendars/published-agendas';
import { type AppConfig, type MailConfig } from '../config/config';
import { APP_CONFIG, MAIL_CONFIG } from '../config/config.module';
import { checkinCode, checkinQrSvg } from '../eventday/checkin-code';
import { OutboxMessageEntity } from './outbox-message.entity';
import { type OutboxMeta, TypeOrmOutboxStore } from './typeorm-outbox.store';

/** A mail rendered before the transaction that stores it (`MailService.store`), so rendering holds up no write. */
export interface PreparedMail {
  readonly message: NewOutboxMessage;
  readonly meta: OutboxMeta;
}

/** What the request-received mails say; the request's creator has all of it at hand. */
export interface RequestReceivedFacts {
  /** With its organisation when known (the mails' organisation; else the outbox reads it per mail). */
  readonly event: { readonly id: string; readonly name: string; readonly organisationId?: string };
  readonly request: { readonly id: string; readonly note: string; readonly requesterClusterId: string };
  /** The requesting cluster's name, if it exists. */
  readonly requesterName: string | undefined;
  /** The first delegate the requester named, if any. */
  readonly firstDelegateName: string | undefined;
  /** Every delegate of the receiving clusters. */
  readonly recipients: readonly {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly clusterId: string;
    /** The delegate's own language, if chosen. */
    readonly language?: Language | null;
  }[];
}

/** Who gets a mail. */
export interface MailTo {
  readonly email: string;
  readonly name?: string;
}

export interface QueueOptions {
  /** A stable id makes queueing idempotent (a known id is ignored); default a random UUID. Letters, digits, `.`, `_`, `-`. */
  readonly id?: string;
  readonly eventId?: string;
  /**
   * The organisation whose organisers see the mail; default the event's, else the recipient's. Needed for a mail to
   * someone who belongs to no organisation yet (an organiser's invitation).
   */
  readonly organisationId?: string;
  /** Not sent before this time. */
  readonly notBefore?: Date;
  readonly invitation?: OutgoingMail['invitation'];
  /** Secrets (a login link's token) taken out of the stored copy once the mail is sent or has finally failed. */
  readonly redact?: readonly string[];
  /** The language of a template mail; `queue` finds the recipient's (`languageFor`), `prepare` defaults to English. */
  readonly language?: Language;
  /** The organiser's rewording to use instead of the built-in layout (`queue` looks it up). */
  readonly reworded?: TemplateText;
}

/** The organiser's rewording of `template` in `language`, if any (issue 19). */
export type TemplateSource = (
  m: EntityManager,
  template: string,
  language: Language,
) => Promise<TemplateText | undefined>;

const isEditable = (t: TemplateName): t is EditableTemplate => (editableTemplates as readonly string[]).includes(t);

export type OutboxSort = 'createdAt' | 'sentAt' | 'to' | 'subject' | 'kind' | 'status';

export interface OutboxPageFilter {
  readonly organisationId?: string;
  readonly eventId?: string;
  readonly status?: OutboxStatus;
  readonly kind?: string;
  readonly q?: string;
  readonly sort?: OutboxSort;
  readonly dir?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

export interface OutboxPage {
  readonly total: number;
  readonly kinds: { kind: string; n: number }[];
  readonly items: OutboxView[];
}

/** An outbox message as the organiser sees it. */
export interface OutboxView {
  readonly id: string;
  readonly kind: string;
  readonly eventId: string | null;
  readonly to: string;
  /** The recipient's name from `to` (`"Name" <address>`); the address when there is no name. */
  readonly toName: string;
  readonly toAddress: string;
  readonly subject: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly interrupted: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly nextAttemptAt: string;
  readonly sentAt: string | null;
  readonly response: string | null;
}

function toView(e: OutboxMessageEntity): OutboxView {
  return {
    id: e.id,
    kind: e.kind,
    eventId: e.eventId,
    to: e.recipient,
    ...splitMailbox(e.recipient),
    subject: e.subject,
    status: e.status,
    attempts: e.attempts,
    interrupted: e.interrupted,
    lastError: e.lastError,
    createdAt: e.createdAt,
    nextAttemptAt: e.nextAttemptAt,
    sentAt: e.sentAt,
    response: e.response,
  };
}

/** The name and address of a `"Name" <address>` or `address` mailbox (a name is never empty: the address then). */
export function splitMailbox(mailbox: string): { toName: string; toAddress: string } {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(mailbox);
  if (!m) return { toName: mailbox.trim(), toAddress: mailbox.trim() };
  const address = (m[3] ?? '').trim();
  const name = (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1').trim();
  return { toName: name || address, toAddress: address };
}

/** The token of a sign-in link (`?token=`), the secret a stored mail must not keep once sent. */
export function linkSecrets(link: string): string[] {
  const token = new URL(link).searchParams.get('token');
  return token ? [token, encodeURIComponent(token)] : [];
}

/** `"Name" <address>` with the name made safe for a header. */
function mailbox(to: MailTo): string {
  const name = (to.name ?? '').replace(/["\\\r\n<>]/g, '').trim();
  return name !== '' ? `"${name}" <${to.email}>` : to.email;
}

/** The calendar date (YYYY-MM-DD) in `zone` of an instant. */
function dateIn(zone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The mails of the service. Every `queue*` method writes into the outbox through the caller's
 * EntityManager, i.e. inside the transaction of the change that causes the mail: the mail exists
 * if and only if the change was committed. The OutboxWorker sends them later.
 */
@Injectable()
export class MailService {
  private readonly log: Logger;
  private readonly domain: string;

  constructor(
    private readonly db: Db,
    private readonly outbox: TypeOrmOutboxStore,
    private readonly agendas: PublishedAgendas,
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly requests: RequestsRepository,
    private readonly versions: ScheduleVersions,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    @Inject(LOGGER) log: Logger,
    @Inject(APP_CONFIG) private readonly app: Pick<AppConfig, 'jwtSecret'>,
    private readonly cache: ReadCache,
    private readonly organisers: OrganisersRepository,
  ) {
    this.log = log.child({ component: 'mail' });
    this.domain = config.fromAddress.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  }

  /** Renders `template` and stores it in the outbox in the caller's transaction. Returns the message id. */
  async queue<K extends TemplateName>(
    m: EntityManager,
    template: K,
    data: TemplateData[K],
    to: MailTo,
    options: QueueOptions = {},
  ): Promise<string> {
    const language = options.language ?? (await this.languageFor(m, to.email, options.eventId));
    const reworded = options.reworded ?? (await this.templates?.(m, template, language));
    const mail = this.prepare(template, data, to, {
      ...options,
      language,
      ...(reworded !== undefined ? { reworded } : {}),
    });
    await this.store(m, [mail]);
    return mail.message.id;
  }

  private templates: TemplateSource | undefined;

  /** Where organiser-reworded templates come from (the comms module registers itself at start). */
  useTemplates(source: TemplateSource): void {
    this.templates = source;
  }

  /**
   * The language a recipient is written in (issue 16; `mailLanguage`): the delegate's own choice, else the event's
   * default (for mails of an event, `eventId`), else Danish for the delegates of clusters in Denmark, else English.
   * Addresses that are no delegate's: the organiser's own language, else the event's, else English.
   */
  async languageFor(m: EntityManager, email: string, eventId?: string): Promise<Language> {
    const d = await this.delegates.byEmail(email, m);
    if (d?.language) return d.language;
    const e = eventId ? await this.events.find(eventId, m) : null;
    // An organiser's own choice (issue 16), else the event's language, else English.
    if (!d) return (await this.organisers.byEmail(email, m))?.language ?? e?.language ?? 'en';
    const country = (await this.clusters.countries([d.clusterId], m)).get(d.clusterId);
    return mailLanguage({ delegate: d.language, event: e?.language, country });
  }

  /**
   * Stores an already rendered mail (an organiser-written mailing or nudge) in the outbox in the
   * caller's transaction, under `kind`. Returns the message id.
   */
  async queueRendered(
    m: EntityManager,
    kind: string,
    rendered: RenderedMail,
    to: MailTo,
    options: QueueOptions = {},
  ): Promise<string> {
    const id = options.id ?? randomUUID();
    const message = outboxEntry({
      id,
      from: this.config.from,
      to: mailbox(to),
      rendered,
      now: new Date(),
      ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
      domain: this.domain,
    });
    await this.store(m, [
      {
        message,
        meta: {
          kind,
          eventId: options.eventId ?? null,
          ...(options.redact !== undefined ? { redact: options.redact } : {}),
        },
      },
    ]);
    return id;
  }

  /** Renders `template` for the outbox, to be stored by `store` in the transaction of the change. */
  prepare<K extends TemplateName>(
    template: K,
    data: TemplateData[K],
    to: MailTo,
    options: QueueOptions = {},
  ): PreparedMail {
    const id = options.id ?? randomUUID();
    const message = outboxEntry({
      id,
      from: this.config.from,
      to: mailbox(to),
      rendered:
        options.reworded !== undefined && isEditable(template)
          ? renderReworded(template, data as TemplateData[typeof template], options.reworded, options.language)
          : render(template, data, options.language !== undefined ? { language: options.language } : {}),
      ...(options.invitation !== undefined ? { invitation: options.invitation } : {}),
      now: new Date(),
      ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
      domain: this.domain,
    });
    const meta: OutboxMeta = {
      kind: template,
      eventId: options.eventId ?? null,
      ...(options.organisationId !== undefined ? { organisationId: options.organisationId } : {}),
      ...(options.redact !== undefined ? { redact: options.redact } : {}),
    };
    return { message, meta };
  }

  /** Stores prepared mails in the outbox in the caller's transaction. */
  async store(m: EntityManager, mails: readonly PreparedMail[]): Promise<void> {
    for (const mail of mails) await this.outbox.enqueueWith(m, mail.message, mail.meta);
  }

  /** Issue 10: the attendee's check-in QR code (SVG) for their agenda mail. */
  private checkinQr(eventId: string, delegateId: string): Promise<string> {
    return checkinQrSvg(checkinCode(this.app.jwtSecret, eventId, delegateId));
  }

  link(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  /** A delegate's sign-in link. Its token is taken out of the stored mail once the mail is sent. */
  queueMagicLink(
    m: EntityManager,
    to: MailTo,
    link: string,
    expiresAt: Date,
    eventName = 'clustermatch',
  ): Promise<string> {
    const minutes = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 60_000));
    return this.queue(
      m,
      'magic-link',
      { ...(to.name !== undefined ? { name: to.name } : {}), eventName, link, expiresMinutes: minutes },
      to,
      { redact: linkSecrets(link) },
    );
  }

  /**
   * An invitation to join a cluster (`join`) or the confirmation of a new address (`confirm-email`); the link
   * signs its owner in. Its token is taken out of the stored mail once the mail is sent.
   */
  queueInvitation(
    m: EntityManager,
    to: MailTo,
    purpose: 'join' | 'confirm-email',
    link: string,
    expiresAt: Date,
    clusterName: string,
    invitedBy?: string,
  ): Promise<string> {
    const expiresDays = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 86_400_000));
    const name = to.name !== undefined ? { name: to.name } : {};
    const options = { redact: linkSecrets(link) };
    return purpose === 'join'
      ? this.queue(
          m,
          'delegate-invitation',
          { ...name, clusterName, link, expiresDays, ...(invitedBy !== undefined ? { invitedBy } : {}) },
          to,
          options,
        )
      : this.queue(m, 'email-confirmation', { ...name, clusterName, link, expiresDays }, to, options);
  }

  /** To every delegate of each receiving cluster: a new request waits for their answer. */
  async queueRequestReceived(m: EntityManager, requestId: string): Promise<number> {
    const r = await this.requests.get(requestId, m);
    const event = await this.events.get(r.eventId, m);
    const parties = await this.requests.parties(requestId, m);
    const requester = await this.clusters.find(r.requesterClusterId, m);
    const [firstId] = await this.requests.namedDelegateIds(requestId, r.requesterClusterId, m);
    const firstDelegate = firstId !== undefined ? await this.delegates.find(firstId, m) : null;
    const receivers = parties.filter((p) => p.role === 'receiver').map((p) => p.clusterId);
    const recipients = await this.delegates.ofClusters(receivers, m);
    const mails = await this.requestReceivedMails({
      event,
      request: r,
      requesterName: requester?.name,
      firstDelegateName: firstDelegate?.name,
      recipients,
    });
    await this.store(m, mails);
    return mails.length;
  }

  /** The request-received mails, one to each delegate of the receiving clusters (see `queueRequestReceived`). */
  async requestReceivedMails(f: RequestReceivedFacts): Promise<PreparedMail[]> {
    const { event, request: r } = f;
    // Each recipient in their language, with the organiser's wording if any: read before the transaction, through
    // the read cache (a cluster's country and the wording are read again after any write of their tables).
    const m = this.db.manager;
    const clusterIds = [...new Set(f.recipients.map((d) => d.clusterId))];
    const briefs = await Promise.all(clusterIds.map((id) => this.clusters.briefNow(id)));
    const countryOf = new Map(clusterIds.map((id, i) => [id, briefs[i]?.country]));
    // The event's language from the read cache (the same entry the request's own checks read; again after any write).
    const eventLanguage = (await this.cache.get(`event-row:${event.id}`, ['event'], () => this.events.find(event.id)))
      ?.language;
    const wording = new Map<Language, TemplateText | undefined>();
    const templates = this.templates;
    for (const l of ['en', 'da'] as const)
      wording.set(
        l,
        templates
          ? await this.cache.get(`mail-template:request-received:${l}`, ['mail_template'], () =>
              templates(m, 'request-received', l),
            )
          : undefined,
      );
    const organisationId = event.organisationId;
    return f.recipients.map((d) => {
      const language: Language = mailLanguage({
        delegate: d.language,
        event: eventLanguage,
        country: countryOf.get(d.clusterId),
      });
      const reworded = wording.get(language);
      const mail = this.prepare(
        'request-received',
        {
          name: d.name,
          eventName: event.name,
          requesterName: f.firstDelegateName ?? f.requesterName ?? r.requesterClusterId,
          requesterParty: f.requesterName ?? r.requesterClusterId,
          ...(r.note.trim() !== '' ? { note: r.note } : {}),
          link: this.link(`/events/${event.id}/requests/${r.id}`),
        },
        { email: d.email, name: d.name },
        {
          id: `request-received.${r.id}.${d.id}`,
          eventId: event.id,
          language,
          ...(reworded !== undefined ? { reworded } : {}),
        },
      );
      return organisationId === undefined ? mail : { ...mail, meta: { ...mail.meta, organisationId } };
    });
  }

  /**
   * To the requester's delegates: `answeringClusterId` accepted or declined. Call it in the
   * transaction that records the answer.
   */
  async queueRequestAnswered(
    m: EntityManager,
    requestId: string,
    answeringClusterId: string,
    accepted: boolean,
  ): Promise<number> {
    const r = await this.requests.get(requestId, m);
    const event = await this.events.get(r.eventId, m);
    const other = await this.clusters.find(answeringClusterId, m);
    const [answeringId] = await this.requests.namedDelegateIds(requestId, answeringClusterId, m);
    const otherDelegate = answeringId !== undefined ? await this.delegates.find(answeringId, m) : null;
    const named = await this.requests.namedDelegateIds(requestId, r.requesterClusterId, m);
    const recipients = named.length
      ? await this.delegates.byIds(named, m)
      : await this.delegates.ofClusters([r.requesterClusterId], m);
    const template = accepted ? 'request-accepted' : 'request-declined';
    // Issue 19: the receiver's reason for declining, if they gave one.
    const reason = accepted
      ? null
      : ((await this.requests.party(requestId, answeringClusterId, m))?.declineReason ?? null);
    for (const d of recipients) {
      await this.queue(
        m,
        template,
        {
          name: d.name,
          eventName: event.name,
          otherName: otherDelegate?.name ?? other?.name ?? answeringClusterId,
          otherParty: other?.name ?? answeringClusterId,
          link: this.link(`/events/${event.id}/requests/${r.id}`),
          ...(reason ? { reason } : {}),
        },
        { email: d.email, name: d.name },
        { id: `${template}.${r.id}.${answeringClusterId}.${d.id}`, eventId: event.id },
      );
    }
    return recipients.length;
  }

  /**
   * After a publish (call it in the publish transaction, after the version is marked published):
   * the first published version mails everyone with a meeting their agenda (.ics attached); a later
   * one mails only the people whose meetings were added, moved or cancelled, listing the changes.
   * Ids are per version and delegate, so calling it twice queues nothing new.
   */
  async queueSchedulePublished(m: EntityManager, eventId: string): Promise<number> {
    const h = await this.agendas.history(eventId, m);
    const last = h.snapshots[h.snapshots.length - 1];
    if (!last) throw new AppError(ErrorCode.Conflict, `Event ${eventId} has no published schedule`);
    const previous = h.snapshots[h.snapshots.length - 2];
    const stamp = new Date(last.publishedAt);
    const link = this.link(`/events/${eventId}/agenda`);
    const ics = (a: Agenda): string => attendeeCalendar(h.event, a, { stamp, refreshSeconds: FEED_REFRESH_SECONDS });
    let queued = 0;
    if (!previous) {
      for (const agenda of last.agendas) {
        if (agenda.person.email === undefined) continue;
        await this.queue(
          m,
          'schedule-published',
          {
            event: h.event,
            agenda,
            ics: ics(agenda),
            link,
            checkinQr: await this.checkinQr(eventId, agenda.person.id),
          },
          { email: agenda.person.email, name: agenda.person.name },
          { id: `schedule-published.${last.versionId}.${agenda.person.id}`, eventId },
        );
        queued++;
      }
    } else {
      for (const { agenda, changes } of affectedAttendees(previous.agendas, last.agendas)) {
        if (agenda.person.email === undefined) continue;
        await this.queue(
          m,
          'schedule-changed',
          { event: h.event, agenda, changes, ics: ics(agenda), link },
          { email: agenda.person.email, name: agenda.person.name },
          { id: `schedule-changed.${last.versionId}.${agenda.person.id}`, eventId },
        );
        queued++;
      }
    }
    this.log.info({ eventId, version: last.versionNumber, queued, first: !previous }, 'schedule mails queued');
    return queued;
  }

  /**
   * The organiser's "send agendas": every attendee with a meeting in the published version gets
   * their whole agenda again (.ics attached), in the caller's transaction. Each call uses fresh
   * message ids (one batch id per call), so a re-send is not swallowed by the outbox's de-duplication.
   * 409 when nothing is published. Returns the number of mails queued.
   */
  async queueAgendas(m: EntityManager, eventId: string): Promise<number> {
    const published = await this.versions.publishedVersion(eventId, m);
    if (!published) throw conflict(`Event ${eventId} has no published schedule: publish a version first`);
    const h = await this.agendas.history(eventId, m);
    const snapshot = h.snapshots.find((s) => s.versionId === published.id);
    if (!snapshot) throw conflict(`Event ${eventId} has no published schedule: publish a version first`);
    const stamp = new Date(snapshot.publishedAt);
    const link = this.link(`/events/${eventId}/agenda`);
    const batch = randomUUID();
    let queued = 0;
    for (const agenda of snapshot.agendas) {
      if (agenda.person.email === undefined) continue;
      if (!agenda.meetings.some((x) => x.status === 'confirmed')) continue;
      await this.queue(
        m,
        'schedule-published',
        {
          event: h.event,
          agenda,
          ics: attendeeCalendar(h.event, agenda, { stamp, refreshSeconds: FEED_REFRESH_SECONDS }),
          link,
          checkinQr: await this.checkinQr(eventId, agenda.person.id),
        },
        { email: agenda.person.email, name: agenda.person.name },
        { id: `agendas.${snapshot.versionId}.${agenda.person.id}.${batch}`, eventId },
      );
      queued++;
    }
    this.log.info({ eventId, version: snapshot.versionNumber, queued, batch }, 'agendas queued again');
    return queued;
  }

  /**
   * The day-before reminders: for every event with a published schedule, everyone with a meeting
   * on the day after `now` (in the event's time zone) gets one mail listing that day's meetings.
   * Idempotent: one message id per event, day and delegate.
   */
  async queueReminders(now: Date = new Date(), organisationId?: string): Promise<number> {
    let queued = 0;
    for (const eventId of await this.versions.eventsWithPublished()) {
      const event = await this.events.find(eventId);
      if (!event) continue;
      if (organisationId !== undefined && event.organisationId !== organisationId) continue;
      const tomorrow = addDays(dateIn(event.timezone, now), 1);
      queued += await this.db.transaction(async (m) => {
        const h = await this.agendas.history(event.id, m);
        const last = h.snapshots[h.snapshots.length - 1];
        if (!last) return 0;
        let n = 0;
        for (const agenda of last.agendas) {
          if (agenda.person.email === undefined) continue;
          const onDay = agenda.meetings.some(
            (x) => x.status === 'confirmed' && dateIn(event.timezone, new Date(x.slotStart)) === tomorrow,
          );
          if (!onDay) continue;
          const id = `reminder.${event.id}.${tomorrow}.${agenda.person.id}`;
          if (await this.isQueued(m, id)) continue;
          await this.queue(
            m,
            'reminder',
            { event: h.event, agenda, day: tomorrow, link: this.link(`/events/${event.id}/agenda`) },
            { email: agenda.person.email, name: agenda.person.name },
            { id, eventId: event.id },
          );
          n++;
        }
        return n;
      });
    }
    if (queued > 0) this.log.info({ queued }, 'reminders queued');
    return queued;
  }

  /** Whether a mail with this id is in the outbox already (queued, sent or failed): a second one is not queued. */
  async isQueued(m: EntityManager, id: string): Promise<boolean> {
    return (await m.findOne(OutboxMessageEntity, { where: { id }, select: { id: true } })) !== null;
  }

  /** The recipient (`Name <address>` or the address) of outbox message `id`; null when there is none. */
  async recipientOf(id: string): Promise<string | null> {
    return (
      (await this.db.manager.findOne(OutboxMessageEntity, { where: { id }, select: { recipient: true } }))?.recipient ??
      null
    );
  }

  /**
   * The organisation's mails sent before `before` whose text does not yet contain `purgedText` (id and stored mail):
   * the bodies retention removes.
   */
  sentBefore(
    organisationId: string,
    before: string,
    purgedText: string,
  ): Promise<Pick<OutboxMessageEntity, 'id' | 'mail'>[]> {
    return this.db.manager
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select(['o.id', 'o.mail'])
      .where("o.status = 'sent' AND o.sentAt < :before AND o.mail NOT LIKE :purged", {
        before,
        purged: `%${purgedText}%`,
      })
      .andWhere('o.organisationId = :org', { org: organisationId })
      .getMany();
  }

  /** Replaces a sent mail's stored message (retention keeps a stub without the body) and forgets the SMTP answer. */
  async replaceStored(id: string, mail: string): Promise<void> {
    await this.db.transaction((t) => t.update(OutboxMessageEntity, { id }, { mail, response: null }));
  }

  /** How many of the mails whose id starts with `idPrefix` are in each outbox status (none: left out). */
  async statusCounts(idPrefix: string): Promise<Map<string, number>> {
    const counts = await this.db.manager
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('o.id LIKE :prefix', { prefix: `${idPrefix}%` })
      .groupBy('o.status')
      .getRawMany<{ status: string; n: string | number }>();
    return new Map(counts.map((c) => [c.status, Number(c.n)]));
  }

  /** The outbox for the organiser: newest first, optionally one status; failures show `lastError`. */
  /** The messages an organisation sees (issue 9); without `organisationId`: every message (tools). */
  private outboxQuery(organisationId: string | undefined) {
    const qb = this.db.manager.createQueryBuilder(OutboxMessageEntity, 'o');
    if (organisationId === undefined) return qb.where('1 = 1');
    return qb.where('o.organisationId = :org', { org: organisationId });
  }

  async list(
    filter: { status?: OutboxStatus; eventId?: string; limit?: number; organisationId?: string } = {},
  ): Promise<OutboxView[]> {
    const qb = this.outboxQuery(filter.organisationId);
    if (filter.status !== undefined) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.eventId !== undefined) qb.andWhere('o.eventId = :eventId', { eventId: filter.eventId });
    const rows = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .take(filter.limit ?? 200)
      .getMany();
    return rows.map(toView);
  }

  /**
   * A page of the organisation's outbox (issue 16, item 6). `eventId`: that event's mails and those of no event
   * (sign-in links, invitations). Every search word must occur in the recipient or the subject; `total` counts every
   * match, `kinds` the mails of each kind in the event (or organisation) whatever the other filters.
   */
  async page(filter: OutboxPageFilter): Promise<OutboxPage> {
    const scope = () => {
      const qb = this.outboxQuery(filter.organisationId);
      if (filter.eventId !== undefined)
        qb.andWhere('(o.eventId = :eventId OR o.eventId IS NULL)', { eventId: filter.eventId });
      return qb;
    };
    const kinds = await scope()
      .select('o.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.kind')
      .orderBy('o.kind', 'ASC')
      .getRawMany<{ kind: string; n: string | number }>();
    const qb = scope();
    if (filter.status !== undefined) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.kind !== undefined) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    const ws = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    ws.forEach((w, i) =>
      qb.andWhere(`(LOWER(o.recipient) LIKE :w${i} ESCAPE '\\' OR LOWER(o.subject) LIKE :w${i} ESCAPE '\\')`, {
        [`w${i}`]: likePattern(w),
      }),
    );
    const total = await qb.getCount();
    const dir = filter.dir === 'asc' ? 'ASC' : 'DESC';
    const column: Record<OutboxSort, string> = {
      createdAt: 'o.createdAt',
      sentAt: 'o.sentAt',
      to: 'o.recipient',
      subject: 'o.subject',
      kind: 'o.kind',
      status: 'o.status',
    };
    const sort = filter.sort ?? 'createdAt';
    // Names sort without their quotes and case; a mail not yet sent sorts after the sent ones either way.
    if (sort === 'to' || sort === 'subject') qb.orderBy(`LOWER(REPLACE(${column[sort]}, '"', ''))`, dir);
    else if (sort === 'sentAt')
      qb.orderBy('CASE WHEN o.sentAt IS NULL THEN 1 ELSE 0 END', 'ASC').addOrderBy('o.sentAt', dir);
    else qb.orderBy(column[sort], dir);
    if (sort !== 'createdAt') qb.addOrderBy('o.createdAt', 'DESC');
    const rows = await qb
      .addOrderBy('o.id', 'ASC')
      .offset(filter.offset ?? 0)
      .limit(filter.limit ?? 25)
      .getMany();
    return { total, kinds: kinds.map((k) => ({ kind: k.kind, n: Number(k.n) })), items: rows.map(toView) };
  }

  /** One message; 404 when unknown or not the organisation's (`organisationId` given). */
  async get(id: string, organisationId?: string): Promise<OutboxView> {
    const row = await this.outboxQuery(organisationId).andWhere('o.id = :id', { id }).getOne();
    if (!row) throw notFound('Outbox message', id);
    return toView(row);
  }

  /** The organiser's "try again" for a failed message. 404 unknown, 409 when it is not failed. */
  async requeue(id: string, organisationId?: string): Promise<OutboxView> {
    const before = await this.get(id, organisationId);
    if (!(await this.outbox.requeue(id, new Date())))
      throw conflict(`Outbox message ${id} is ${before.status}; only a failed message can be requeued`);
    return this.get(id, organisationId);
  }

  /** The library's view of stored messages (tests and tools). */
  messages(status?: OutboxStatus): Promise<OutboxMessage[]> {
    return this.outbox.list(status !== undefined ? { status } : {});
  }
}
