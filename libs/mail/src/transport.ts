import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
import type { MailAttachment } from './render';

/** A complete mail, ready to send. `messageId` is stable per outbox message (see `outboxMessageId`). */
export interface OutgoingMail {
  /** `<id@domain>`, angle brackets included. */
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: readonly MailAttachment[];
  /**
   * An iTIP invitation for one meeting (`meetingInvitation` of `@clustermatch/calendar`),
   * sent as the text/calendar alternative that Outlook and Gmail show as an invitation.
   */
  readonly invitation?: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string };
  /** The Date header; the outbox passes the time the mail was enqueued, so a resend is byte-identical. */
  readonly date: Date;
}

/** What an SMTP server (or the file writer) said. */
export interface SendResult {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  readonly response: string;
}

/** Sends one mail; rejects on failure. `SmtpTransport` and `EmlTransport` implement it. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendResult>;
  close?(): void;
}

function toNodemailer(mail: OutgoingMail): Mail.Options {
  return {
    messageId: mail.messageId,
    date: mail.date,
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo !== undefined ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    ...(mail.invitation !== undefined
      ? { icalEvent: { method: mail.invitation.method, content: mail.invitation.content, filename: 'invite.ics' } }
      : {}),
  };
}

function addresses(list: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const a of list ?? []) {
    if (typeof a === 'string') out.push(a);
    else if (typeof a === 'object' && a !== null && 'address' in a && typeof a.address === 'string')
      out.push(a.address);
  }
  return out;
}

/** Checks an SMTP_URL (`smtp://user:pass@host:587`, `smtps://host:465`); throws naming the variable. */
export function parseSmtpUrl(url: string, name = 'SMTP_URL'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${name}: not a URL (expected smtp://user:password@host:port or smtps://...)`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new Error(`${name}: protocol must be smtp: or smtps: (got ${parsed.protocol})`);
  if (parsed.hostname === '') throw new Error(`${name}: has no host`);
  return parsed;
}

export interface SmtpTimeouts {
  /** Each well below the outbox lease, so a send never outlives its claim. Defaults 10 s, 10 s, 30 s. */
  readonly connectionMs?: number;
  readonly greetingMs?: number;
  readonly socketMs?: number;
}

/** Sends through an SMTP server given as a URL. One connection per mail (no pool): simple and restart-safe. */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(url: string, timeouts: SmtpTimeouts = {}) {
    const u = parseSmtpUrl(url);
    const options: SMTPTransport.Options = {
      host: u.hostname,
      port: u.port !== '' ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
      secure: u.protocol === 'smtps:',
      ...(u.username !== ''
        ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
        : {}),
      connectionTimeout: timeouts.connectionMs ?? 10_000,
      greetingTimeout: timeouts.greetingMs ?? 10_000,
      socketTimeout: timeouts.socketMs ?? 30_000,
    };
    this.transporter = nodemailer.createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    const info = await this.transporter.sendMail(toNodemailer(mail));
    return {
      messageId: info.messageId,
      accepted: addresses(info.accepted),
      rejected: addresses(info.rejected),
      response: info.response,
    };
  }

  close(): void {
    this.transporter.close();
  }
}

/** The raw RFC 5322 bytes (.eml) of a mail, as an SMTP server would receive them. */
export async function toEml(mail: OutgoingMail): Promise<Buffer> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await t.sendMail(toNodemailer(mail));
  const message: unknown = info.message;
  if (!Buffer.isBuffer(message)) throw new Error('nodemailer stream transport did not return a buffer');
  return message;
}

/** A file name for a mail: its Message-ID made safe, so writing it again replaces the same file. */
export function emlFileName(mail: OutgoingMail): string {
  return `${mail.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
}

/**
 * Writes each mail as an .eml file through `write` (the service passes a function writing under
 * `data/outbox/`), for running without an SMTP server. The file name comes from the Message-ID,
 * so a retried mail overwrites its own file instead of adding a second one.
 */
export class EmlTransport implements MailTransport {
  constructor(private readonly write: (fileName: string, bytes: Buffer) => Promise<void>) {}

  async send(mail: OutgoingMail): Promise<SendResult> {
    const name = emlFileName(mail);
    await this.write(name, await toEml(mail));
    return { messageId: mail.messageId, accepted: [mail.to], rejected: [], response: `written ${name}` };
  }
}
