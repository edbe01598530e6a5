import { dirname, join, resolve } from 'node:path';
import { parseSmtpUrl } from '@clustermatch/mail';
import { AppConfig, ConfigError, intVar } from '../config/config';

/** Mail settings, read from the environment once at start-up (see `loadMailConfig`). */
export interface MailConfig {
  /** SMTP server URL; when absent mails are written as .eml files under `outboxDir`. */
  readonly smtpUrl?: string;
  readonly outboxDir: string;
  /** The From header; its domain is also the domain of Message-IDs. */
  readonly from: string;
  readonly fromName: string;
  readonly fromAddress: string;
  /** Start the outbox worker (and the reminder timer) on app start. */
  readonly workerEnabled: boolean;
  readonly pollMs: number;
  /** First retry delay; doubles on each failure up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
  /** How often the worker queues the day-before reminders (idempotent). */
  readonly reminderEveryMs: number;
  /** How often the worker queues the due nudges of the booking phase (issue 19). */
  readonly nudgeEveryMs: number;
  /** Base URL of links in mails and of feed URLs. */
  readonly publicUrl: string;
}

export const MAIL_CONFIG = Symbol('MAIL_CONFIG');

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false (got "${raw}")`);
  return raw === 'true';
}

/** `Name <address>` or a bare address. */
export function parseFrom(raw: string, variable = 'MAIL_FROM'): { name: string; address: string } {
  const m = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/.exec(raw);
  if (!m) throw new ConfigError(variable, `must be an e-mail address or "Name <address>" (got "${raw}")`);
  const address = m[2] ?? m[3] ?? '';
  return { name: (m[1] ?? '').trim(), address };
}

/**
 * Reads SMTP_URL, MAIL_FROM, OUTBOX_DIR, OUTBOX_WORKER, OUTBOX_POLL_MS, OUTBOX_RETRY_BASE_MS,
 * OUTBOX_RETRY_MAX_MS, OUTBOX_MAX_ATTEMPTS, OUTBOX_LEASE_MS, REMINDER_EVERY_MS, NUDGE_EVERY_MS. Throws ConfigError
 * naming the variable. The .eml folder defaults to `outbox/` next to the SQLite file.
 */
export function loadMailConfig(env: NodeJS.ProcessEnv, app: AppConfig): MailConfig {
  const smtpRaw = env['SMTP_URL'];
  let smtpUrl: string | undefined;
  if (smtpRaw !== undefined && smtpRaw !== '') {
    try {
      parseSmtpUrl(smtpRaw);
    } catch (e) {
      throw new ConfigError('SMTP_URL', e instanceof Error ? e.message.replace(/^SMTP_URL: /, '') : 'is invalid');
    }
    smtpUrl = smtpRaw;
  }
  const outboxDir = resolve(
    env['OUTBOX_DIR'] ||
      (app.database.kind === 'sqlite' ? join(dirname(app.database.file), 'outbox') : join(app.dataDir, 'outbox')),
  );
  const from = env['MAIL_FROM'] || `clustermatch <${app.demoOrganiserEmail}>`;
  const parsed = parseFrom(from);
  const leaseMs = intVar(env, 'OUTBOX_LEASE_MS', 120_000, 1_000, 3_600_000);
  if (leaseMs < 60_000 && smtpUrl !== undefined) {
    // SMTP timeouts (10 s connect, 30 s socket) must stay well below the lease.
    throw new ConfigError('OUTBOX_LEASE_MS', `must be at least 60000 with SMTP (got ${leaseMs})`);
  }
  return {
    ...(smtpUrl !== undefined ? { smtpUrl } : {}),
    outboxDir,
    from,
    fromName: parsed.name || 'clustermatch',
    fromAddress: parsed.address,
    workerEnabled: boolVar(env, 'OUTBOX_WORKER', app.env !== 'test'),
    pollMs: intVar(env, 'OUTBOX_POLL_MS', 5_000, 10, 3_600_000),
    retryBaseMs: intVar(env, 'OUTBOX_RETRY_BASE_MS', 30_000, 1, 86_400_000),
    retryMaxMs: intVar(env, 'OUTBOX_RETRY_MAX_MS', 3_600_000, 1, 7 * 86_400_000),
    maxAttempts: intVar(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    leaseMs,
    reminderEveryMs: intVar(env, 'REMINDER_EVERY_MS', 3_600_000, 1_000, 86_400_000),
    nudgeEveryMs: intVar(env, 'NUDGE_EVERY_MS', 3_600_000, 1_000, 86_400_000),
    publicUrl: app.publicUrl.replace(/\/+$/, ''),
  };
}
