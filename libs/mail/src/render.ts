import type { Agenda, AgendaChange, AgendaEvent, AgendaMeeting } from '@clustermatch/domain';
import { DateTime, IANAZone } from 'luxon';
import type { PlaceholderValue } from './custom';
import type { Language, MailStrings } from './strings';
import { languages } from './strings';
import { nudgeStrings, type NudgeLanguage } from './nudge-strings';
import { feedbackLanguages } from './feedback-strings';
import { followUpLanguages } from './follow-up-strings';

/** A file attached to a mail; `content` is text (UTF-8), e.g. an iCalendar file. */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

/** What `render` returns: the parts of a mail that do not depend on who sends it or when. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: readonly MailAttachment[];
}

/** Who is written to: the name is used in the greeting. */
export interface Recipient {
  readonly name?: string;
}

/** The data of each template. Links must be absolute http(s) URLs. */
export interface TemplateData {
  'magic-link': Recipient & { readonly eventName: string; readonly link: string; readonly expiresMinutes: number };
  /** Issue 9: the organiser invites a delegate of `clusterName` to sign in to `eventName` (the link signs them in). */
  'event-invitation': Recipient & {
    readonly eventName: string;
    readonly clusterName: string;
    readonly link: string;
    readonly expiresDays: number;
  };
  /**
   * Issue 9: an owner invites `name` to organise with their organisation in `role`; the link opens the page where
   * the invitee sets a password, which creates the organiser account.
   */
  'organiser-invitation': Recipient & {
    readonly organisationName: string;
    readonly invitedBy?: string;
    readonly role: 'owner' | 'organiser' | 'viewer';
    readonly link: string;
    readonly expiresDays: number;
  };
  /** A delegate invited `name` to join their cluster; the link adds them and signs them in. */
  'delegate-invitation': Recipient & {
    readonly clusterName: string;
    readonly invitedBy?: string;
    readonly link: string;
    readonly expiresDays: number;
  };
  /** Confirms a delegate's new e-mail address (the link moves the account there and signs them in). */
  'email-confirmation': Recipient & {
    readonly clusterName: string;
    readonly link: string;
    readonly expiresDays: number;
  };
  'request-received': Recipient & {
    readonly eventName: string;
    readonly requesterName: string;
    readonly requesterParty: string;
    readonly note?: string;
    readonly link: string;
  };
  'request-accepted': Recipient & {
    readonly eventName: string;
    readonly otherName: string;
    readonly otherParty: string;
    readonly link: string;
  };
  'request-declined': Recipient & {
    readonly eventName: string;
    readonly otherName: string;
    readonly otherParty: string;
    readonly link: string;
    /** The receiver's reason, if given (issue 19). */
    readonly reason?: string;
  };
  /** `ics` is the attendee's calendar (e.g. `attendeeCalendar` of `@clustermatch/calendar`), attached as `agenda.ics`. */
  'schedule-published': {
    readonly event: AgendaEvent;
    readonly agenda: Agenda;
    readonly ics: string;
    readonly link?: string;
    /** Issue 10: the attendee's check-in QR code as an SVG image, attached as `check-in-code.svg`. */
    readonly checkinQr?: string;
  };
  /** Send only to people with at least one change (`agendaChanges` of `@clustermatch/domain`). */
  'schedule-changed': {
    readonly event: AgendaEvent;
    readonly agenda: Agenda;
    readonly changes: readonly AgendaChange[];
    readonly ics: string;
    readonly link?: string;
  };
  /**
   * Issue 12: the organiser's nudge to a cluster's delegate, its top suggestions before the request deadline, in
   * English or Danish (`language`). `deadline` is an ISO instant shown in `timezone`.
   */
  'recommendations-nudge': Recipient & {
    readonly language: NudgeLanguage;
    readonly eventName: string;
    readonly clusterName: string;
    readonly deadline: string;
    readonly timezone: string;
    readonly suggestions: readonly { readonly name: string; readonly reasons: readonly string[] }[];
    readonly link: string;
  };
  /**
   * Issue 10: shortly before a meeting on the day. `meetingIds` are the meetings starting soon (of the agenda),
   * `minutes` the organiser's lead time.
   */
  'meeting-reminder': {
    readonly event: AgendaEvent;
    readonly agenda: Agenda;
    readonly meetingIds: readonly string[];
    readonly minutes: number;
    readonly link?: string;
  };
  /** `day` is the date (YYYY-MM-DD, in the event's zone) whose meetings are listed. */
  reminder: { readonly event: AgendaEvent; readonly agenda: Agenda; readonly day: string; readonly link?: string };
  /**
   * After the event: one mail per attendee with a sign-in link to their meetings' feedback page, in English and
   * Danish. `closesAt` is an ISO instant shown in the event's `timezone`; `meetings` the attendee's meeting count.
   */
  'feedback-request': Recipient & FeedbackMailData;
  /** The one reminder to an attendee who has not answered every meeting (same data). */
  'feedback-reminder': Recipient & FeedbackMailData;
  /**
   * Issue 11, part 3: `months` after the event, a delegate of `clusterName` is asked what came of each relationship
   * started there (`partners`, the clusters met), in English and Danish, with a sign-in link to the follow-up page.
   */
  'follow-up': Recipient & {
    readonly eventName: string;
    readonly clusterName: string;
    readonly months: number;
    readonly partners: readonly string[];
    readonly link: string;
    /** The recipient's unsubscribe link (no more follow-ups, reminders or mailings); none: left out. */
    readonly unsubscribeLink?: string;
  };
}

export interface FeedbackMailData {
  readonly eventName: string;
  readonly link: string;
  readonly closesAt: string;
  readonly timezone: string;
  readonly meetings: number;
  /** The number of event-evaluation questions on the same page (none: left out). */
  readonly questions?: number;
  /** The recipient's unsubscribe link (the reminder carries it; no more reminders, follow-ups or mailings). */
  readonly unsubscribeLink?: string;
}

export type TemplateName = keyof TemplateData;

export interface RenderOptions {
  readonly language?: Language;
}

/** Bad template data, naming the field. */
export class MailDataError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'MailDataError';
  }
}

// ---- building blocks: each template is a list of blocks, rendered once as text and once as HTML.

type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'button'; readonly label: string; readonly url: string }
  /** A small link at the foot of a mail (the unsubscribe link of reminders and follow-ups). */
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'meetings'; readonly meetings: readonly AgendaMeeting[] }
  | { readonly kind: 'changes'; readonly changes: readonly AgendaChange[] };

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole: string, key: string) => (key in values ? String(values[key]) : whole));

function checkLink(url: string, path: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MailDataError(path, `must be an absolute URL (got "${url}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new MailDataError(path, `must be an http(s) URL (got "${url}")`);
  return parsed.toString();
}

function checkText(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new MailDataError(path, 'must be a non-empty string');
  return v;
}

class Formatter {
  constructor(
    private readonly s: MailStrings,
    private readonly tz: string,
  ) {}
  private at(iso: string): DateTime {
    return DateTime.fromISO(iso, { setZone: true }).setZone(this.tz).setLocale(this.s.locale);
  }
  /** `Fri 26 Mar 2027, 09:00–09:30` in the event's zone. */
  when(m: AgendaMeeting): string {
    const a = this.at(m.slotStart);
    const b = this.at(m.slotEnd);
    const sameDay = a.toISODate() === b.toISODate();
    return `${a.toFormat('ccc d LLL yyyy, HH:mm')}–${sameDay ? b.toFormat('HH:mm') : b.toFormat('ccc d LLL yyyy, HH:mm')}`;
  }
  day(isoDate: string): string {
    return DateTime.fromISO(isoDate, { zone: this.tz }).setLocale(this.s.locale).toFormat('cccc d LLLL yyyy');
  }
  dayOf(m: AgendaMeeting): string {
    return this.at(m.slotStart).toISODate() ?? '';
  }
  /** The lines describing one meeting (first line the title). */
  meeting(m: AgendaMeeting): string[] {
    const c = this.s.common;
    return [
      `${this.when(m)}  ${fill(c.meetingWith, { parties: m.otherParties.join(', ') })}`,
      `${c.table}: ${m.tableName}`,
      `${c.people}: ${m.people.join(', ')}`,
      ...(m.note !== undefined && m.note !== '' ? [`${c.note}: ${m.note}`] : []),
    ];
  }
}

function toText(blocks: readonly Block[], f: Formatter, s: MailStrings): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'p':
        return b.text;
      case 'quote':
        return b.text
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n');
      case 'button':
      case 'link':
        return `${b.label}: ${b.url}`;
      case 'meetings':
        return b.meetings
          .map((m) =>
            f
              .meeting(m)
              .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
              .join('\n'),
          )
          .join('\n');
      case 'changes':
        return b.changes
          .map((c) =>
            changeLines(c, f, s)
              .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
              .join('\n'),
          )
          .join('\n');
    }
  });
  return parts.join('\n\n') + '\n';
}

function changeLines(c: AgendaChange, f: Formatter, s: MailStrings): string[] {
  const t = s.scheduleChanged;
  switch (c.kind) {
    case 'added':
      return [`${t.added}: ${f.meeting(c.after)[0]}`, ...f.meeting(c.after).slice(1)];
    case 'cancelled':
      return [`${t.cancelled}: ${f.meeting(c.before)[0]}`];
    case 'moved':
      return [
        `${t.moved}: ${fill(s.common.meetingWith, { parties: c.after.otherParties.join(', ') })}`,
        `${t.from}: ${f.when(c.before)}, ${s.common.table} ${c.before.tableName}`,
        `${t.to}: ${f.when(c.after)}, ${s.common.table} ${c.after.tableName}`,
      ];
  }
}

function toHtml(subject: string, blocks: readonly Block[], f: Formatter, s: MailStrings): string {
  const e = escapeHtml;
  const li = (lines: readonly string[]): string =>
    `<li><strong>${e(lines[0] ?? '')}</strong>${lines
      .slice(1)
      .map((l) => `<br>${e(l)}`)
      .join('')}</li>`;
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return `<p>${e(b.text)}</p>`;
        case 'quote':
          return `<blockquote style="margin:0 0 1em 0;padding-left:1em;border-left:3px solid #ccc">${e(b.text).replace(/\n/g, '<br>')}</blockquote>`;
        case 'button':
          return `<p><a href="${e(b.url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${e(b.label)}</a></p>`;
        case 'link':
          return `<p style="color:#555;font-size:90%"><a href="${e(b.url)}">${e(b.label)}</a></p>`;
        case 'meetings':
          return `<ul>${b.meetings.map((m) => li(f.meeting(m))).join('')}</ul>`;
        case 'changes':
          return `<ul>${b.changes.map((c) => li(changeLines(c, f, s))).join('')}</ul>`;
      }
    })
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="${e(s.locale)}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>\n<body style="font-family:sans-serif;line-height:1.4">\n${body}\n</body></html>\n`;
}

/** A deadline as the language writes it: `2 May 2027 at 00:00`, `2. maj 2027 kl. 00.00`. */
const DEADLINE_FORMAT = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;

const greeting = (s: MailStrings, name: string | undefined): string =>
  name !== undefined && name.trim() !== '' ? fill(s.common.greeting, { name }) : s.common.greetingNoName;

const icsAttachment = (ics: string, path: string): MailAttachment => {
  if (!ics.startsWith('BEGIN:VCALENDAR'))
    throw new MailDataError(path, 'must be an iCalendar text starting with BEGIN:VCALENDAR');
  return { filename: 'agenda.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics };
};

const qrAttachment = (svg: string, path: string): MailAttachment => {
  if (!/^<svg[\s>]/.test(svg.trimStart()) && !svg.trimStart().startsWith('<?xml'))
    throw new MailDataError(path, 'must be an SVG image');
  return { filename: 'check-in-code.svg', contentType: 'image/svg+xml', content: svg };
};

function eventZone(event: AgendaEvent): string {
  if (!IANAZone.isValidZone(event.timezone))
    throw new MailDataError('event.timezone', `unknown IANA time zone "${event.timezone}"`);
  return event.timezone;
}

const confirmed = (a: Agenda): AgendaMeeting[] => a.meetings.filter((m) => m.status === 'confirmed');

/** The agenda part of the published and changed mails: the meetings, the time zone, the attachment, the link. */
function agendaBlocks(
  s: MailStrings,
  meetings: readonly AgendaMeeting[],
  zone: string,
  link: string | undefined,
): Block[] {
  return [
    meetings.length > 0 ? { kind: 'meetings', meetings } : { kind: 'p', text: s.schedulePublished.none },
    { kind: 'p', text: fill(s.common.allTimesIn, { zone }) },
    { kind: 'p', text: s.common.calendarAttached },
    ...(link !== undefined
      ? [{ kind: 'button', label: s.common.openAgenda, url: checkLink(link, 'link') } as const]
      : []),
  ];
}

/**
 * Renders a mail. Pure: no clock, no I/O; every user-supplied string is HTML-escaped.
 *
 * @example
 * ```ts
 * const mail = render('magic-link', { name: 'Ana', eventName: 'Spring Match', link: 'https://x.org/login?t=abc', expiresMinutes: 15 });
 * mail.subject; // 'Your sign-in link for Spring Match'
 * ```
 */
export function render<K extends TemplateName>(
  template: K,
  data: TemplateData[K],
  options: RenderOptions = {},
): RenderedMail {
  let s: MailStrings = languages[options.language ?? 'en'];
  // The switch narrows a copy typed as the union of all templates.
  const t = { template, data } as { [N in TemplateName]: { template: N; data: TemplateData[N] } }[TemplateName];
  let subject: string;
  let blocks: Block[];
  let zone = 'UTC';
  let attachments: MailAttachment[] | undefined;
  let signature: string;
  switch (t.template) {
    case 'magic-link': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      if (!Number.isInteger(d.expiresMinutes) || d.expiresMinutes <= 0)
        throw new MailDataError('expiresMinutes', 'must be a positive integer');
      const ev = checkText(d.eventName, 'eventName');
      subject = fill(s.magicLink.subject, { event: ev });
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(s.magicLink.intro, { event: ev }) },
        { kind: 'button', label: s.magicLink.button, url: link },
        { kind: 'p', text: fill(s.magicLink.expires, { minutes: d.expiresMinutes }) },
        { kind: 'p', text: s.magicLink.ignore },
      ];
      signature = fill(s.common.signature, { event: ev });
      break;
    }
    case 'event-invitation': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      if (!Number.isInteger(d.expiresDays) || d.expiresDays <= 0)
        throw new MailDataError('expiresDays', 'must be a positive integer');
      const v = {
        event: checkText(d.eventName, 'eventName'),
        cluster: checkText(d.clusterName, 'clusterName'),
        days: d.expiresDays,
      };
      subject = fill(s.eventInvitation.subject, v);
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(s.eventInvitation.intro, v) },
        { kind: 'button', label: s.eventInvitation.button, url: link },
        { kind: 'p', text: fill(s.eventInvitation.expires, v) },
        { kind: 'p', text: s.eventInvitation.ignore },
      ];
      signature = fill(s.common.signature, v);
      break;
    }
    case 'organiser-invitation': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      if (!Number.isInteger(d.expiresDays) || d.expiresDays <= 0)
        throw new MailDataError('expiresDays', 'must be a positive integer');
      const role = s.organiserInvitation.roles[d.role];
      if (role === undefined) throw new MailDataError('role', 'must be owner, organiser or viewer');
      const v = {
        organisation: checkText(d.organisationName, 'organisationName'),
        inviter: d.invitedBy?.trim() ? d.invitedBy : s.common.someone,
        role,
        days: d.expiresDays,
      };
      subject = fill(s.organiserInvitation.subject, v);
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(s.organiserInvitation.intro, v) },
        { kind: 'button', label: s.organiserInvitation.button, url: link },
        { kind: 'p', text: fill(s.organiserInvitation.expires, v) },
        { kind: 'p', text: s.organiserInvitation.ignore },
      ];
      signature = fill(s.common.signature, { event: v.organisation });
      break;
    }
    case 'delegate-invitation':
    case 'email-confirmation': {
      const d = t.data;
      const strings = t.template === 'delegate-invitation' ? s.delegateInvitation : s.emailConfirmation;
      const link = checkLink(d.link, 'link');
      if (!Number.isInteger(d.expiresDays) || d.expiresDays <= 0)
        throw new MailDataError('expiresDays', 'must be a positive integer');
      const v = {
        cluster: checkText(d.clusterName, 'clusterName'),
        inviter: t.template === 'delegate-invitation' && t.data.invitedBy?.trim() ? t.data.invitedBy : s.common.someone,
        days: d.expiresDays,
      };
      subject = fill(strings.subject, v);
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(strings.intro, v) },
        { kind: 'button', label: strings.button, url: link },
        { kind: 'p', text: fill(strings.expires, v) },
        { kind: 'p', text: strings.ignore },
      ];
      signature = fill(s.common.signature, { event: 'clustermatch' });
      break;
    }
    case 'request-received': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      const v = {
        requester: checkText(d.requesterName, 'requesterName'),
        party: checkText(d.requesterParty, 'requesterParty'),
        event: checkText(d.eventName, 'eventName'),
      };
      subject = fill(s.requestReceived.subject, v);
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(s.requestReceived.intro, v) },
        ...(d.note !== undefined && d.note.trim() !== ''
          ? [
              { kind: 'p', text: s.requestReceived.note },
              { kind: 'quote', text: d.note },
            ]
          : ([] as Block[])),
        { kind: 'button', label: s.requestReceived.button, url: link },
      ] as Block[];
      signature = fill(s.common.signature, v);
      break;
    }
    case 'request-accepted':
    case 'request-declined': {
      const d = t.data;
      const strings = t.template === 'request-accepted' ? s.requestAccepted : s.requestDeclined;
      const link = checkLink(d.link, 'link');
      const v = {
        other: checkText(d.otherName, 'otherName'),
        party: checkText(d.otherParty, 'otherParty'),
        event: checkText(d.eventName, 'eventName'),
      };
      subject = fill(strings.subject, v);
      blocks = [
        { kind: 'p', text: greeting(s, d.name) },
        { kind: 'p', text: fill(strings.intro, v) },
        ...(t.template === 'request-declined' && t.data.reason !== undefined && t.data.reason.trim() !== ''
          ? ([
              { kind: 'p', text: s.requestDeclined.reason },
              { kind: 'quote', text: t.data.reason },
            ] as Block[])
          : []),
        { kind: 'p', text: strings.next },
        { kind: 'button', label: strings.button, url: link },
      ];
      signature = fill(s.common.signature, v);
      break;
    }
    case 'schedule-published': {
      const d = t.data;
      zone = eventZone(d.event);
      const meetings = confirmed(d.agenda);
      subject = fill(s.schedulePublished.subject, { event: d.event.name });
      blocks = [
        { kind: 'p', text: greeting(s, d.agenda.person.name) },
        { kind: 'p', text: fill(s.schedulePublished.intro, { event: d.event.name }) },
        ...agendaBlocks(s, meetings, zone, d.link),
        ...(d.checkinQr !== undefined ? [{ kind: 'p', text: s.common.checkinAttached } as const] : []),
      ];
      attachments = [
        icsAttachment(d.ics, 'ics'),
        ...(d.checkinQr !== undefined ? [qrAttachment(d.checkinQr, 'checkinQr')] : []),
      ];
      signature = fill(s.common.signature, { event: d.event.name });
      break;
    }
    case 'schedule-changed': {
      const d = t.data;
      if (d.changes.length === 0) throw new MailDataError('changes', 'is empty: people without changes get no mail');
      zone = eventZone(d.event);
      const meetings = confirmed(d.agenda);
      subject = fill(s.scheduleChanged.subject, { event: d.event.name });
      blocks = [
        { kind: 'p', text: greeting(s, d.agenda.person.name) },
        { kind: 'p', text: fill(s.scheduleChanged.intro, { event: d.event.name }) },
        { kind: 'changes', changes: d.changes },
        { kind: 'p', text: s.scheduleChanged.nowAgenda },
        ...agendaBlocks(s, meetings, zone, d.link),
      ];
      attachments = [icsAttachment(d.ics, 'ics')];
      signature = fill(s.common.signature, { event: d.event.name });
      break;
    }
    case 'reminder': {
      const d = t.data;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.day) || !DateTime.fromISO(d.day).isValid)
        throw new MailDataError('day', `must be a date YYYY-MM-DD (got "${d.day}")`);
      zone = eventZone(d.event);
      const f = new Formatter(s, zone);
      const meetings = confirmed(d.agenda).filter((m) => f.dayOf(m) === d.day);
      subject = fill(s.reminder.subject, { event: d.event.name });
      blocks = [
        { kind: 'p', text: greeting(s, d.agenda.person.name) },
        { kind: 'p', text: fill(s.reminder.intro, { day: f.day(d.day) }) },
        meetings.length > 0 ? { kind: 'meetings', meetings } : { kind: 'p', text: s.reminder.none },
        { kind: 'p', text: fill(s.common.allTimesIn, { zone }) },
        ...(d.link !== undefined
          ? [{ kind: 'button', label: s.common.openAgenda, url: checkLink(d.link, 'link') } as const]
          : []),
      ];
      signature = fill(s.common.signature, { event: d.event.name });
      break;
    }
    case 'meeting-reminder': {
      const d = t.data;
      if (!Number.isInteger(d.minutes) || d.minutes < 1)
        throw new MailDataError('minutes', 'must be a whole number >= 1');
      zone = eventZone(d.event);
      const meetings = confirmed(d.agenda).filter((m) => d.meetingIds.includes(m.meetingId));
      if (meetings.length === 0) throw new MailDataError('meetingIds', 'name no confirmed meeting of the agenda');
      subject = fill(s.meetingReminder.subject, { event: d.event.name, minutes: d.minutes });
      blocks = [
        { kind: 'p', text: greeting(s, d.agenda.person.name) },
        { kind: 'p', text: fill(s.meetingReminder.intro, { minutes: d.minutes }) },
        { kind: 'meetings', meetings },
        { kind: 'p', text: fill(s.common.allTimesIn, { zone }) },
        ...(d.link !== undefined
          ? [{ kind: 'button', label: s.common.openAgenda, url: checkLink(d.link, 'link') } as const]
          : []),
      ];
      signature = fill(s.common.signature, { event: d.event.name });
      break;
    }
    case 'recommendations-nudge': {
      const d = t.data;
      const n = nudgeStrings[d.language];
      if (!n) throw new MailDataError('language', `must be en or da (got "${String(d.language)}")`);
      if (d.suggestions.length === 0) throw new MailDataError('suggestions', 'is empty: a nudge names at least one');
      const link = checkLink(d.link, 'link');
      if (!IANAZone.isValidZone(d.timezone)) throw new MailDataError('timezone', `unknown zone "${d.timezone}"`);
      const when = DateTime.fromISO(d.deadline, { setZone: true });
      if (!when.isValid) throw new MailDataError('deadline', `must be an ISO instant (got "${d.deadline}")`);
      const v = {
        event: checkText(d.eventName, 'eventName'),
        cluster: checkText(d.clusterName, 'clusterName'),
        count: d.suggestions.length,
        deadline: `${when.setZone(d.timezone).setLocale(n.locale).toLocaleString(DEADLINE_FORMAT)} (${d.timezone})`,
      };
      s = { ...s, locale: n.locale }; // the page's language and date locale
      const category = new Intl.PluralRules(n.locale).select(d.suggestions.length) === 'one' ? 'one' : 'other';
      subject = fill(n.subject, v);
      blocks = [
        {
          kind: 'p',
          text: d.name !== undefined && d.name.trim() !== '' ? fill(n.greeting, { name: d.name }) : n.greetingNoName,
        },
        { kind: 'p', text: fill(n.intro[category], v) },
        ...d.suggestions.flatMap((x, i): Block[] => [
          { kind: 'p', text: `${i + 1}. ${checkText(x.name, `suggestions[${i}].name`)}` },
          ...(x.reasons.length > 0 ? [{ kind: 'quote', text: x.reasons.join('\n') } as const] : []),
        ]),
        { kind: 'p', text: fill(n.deadline, v) },
        { kind: 'button', label: n.button, url: link },
      ];
      signature = fill(n.signature, v);
      break;
    }
    case 'feedback-request':
    case 'feedback-reminder': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      const ev = checkText(d.eventName, 'eventName');
      if (!Number.isInteger(d.meetings) || d.meetings <= 0)
        throw new MailDataError('meetings', 'must be a positive integer');
      if (!IANAZone.isValidZone(d.timezone))
        throw new MailDataError('timezone', `unknown IANA time zone "${d.timezone}"`);
      const closes = DateTime.fromISO(d.closesAt, { setZone: true });
      if (!closes.isValid) throw new MailDataError('closesAt', `must be an ISO 8601 instant (got "${d.closesAt}")`);
      const reminder = t.template === 'feedback-reminder';
      const unsubscribe = d.unsubscribeLink !== undefined ? checkLink(d.unsubscribeLink, 'unsubscribeLink') : undefined;
      const [first] = feedbackLanguages;
      subject = `${fill(reminder ? first.reminderSubject : first.requestSubject, { event: ev })} / ${fill(
        reminder ? feedbackLanguages[1].reminderSubject : feedbackLanguages[1].requestSubject,
        { event: ev },
      )}`;
      blocks = [];
      feedbackLanguages.forEach((fs, i) => {
        const plural = new Intl.PluralRules(fs.locale).select(d.meetings) === 'one' ? 0 : 1;
        const v = {
          event: ev,
          meetings: fill(fs.meetings[plural] ?? '', { count: d.meetings }),
          closes: closes.setZone(d.timezone).setLocale(fs.locale).toFormat('cccc d LLLL yyyy, HH:mm'),
        };
        if (i > 0) blocks.push({ kind: 'p', text: '— Dansk —' });
        blocks.push(
          {
            kind: 'p',
            text:
              d.name !== undefined && d.name.trim() !== '' ? fill(fs.greeting, { name: d.name }) : fs.greetingNoName,
          },
          { kind: 'p', text: fill(reminder ? fs.reminderIntro : fs.requestIntro, v) },
          { kind: 'p', text: fs.askEach },
          ...(d.questions !== undefined && d.questions > 0
            ? [
                {
                  kind: 'p' as const,
                  text: fill(
                    fs.evaluation[new Intl.PluralRules(fs.locale).select(d.questions) === 'one' ? 0 : 1] ?? '',
                    { count: d.questions },
                  ),
                },
              ]
            : []),
          { kind: 'button', label: fs.button, url: link },
          { kind: 'p', text: `${fill(fs.closes, v)} ${fs.private}` },
          { kind: 'p', text: fs.linkOnce },
          { kind: 'p', text: fill(fs.signature, v) },
          ...(unsubscribe !== undefined ? [{ kind: 'link' as const, label: fs.unsubscribe, url: unsubscribe }] : []),
        );
      });
      // Each language carries its own signature.
      signature = '';
      break;
    }
    case 'follow-up': {
      const d = t.data;
      const link = checkLink(d.link, 'link');
      const v = {
        event: checkText(d.eventName, 'eventName'),
        cluster: checkText(d.clusterName, 'clusterName'),
        months: d.months,
        count: d.partners.length,
      };
      if (!Number.isInteger(d.months) || d.months <= 0) throw new MailDataError('months', 'must be a positive integer');
      if (d.partners.length === 0) throw new MailDataError('partners', 'is empty: a follow-up names at least one');
      d.partners.forEach((x, i) => checkText(x, `partners[${i}]`));
      const unsubscribe = d.unsubscribeLink !== undefined ? checkLink(d.unsubscribeLink, 'unsubscribeLink') : undefined;
      subject = followUpLanguages.map((fs) => fill(fs.subject, v)).join(' / ');
      blocks = [];
      followUpLanguages.forEach((fs, i) => {
        const plural = new Intl.PluralRules(fs.locale).select(d.partners.length) === 'one' ? 0 : 1;
        if (i > 0) blocks.push({ kind: 'p', text: '— Dansk —' });
        blocks.push(
          {
            kind: 'p',
            text:
              d.name !== undefined && d.name.trim() !== '' ? fill(fs.greeting, { name: d.name }) : fs.greetingNoName,
          },
          { kind: 'p', text: fill(fs.intro[plural] ?? '', v) },
          { kind: 'quote', text: d.partners.join('\n') },
          { kind: 'p', text: fs.ask },
          { kind: 'button', label: fs.button, url: link },
          { kind: 'p', text: fill(fs.belongs, v) },
          { kind: 'p', text: fs.linkOnce },
          { kind: 'p', text: fill(fs.signature, v) },
          ...(unsubscribe !== undefined ? [{ kind: 'link' as const, label: fs.unsubscribe, url: unsubscribe }] : []),
        );
      });
      signature = '';
      break;
    }
  }
  if (signature !== '') blocks.push({ kind: 'p', text: signature });
  const f = new Formatter(s, zone);
  // Subjects are one line: no header injection through names.
  const oneLine = subject.replace(/[\r\n]+/g, ' ');
  return {
    subject: oneLine,
    text: toText(blocks, f, s),
    html: toHtml(oneLine, blocks, f, s),
    ...(attachments !== undefined ? { attachments } : {}),
  };
}

/**
 * The values of a template's placeholders (for a reworded template, see `renderReworded`): the
 * recipient's name, the event, the link, and the agenda and changes as lists, formatted in `language`.
 * Checks the data as `render` does.
 */
export function templateValues<K extends TemplateName>(
  template: K,
  data: TemplateData[K],
  language: Language = 'en',
): Record<string, PlaceholderValue> {
  const s = languages[language];
  const t = { template, data } as { [N in TemplateName]: { template: N; data: TemplateData[N] } }[TemplateName];
  const link = (url: string | undefined): PlaceholderValue =>
    url !== undefined ? { link: checkLink(url, 'link') } : '';
  const item = (lines: readonly string[]): string => [lines[0], ...lines.slice(1)].join(' · ');
  switch (t.template) {
    case 'magic-link':
      return {
        name: t.data.name ?? '',
        event: checkText(t.data.eventName, 'eventName'),
        link: link(t.data.link),
        minutes: t.data.expiresMinutes,
      };
    case 'event-invitation':
      return {
        name: t.data.name ?? '',
        event: checkText(t.data.eventName, 'eventName'),
        cluster: t.data.clusterName,
        link: link(t.data.link),
        days: t.data.expiresDays,
      };
    case 'organiser-invitation':
      return {
        name: t.data.name ?? '',
        organisation: checkText(t.data.organisationName, 'organisationName'),
        role: s.organiserInvitation.roles[t.data.role],
        link: link(t.data.link),
        days: t.data.expiresDays,
      };
    case 'delegate-invitation':
    case 'email-confirmation':
      return {
        name: t.data.name ?? '',
        cluster: t.data.clusterName,
        link: link(t.data.link),
        days: t.data.expiresDays,
      };
    case 'request-received':
      return {
        name: t.data.name ?? '',
        requester: checkText(t.data.requesterName, 'requesterName'),
        party: checkText(t.data.requesterParty, 'requesterParty'),
        event: checkText(t.data.eventName, 'eventName'),
        note: t.data.note ?? '',
        link: link(t.data.link),
      };
    case 'feedback-request':
    case 'feedback-reminder':
      return { name: t.data.name ?? '', event: t.data.eventName, link: link(t.data.link), meetings: t.data.meetings };
    case 'follow-up':
      return {
        name: t.data.name ?? '',
        event: t.data.eventName,
        cluster: t.data.clusterName,
        months: t.data.months,
        link: link(t.data.link),
        partners: { list: t.data.partners },
      };
    case 'recommendations-nudge':
      return {
        name: t.data.name ?? '',
        event: t.data.eventName,
        cluster: t.data.clusterName,
        link: link(t.data.link),
        suggestions: { list: t.data.suggestions.map((x) => x.name) },
      };
    case 'request-accepted':
    case 'request-declined':
      return {
        name: t.data.name ?? '',
        other: checkText(t.data.otherName, 'otherName'),
        party: checkText(t.data.otherParty, 'otherParty'),
        event: checkText(t.data.eventName, 'eventName'),
        link: link(t.data.link),
        reason: { list: t.template === 'request-declined' && t.data.reason?.trim() ? [t.data.reason] : [] },
      };
    case 'meeting-reminder': {
      const zone = eventZone(t.data.event);
      const f = new Formatter(s, zone);
      const ids = t.data.meetingIds;
      return {
        name: t.data.agenda.person.name,
        event: t.data.event.name,
        zone,
        minutes: t.data.minutes,
        link: link(t.data.link),
        agenda: {
          list: confirmed(t.data.agenda)
            .filter((m) => ids.includes(m.meetingId))
            .map((m) => item(f.meeting(m))),
        },
      };
    }
    case 'schedule-published':
    case 'schedule-changed':
    case 'reminder': {
      const zone = eventZone(t.data.event);
      const f = new Formatter(s, zone);
      let meetings = confirmed(t.data.agenda);
      const values: Record<string, PlaceholderValue> = {
        name: t.data.agenda.person.name,
        event: t.data.event.name,
        zone,
        link: link(t.data.link),
      };
      if (t.template === 'schedule-changed')
        values['changes'] = { list: t.data.changes.map((c) => item(changeLines(c, f, s))) };
      if (t.template === 'reminder') {
        const day = t.data.day;
        meetings = meetings.filter((m) => f.dayOf(m) === day);
        values['day'] = f.day(day);
      }
      values['agenda'] = {
        list:
          meetings.length > 0
            ? meetings.map((m) => item(f.meeting(m)))
            : [t.template === 'reminder' ? s.reminder.none : s.schedulePublished.none],
      };
      return values;
    }
  }
}
