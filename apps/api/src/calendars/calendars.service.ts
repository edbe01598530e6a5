import { randomBytes, randomUUID } from 'node:crypto';
import { attendeeCalendar, organiserCalendar } from '@clustermatch/calendar';
import type { Agenda } from '@clustermatch/domain';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { AccessService, Permission } from '../access/access.service';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { CalendarFeedEntity, type FeedKind } from './calendar-feed.entity';
import { type PublishedHistory, PublishedAgendas } from './published-agendas';

type DelegatePrincipal = Extract<Principal, { kind: 'delegate' }>;

/** What `PublishedAgendas.history` reads (see `TableVersions` for the `#` keys). */
const HISTORY_TABLES = [
  'event',
  'schedule_version',
  'schedule_assignment',
  'delegate',
  'cluster',
  'meeting_request#update:note',
  'meeting_request#delete',
] as const;

/** Feed clients are asked to refresh hourly. */
export const FEED_REFRESH_SECONDS = 3600;

export interface FeedView {
  readonly url: string;
  readonly createdAt: string;
}

export interface IcsFile {
  readonly filename: string;
  readonly body: string;
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'calendar';

/**
 * Calendars from the published schedule: a delegate's agenda, the organiser's whole event, and
 * secret feed URLs for both. Before the first publish a calendar is valid but has no events.
 */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly db: Db,
    private readonly agendas: PublishedAgendas,
    private readonly access: AccessService,
    @Inject(MAIL_CONFIG) private readonly mail: MailConfig,
    private readonly cache: ReadCache,
    private readonly delegates: DelegatesRepository,
  ) {}

  /**
   * The event's published history (every attendee's agenda of every published version), read once and kept until
   * one of the tables it comes from changes; request notes are its only column of the busy request table.
   */
  private history(eventId: string): Promise<PublishedHistory> {
    return this.cache.get(`published-history:${eventId}`, HISTORY_TABLES, () => this.agendas.history(eventId));
  }

  feedUrl(token: string): string {
    return `${this.mail.publicUrl}/calendars/${token}.ics`;
  }

  /** 404 unless the delegate's cluster takes part in the event. */
  private async checkDelegate(eventId: string, who: DelegatePrincipal): Promise<DelegateEntity> {
    await this.agendas.eventOf(eventId);
    await this.access.require(who, Permission.EventAgenda, [eventId]);
    const delegate = await this.delegates.find(who.delegateId);
    if (!delegate) throw notFound('Event', eventId);
    return delegate;
  }

  private activeFeed(eventId: string, kind: FeedKind, delegateId: string | null): Promise<CalendarFeedEntity | null> {
    return this.db.manager.findOne(CalendarFeedEntity, {
      where: { eventId, kind, delegateId: delegateId ?? IsNull(), revokedAt: IsNull() },
    });
  }

  /** The active feed, created on first ask. `rotate` revokes the current one and issues a new token. */
  private async feed(eventId: string, kind: FeedKind, delegateId: string | null, rotate: boolean): Promise<FeedView> {
    const feed = await this.db.transaction(async (m) => {
      const current = await m.findOne(CalendarFeedEntity, {
        where: { eventId, kind, delegateId: delegateId ?? IsNull(), revokedAt: IsNull() },
      });
      if (current && !rotate) return current;
      const now = new Date().toISOString();
      if (current) await m.update(CalendarFeedEntity, { id: current.id }, { revokedAt: now });
      const created: CalendarFeedEntity = {
        id: randomUUID(),
        token: randomBytes(32).toString('base64url'),
        kind,
        eventId,
        delegateId,
        createdAt: now,
        revokedAt: null,
      };
      await m.insert(CalendarFeedEntity, created);
      return created;
    });
    return { url: this.feedUrl(feed.token), createdAt: feed.createdAt };
  }

  async delegateFeed(eventId: string, who: DelegatePrincipal, rotate: boolean): Promise<FeedView> {
    await this.checkDelegate(eventId, who);
    return this.feed(eventId, 'delegate', who.delegateId, rotate);
  }

  async revokeDelegateFeed(eventId: string, who: DelegatePrincipal): Promise<void> {
    await this.checkDelegate(eventId, who);
    await this.revoke(eventId, 'delegate', who.delegateId);
  }

  async organiserFeed(eventId: string, rotate: boolean): Promise<FeedView> {
    await this.agendas.eventOf(eventId);
    return this.feed(eventId, 'organiser', null, rotate);
  }

  async revokeOrganiserFeed(eventId: string): Promise<void> {
    await this.agendas.eventOf(eventId);
    await this.revoke(eventId, 'organiser', null);
  }

  private async revoke(eventId: string, kind: FeedKind, delegateId: string | null): Promise<void> {
    const current = await this.activeFeed(eventId, kind, delegateId);
    if (!current) throw notFound('Calendar feed of event', eventId);
    await this.db.transaction((m) =>
      m.update(CalendarFeedEntity, { id: current.id, revokedAt: IsNull() }, { revokedAt: new Date().toISOString() }),
    );
  }

  /** A delegate's own agenda as .ics (the download in the agenda). */
  async delegateIcs(eventId: string, who: DelegatePrincipal): Promise<IcsFile> {
    const delegate = await this.checkDelegate(eventId, who);
    const ics = await this.attendeeIcs(eventId, delegate.id);
    if (!ics) throw notFound('Delegate', delegate.id);
    return ics;
  }

  /** The organiser's whole-event calendar. */
  async eventIcs(eventId: string): Promise<IcsFile> {
    const h = await this.history(eventId);
    const last = h.snapshots[h.snapshots.length - 1];
    const body = organiserCalendar(h.event, last?.agendas ?? [], {
      stamp: new Date(last?.publishedAt ?? Date.UTC(2000, 0, 1)),
      refreshSeconds: FEED_REFRESH_SECONDS,
    });
    return { filename: `${slug(h.event.name)}-all-meetings.ics`, body };
  }

  /**
   * A delegate's calendar, kept by the read cache until a table of the published history changes (the delegate
   * table among them). The delegate is read inside the cached computation, so a change to it cannot slip between
   * reading it and the cache's check.
   */
  private async attendeeIcs(eventId: string, delegateId: string): Promise<IcsFile | null> {
    return this.cache.get(`attendee-ics:${eventId}:${delegateId}`, HISTORY_TABLES, async () => {
      const delegate = await this.delegates.find(delegateId);
      return delegate ? this.attendeeIcsOf(eventId, delegate) : null;
    });
  }

  private async attendeeIcsOf(eventId: string, delegate: DelegateEntity): Promise<IcsFile> {
    const h = await this.history(eventId);
    const last = h.snapshots[h.snapshots.length - 1];
    const agenda: Agenda = last?.agendas.find((a) => a.person.id === delegate.id) ?? {
      person: {
        id: delegate.id,
        name: delegate.name,
        email: delegate.email,
        party: delegate.clusterId,
        partyName: delegate.clusterId,
      },
      meetings: [],
    };
    const body = attendeeCalendar(h.event, agenda, {
      stamp: new Date(last?.publishedAt ?? Date.UTC(2000, 0, 1)),
      refreshSeconds: FEED_REFRESH_SECONDS,
    });
    return { filename: `${slug(h.event.name)}-${slug(delegate.name)}.ics`, body };
  }

  /** The calendar behind a feed token, or null for an unknown or revoked token (the caller answers 404). */
  async byToken(token: string): Promise<IcsFile | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const feed = await this.db.manager.findOne(CalendarFeedEntity, { where: { token, revokedAt: IsNull() } });
    if (!feed) return null;
    if (feed.kind === 'organiser') return this.eventIcs(feed.eventId);
    return feed.delegateId ? this.attendeeIcs(feed.eventId, feed.delegateId) : null;
  }
}
