import { randomUUID, timingSafeEqual } from 'node:crypto';
import { MailDataError, placeholdersIn, renderCustom } from '@clustermatch/mail';
import type { CustomLanguage, PlaceholderValue, RenderedMail } from '@clustermatch/mail';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AppError, badField, ErrorCode } from '../common/errors';
import { LOGGER } from '../common/logger';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { MailService } from '../mail/mail.service';
import { ContactPreferenceEntity, MailingEntity } from './comms.entity';
import { ContactPreferences } from './contact-preferences';
import { Segments, type Contact, type Segment } from './segments';

/** `{ en?, da? }`: the organiser's words in one or both languages. */
export type Localized = Partial<Record<CustomLanguage, string>>;

export interface MailingInput {
  readonly segment: Segment;
  readonly subject: Localized;
  readonly body: Localized;
}

export interface MailingView {
  id: string;
  eventId: string;
  segment: Segment;
  subject: Localized;
  body: Localized;
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  createdBy: string;
  createdAt: string;
}

export interface MailPreview {
  delegateId: string;
  name: string;
  email: string;
  clusterName: string;
  language: CustomLanguage;
  subject: string;
  text: string;
  html: string;
}

/** The placeholders of a custom mailing. */
export const MAILING_PLACEHOLDERS = ['name', 'cluster', 'event', 'meetings', 'loginLink', 'agendaLink'] as const;

/**
 * The language a recipient is written in when the organiser gives both versions: the recipient's (the delegate's
 * own choice, else the event's default, else Danish for clusters in Denmark, else English; see `mailLanguage`);
 * when the organiser wrote only one version, that one.
 */
export function languageOf(c: Pick<Contact, 'language'>, available: readonly CustomLanguage[]): CustomLanguage {
  return available.includes(c.language) ? c.language : (available[0] ?? 'en');
}

/**
 * Custom mail to a segment: preview for one recipient, count, send (every mail into the outbox in
 * one transaction with the mailing's row), list with the outbox's counts. Unsubscribed and bounced
 * addresses get nothing.
 */
@Injectable()
export class MailingsService {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly segments: Segments,
    private readonly mail: MailService,
    private readonly prefs: ContactPreferences,
    private readonly delegates: DelegatesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'mailings' });
  }

  /** The signed token of a delegate's unsubscribe link (HMAC of the id with the service's secret: nothing stored). */
  unsubscribeToken(delegateId: string): string {
    return this.prefs.unsubscribeToken(delegateId);
  }

  unsubscribeLink(delegateId: string): string {
    return this.prefs.unsubscribeLink(delegateId);
  }

  /** Follows an unsubscribe link: the delegate gets no more mailings or nudges. Idempotent. 404 for a bad token. */
  async unsubscribe(token: string): Promise<{ email: string }> {
    const delegateId = token.split('.')[0] ?? '';
    const expected = Buffer.from(this.unsubscribeToken(delegateId));
    const given = Buffer.from(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new AppError(ErrorCode.NotFound, 'This unsubscribe link is not valid');
    return this.db.transaction(async (m) => {
      const d = await this.delegates.find(delegateId, m);
      if (!d) throw new AppError(ErrorCode.NotFound, 'This unsubscribe link is not valid');
      const pref = await m.findOne(ContactPreferenceEntity, { where: { delegateId } });
      if (!pref)
        await m.insert(ContactPreferenceEntity, {
          delegateId,
          unsubscribedAt: new Date().toISOString(),
          bouncedAt: null,
          bounceReason: null,
        });
      else if (pref.unsubscribedAt === null)
        await m.update(ContactPreferenceEntity, { delegateId }, { unsubscribedAt: new Date().toISOString() });
      return { email: d.email };
    });
  }

  /** The languages given, checking that subject and body come in the same ones and use known placeholders. */
  private languages(input: MailingInput, allowed: readonly string[]): CustomLanguage[] {
    const langs: CustomLanguage[] = [];
    for (const l of ['en', 'da'] as const) {
      const s = input.subject[l];
      const b = input.body[l];
      const has = (x: string | undefined): boolean => x !== undefined && x.trim() !== '';
      if (has(s) !== has(b)) {
        const missing = has(s) ? `body.${l}` : `subject.${l}`;
        throw badField(missing, `is needed: the ${has(s) ? 'subject' : 'body'} has a version in ${l}`);
      }
      if (!has(s)) continue;
      for (const [field, text] of [
        [`subject.${l}`, s ?? ''],
        [`body.${l}`, b ?? ''],
      ] as const) {
        const unknown = placeholdersIn(text).filter((p) => !allowed.includes(p));
        if (unknown.length)
          throw badField(
            field,
            `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; known: ${allowed.map((p) => `{${p}}`).join(' ')}`,
          );
      }
      langs.push(l);
    }
    if (langs.length === 0) throw badField('subject.en', 'a subject and a body are needed in English or Danish');
    return langs;
  }

  private render(
    eventId: string,
    eventName: string,
    c: Contact,
    lang: CustomLanguage,
    input: MailingInput,
  ): RenderedMail {
    const values: Record<string, PlaceholderValue> = {
      name: c.name,
      cluster: c.clusterName,
      event: eventName,
      meetings: c.meetings,
      loginLink: { link: `${this.config.publicUrl}/login?email=${encodeURIComponent(c.email)}` },
      agendaLink: { link: `${this.config.publicUrl}/events/${eventId}/agenda` },
    };
    try {
      return renderCustom({
        subject: input.subject[lang] ?? '',
        body: input.body[lang] ?? '',
        values,
        language: lang,
        eventName,
        unsubscribeLink: this.unsubscribeLink(c.delegateId),
      });
    } catch (e) {
      if (e instanceof MailDataError) throw badField(`${e.path}.${lang}`, e.message.replace(/^\w+: /, ''));
      throw e;
    }
  }

  private async recipients(
    m: EntityManager,
    eventId: string,
    segment: Segment,
  ): Promise<{ eventName: string; to: Contact[]; excluded: number }> {
    const audience = await this.segments.audience(m, eventId);
    const selected = await this.segments.select(m, audience, segment);
    const to = selected.filter((c) => !c.unsubscribed && !c.bounced);
    return { eventName: audience.event.name, to, excluded: selected.length - to.length };
  }

  /** How many would receive the mailing, and the mail of one of them (`delegateId`, or the first). */
  async preview(
    eventId: string,
    input: MailingInput,
    delegateId?: string,
  ): Promise<{ recipients: number; excluded: number; preview: MailPreview | null }> {
    const langs = this.languages(input, MAILING_PLACEHOLDERS);
    const { eventName, to, excluded } = await this.recipients(this.db.manager, eventId, input.segment);
    const c = delegateId !== undefined ? to.find((x) => x.delegateId === delegateId) : to[0];
    if (delegateId !== undefined && !c)
      throw badField('delegateId', `${delegateId} is not among the recipients of this segment`);
    if (!c) return { recipients: 0, excluded, preview: null };
    const language = languageOf(c, langs);
    const mail = this.render(eventId, eventName, c, language, input);
    return {
      recipients: to.length,
      excluded,
      preview: {
        delegateId: c.delegateId,
        name: c.name,
        email: c.email,
        clusterName: c.clusterName,
        language,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      },
    };
  }

  /** Queues the mailing to every recipient of the segment, in one transaction with its row. */
  async send(eventId: string, input: MailingInput, createdBy: string): Promise<{ id: string; queued: number }> {
    const langs = this.languages(input, MAILING_PLACEHOLDERS);
    const id = randomUUID();
    const queued = await this.db.transaction(async (m) => {
      const { eventName, to } = await this.recipients(m, eventId, input.segment);
      if (to.length === 0) throw badField('segment', 'selects nobody who can receive mail');
      for (const c of to) {
        const mail = this.render(eventId, eventName, c, languageOf(c, langs), input);
        await this.mail.queueRendered(
          m,
          'mailing',
          mail,
          { email: c.email, name: c.name },
          { id: `mailing.${id}.${c.delegateId}`, eventId },
        );
      }
      await m.insert(MailingEntity, {
        id,
        eventId,
        segment: JSON.stringify(input.segment),
        subject: JSON.stringify(input.subject),
        body: JSON.stringify(input.body),
        recipients: to.length,
        createdBy,
        createdAt: new Date().toISOString(),
      });
      return to.length;
    });
    this.log.info({ eventId, mailing: id, queued }, 'mailing queued');
    return { id, queued };
  }

  /** The event's mailings, newest first, with the outbox's counts. */
  async list(eventId: string): Promise<MailingView[]> {
    const rows = await this.db.manager.find(MailingEntity, {
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 200,
    });
    const out: MailingView[] = [];
    for (const r of rows) {
      const counts = await this.mail.statusCounts(`mailing.${r.id}.`);
      const n = (s: string): number => counts.get(s) ?? 0;
      out.push({
        id: r.id,
        eventId: r.eventId,
        segment: JSON.parse(r.segment) as Segment,
        subject: JSON.parse(r.subject) as Localized,
        body: JSON.parse(r.body) as Localized,
        recipients: r.recipients,
        queued: n('pending') + n('sending'),
        sent: n('sent'),
        failed: n('failed'),
        createdBy: r.createdBy,
        createdAt: r.createdAt,
      });
    }
    return out;
  }

  /** The recipients of a segment (unsubscribed and bounced addresses left out). */
  async recipientList(eventId: string, segment: Segment): Promise<Contact[]> {
    const { to } = await this.recipients(this.db.manager, eventId, segment);
    return to;
  }
}
