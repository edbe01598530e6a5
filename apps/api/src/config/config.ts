import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseSmtpUrl } from '@clustermatch/mail';

/** The service configuration, validated once at start-up. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** Where the SQLite file, the generated JWT secret and the demo login live (gitignored). */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly jwtSecret: string;
  readonly jwtExpiresInSeconds: number;
  readonly magicLinkTtlSeconds: number;
  /** At most `count` login links (and invitations) to one address per `windowMs`; more requests send nothing. */
  readonly magicLinkLimit: { readonly count: number; readonly windowMs: number };
  /** How long a link inviting a delegate (or confirming a new e-mail address) works. */
  readonly invitationTtlSeconds: number;
  /** Log login links (besides mailing them): only when NODE_ENV=development is set explicitly. */
  readonly logLoginLinks: boolean;
  /** Base URL used in magic links, e.g. http://127.0.0.1:3000. */
  readonly publicUrl: string;
  /** Password sign-ins: at most `limit` attempts per account from one client per `ttlMs` (a success clears them). */
  readonly loginRateLimit: { readonly limit: number; readonly ttlMs: number };
  /** Sign-in attempts of any kind (password, login links) from one client per `loginRateLimit.ttlMs`. */
  readonly loginIpLimit: number;
  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (Express `trust proxy`): false (none,
   * the default), a number of proxy hops, or addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
   */
  readonly trustProxy: TrustProxy;
  /** Seed the demo event from fixtures/demo-event.json when the database has no event (never by default in production). */
  readonly seedDemo: boolean;
  /** Serve the OpenAPI documentation at /api/docs (off by default in production: API_DOCS=1). */
  readonly apiDocs: boolean;
  /** Serve the web app's source maps (off by default in production: SOURCE_MAPS=1). */
  readonly publicSourceMaps: boolean;
  readonly demoOrganiserEmail: string;
  readonly demoPassword?: string;
  readonly redisUrl?: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_FILE: write the log to this file (appended) instead of stdout. */
  readonly logFile?: string;
  /**
   * Keep read models (published agendas, directory pages, who a token belongs to) in memory until a table they
   * come from is written (READ_CACHE; default on, off with REDIS_URL where several instances share a database).
   */
  readonly readCache: boolean;
  /**
   * How far the JavaScript heap may grow past what is live after a full collection, in percent (HEAP_GROWING_PERCENT,
   * default 20; 0 leaves V8's own sizing): `common/heap-growth.ts`.
   */
  readonly heapGrowingPercent: number;
  /** The BullMQ queue (JOB_QUEUE_NAME, default `clustermatch-jobs`): also the prefix of the sign-in counts in Redis. */
  readonly jobQueueName: string;
  /** Mail and the outbox worker. */
  readonly mail: MailConfig;
}

/** Mail settings (SMTP_URL, MAIL_FROM, OUTBOX_*, REMINDER_EVERY_MS, NUDGE_EVERY_MS). */
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
  /** How often the retention job of issue 17 runs (RETENTION_EVERY_MS, default one day). */
  readonly retentionEveryMs: number;
  /** Base URL of links in mails and of feed URLs. */
  readonly publicUrl: string;
}

/** The stand-alone solve worker's settings (`apps/api/src/jobs/worker-main.ts`). */
export interface WorkerConfig {
  readonly redisUrl: string;
  readonly jobQueueName: string;
  /** How many solves run at once (WORKER_CONCURRENCY, default 1). */
  readonly concurrency: number;
}

export type TrustProxy = false | number | readonly string[];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A yes/no variable: 1, true, 0 or false; unset or empty gives `fallback`. Throws ConfigError naming it. */
export function flagVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `must be 1, true, 0 or false (got "${raw}")`);
}

/** A whole-number variable in [min, max]; unset or empty gives `fallback`. Throws ConfigError naming it. */
export function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: unset or false, a number of hops, or a comma-separated list of addresses, CIDRs and names. */
export function trustProxyVar(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = (env['TRUST_PROXY'] ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true')
    throw new ConfigError(
      'TRUST_PROXY',
      'must name the proxies (addresses, CIDR ranges, loopback) or their number, not "true": trusting every sender lets any client choose its own address',
    );
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY', `must be between 1 and 10 hops (got ${hops})`);
    return hops;
  }
  const list = raw.split(',').map((s) => s.trim());
  for (const item of list) {
    const [addr = '', bits, extra] = item.split('/');
    const family = isIP(addr);
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(item) && (family === 0 || !okBits || extra !== undefined))
      throw new ConfigError(
        'TRUST_PROXY',
        `"${item}" is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')} (use false, a number of hops, or a comma-separated list)`,
      );
  }
  return list;
}

/** JOB_QUEUE_NAME: the BullMQ queue name, default `clustermatch-jobs` (stand-alone workers must use the same). */
export function jobQueueNameVar(env: NodeJS.ProcessEnv): string {
  const raw = env['JOB_QUEUE_NAME'];
  const name = raw === undefined || raw === '' ? 'clustermatch-jobs' : raw;
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(name))
    throw new ConfigError('JOB_QUEUE_NAME', `must be 1-100 letters, digits, - or _ (got "${name}")`);
  return name;
}

/** REDIS_URL: unset, or a redis:// or rediss:// URL. */
function redisUrlVar(env: NodeJS.ProcessEnv): string | undefined {
  const url = env['REDIS_URL'] || undefined;
  if (url !== undefined && !/^rediss?:\/\//.test(url))
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  return url;
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
 * OUTBOX_RETRY_MAX_MS, OUTBOX_MAX_ATTEMPTS, OUTBOX_LEASE_MS, REMINDER_EVERY_MS, NUDGE_EVERY_MS (part of
 * `loadConfig`).
 * Throws ConfigError naming the variable. The .eml folder defaults to `outbox/` next to the SQLite file.
 */
export function loadMailConfig(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'env' | 'database' | 'dataDir' | 'demoOrganiserEmail' | 'publicUrl'>,
): MailConfig {
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
    workerEnabled: flagVar(env, 'OUTBOX_WORKER', app.env !== 'test'),
    pollMs: intVar(env, 'OUTBOX_POLL_MS', 5_000, 10, 3_600_000),
    retryBaseMs: intVar(env, 'OUTBOX_RETRY_BASE_MS', 30_000, 1, 86_400_000),
    retryMaxMs: intVar(env, 'OUTBOX_RETRY_MAX_MS', 3_600_000, 1, 7 * 86_400_000),
    maxAttempts: intVar(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    leaseMs,
    reminderEveryMs: intVar(env, 'REMINDER_EVERY_MS', 3_600_000, 1_000, 86_400_000),
    nudgeEveryMs: intVar(env, 'NUDGE_EVERY_MS', 3_600_000, 1_000, 86_400_000),
    retentionEveryMs: intVar(env, 'RETENTION_EVERY_MS', 86_400_000, 60_000, 7 * 86_400_000),
    publicUrl: app.publicUrl.replace(/\/+$/, ''),
  };
}

/**
 * The stand-alone worker's variables: REDIS_URL (required), JOB_QUEUE_NAME, WORKER_CONCURRENCY (1-64,
 * default 1). Throws ConfigError naming the variable.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const redisUrl = redisUrlVar(env);
  if (redisUrl === undefined)
    throw new ConfigError('REDIS_URL', 'must be set to redis://host:port (or rediss://) for a stand-alone worker');
  return {
    redisUrl,
    jobQueueName: jobQueueNameVar(env),
    concurrency: intVar(env, 'WORKER_CONCURRENCY', 1, 1, 64),
  };
}

function secretFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The service's one configuration reader: reads and validates the environment once at start-up (PORT, HOST,
 * DATABASE_URL, DATABASE_SCHEMA, DATA_DIR, JWT_SECRET, JWT_EXPIRES_IN, PUBLIC_URL, DEMO_SEED, DEMO_PASSWORD,
 * DEMO_ORGANISER_EMAIL, REDIS_URL, JOB_QUEUE_NAME, LOG_LEVEL, LOGIN_RATE_LIMIT, LOGIN_RATE_WINDOW, LOGIN_IP_LIMIT,
 * TRUST_PROXY, MAGIC_LINK_TTL, MAGIC_LINK_LIMIT, MAGIC_LINK_WINDOW, INVITATION_TTL, API_DOCS, SOURCE_MAPS, READ_CACHE,
 * NODE_ENV, and the mail variables of `loadMailConfig`). In production JWT_SECRET is required, and the demo seed,
 * the API docs and public source maps are off unless asked for.
 * Empty variables count as unset; `overrides` win over the environment (tests pass them). Throws ConfigError naming the variable.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  // An empty variable counts as unset (as in `PORT= npm start`).
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''),
  );
  const nodeEnv = env['NODE_ENV'] ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError('NODE_ENV', `must be development, test or production (got "${nodeEnv}")`);
  }
  const appEnv = overrides.env ?? nodeEnv;
  const host = overrides.host ?? env['HOST'] ?? '127.0.0.1';
  if (host.trim() === '') throw new ConfigError('HOST', 'must not be empty');
  const port = overrides.port ?? intVar(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(overrides.dataDir ?? env['DATA_DIR'] ?? 'data');

  let database: DatabaseConfig;
  if (overrides.database) database = overrides.database;
  else {
    const url = env['DATABASE_URL'];
    if (url) {
      if (!/^postgres(ql)?:\/\//.test(url))
        throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
      database = { kind: 'postgres', url, schema: env['DATABASE_SCHEMA'] || undefined };
    } else database = { kind: 'sqlite', file: join(dataDir, 'clustermatch.sqlite') };
  }

  let jwtSecret = overrides.jwtSecret ?? env['JWT_SECRET'];
  if (jwtSecret !== undefined && jwtSecret.length < 16)
    throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');
  // In production the secret is the operator's: a generated one in the data folder would be lost or copied with it.
  if (jwtSecret === undefined && appEnv === 'production')
    throw new ConfigError(
      'JWT_SECRET',
      'is required when NODE_ENV=production (16+ random characters, e.g. from `openssl rand -base64 48`); the service generates one only outside production',
    );
  jwtSecret ??= secretFromDataDir(dataDir);

  const expires = overrides.jwtExpiresInSeconds ?? intVar(env, 'JWT_EXPIRES_IN', 8 * 3600, 10, 30 * 24 * 3600);
  const logLevel = overrides.logLevel ?? env['LOG_LEVEL'] ?? (appEnv === 'test' ? 'silent' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const demoPassword = overrides.demoPassword ?? env['DEMO_PASSWORD'];
  if (demoPassword !== undefined && demoPassword.length < 8)
    throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters');
  const demoOrganiserEmail = overrides.demoOrganiserEmail ?? env['DEMO_ORGANISER_EMAIL'] ?? 'organiser@example.org';
  if (!/^[^@\s]+@[^@\s]+$/.test(demoOrganiserEmail))
    throw new ConfigError('DEMO_ORGANISER_EMAIL', 'must be an e-mail address');
  const redisUrl = overrides.redisUrl ?? redisUrlVar(env);
  const publicUrl = overrides.publicUrl ?? env['PUBLIC_URL'] ?? `http://${host}:${port}`;

  return {
    env: appEnv,
    host,
    port,
    dataDir,
    database,
    jwtSecret,
    jwtExpiresInSeconds: expires,
    magicLinkTtlSeconds: overrides.magicLinkTtlSeconds ?? intVar(env, 'MAGIC_LINK_TTL', 900, 30, 7 * 24 * 3600),
    magicLinkLimit: overrides.magicLinkLimit ?? {
      count: intVar(env, 'MAGIC_LINK_LIMIT', 3, 1, 1000),
      windowMs: intVar(env, 'MAGIC_LINK_WINDOW', 900, 1, 7 * 24 * 3600) * 1000,
    },
    invitationTtlSeconds:
      overrides.invitationTtlSeconds ?? intVar(env, 'INVITATION_TTL', 7 * 24 * 3600, 300, 30 * 24 * 3600),
    logLoginLinks: overrides.logLoginLinks ?? rawEnv['NODE_ENV'] === 'development',
    publicUrl,
    loginRateLimit: overrides.loginRateLimit ?? {
      limit: intVar(env, 'LOGIN_RATE_LIMIT', 10, 1, 100000),
      ttlMs: intVar(env, 'LOGIN_RATE_WINDOW', 900, 1, 86_400) * 1000,
    },
    loginIpLimit: overrides.loginIpLimit ?? intVar(env, 'LOGIN_IP_LIMIT', 100, 1, 1_000_000),
    trustProxy: overrides.trustProxy ?? trustProxyVar(env),
    seedDemo: overrides.seedDemo ?? flagVar(env, 'DEMO_SEED', appEnv === 'development'),
    apiDocs: overrides.apiDocs ?? flagVar(env, 'API_DOCS', appEnv !== 'production'),
    publicSourceMaps: overrides.publicSourceMaps ?? flagVar(env, 'SOURCE_MAPS', appEnv !== 'production'),
    demoOrganiserEmail,
    demoPassword,
    redisUrl,
    logLevel: logLevel as AppConfig['logLevel'],
    ...((overrides.logFile ?? env['LOG_FILE']) ? { logFile: resolve(overrides.logFile ?? env['LOG_FILE'] ?? '') } : {}),
    readCache: overrides.readCache ?? flagVar(env, 'READ_CACHE', redisUrl === undefined),
    heapGrowingPercent: overrides.heapGrowingPercent ?? intVar(env, 'HEAP_GROWING_PERCENT', 20, 0, 1000),
    jobQueueName: overrides.jobQueueName ?? jobQueueNameVar(env),
    mail: overrides.mail ?? loadMailConfig(env, { env: appEnv, database, dataDir, demoOrganiserEmail, publicUrl }),
  };
}
