/**
 * Benchmark (not a test): the 9:00 rush. Starts the service as its own process on a fresh data folder
 * (SQLite, or PostgreSQL with --db postgres), publishes the demo event's schedule, signs 300 delegates
 * in through their magic links, then loads it from this process with autocannon (200 connections):
 *
 *   health, directory search, agenda, meeting-request creation (every answer checked, rows counted
 *   in the database afterwards), and a mixed workload of the 300 delegates (directory, agenda, profile,
 *   request create and answer, calendar feed); finally the service's resident memory.
 *
 *     npm run bench:api [-- --db sqlite|postgres] [--seconds 10] [--connections 200]
 *                       [--root DIR] [--baseline DIR] [--only health,directory,agenda,create,mixed]
 *                       [--node-args="--prof --logfile=/tmp/v8.log --no-logfile-per-isolate"]
 *
 * `--root` is the checkout whose service is measured (default: this one); `--baseline DIR` measures a
 * second checkout (e.g. a git worktree of an older commit) in the same run and prints the ratios.
 *
 * Each row also says how busy the machine was: the CPU the service and this load generator used (in
 * percent of one core) and the 1-minute load average at the end, since the load generator shares the
 * machine's cores with the service (and, on a shared machine, other work does too). Requests per service
 * CPU-second (requests/s divided by the service's share of a core) compares runs on a machine that other
 * work keeps busy: it says what the service costs per request, whatever CPU it got.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Client } from 'pg';

interface Options {
  db: 'sqlite' | 'postgres';
  seconds: number;
  connections: number;
  root: string;
  baseline?: string;
  /** Which loads to run (default all): health, directory, agenda, create, mixed. */
  only: Set<string>;
  /** Extra node options for the service (e.g. `--prof` to profile it under load). */
  nodeArgs: string[];
  /** Extra environment variables for the service (`--service-env "NAME=value NAME2=value"`), e.g. a setting to try. */
  serviceEnv: Record<string, string>;
}

const LOADS = ['health', 'directory', 'agenda', 'create', 'mixed'] as const;

const USAGE =
  'usage: npm run bench:api [-- --db sqlite|postgres] [--seconds 10] [--connections 200] [--root DIR] ' +
  '[--baseline DIR] [--only health,directory,agenda,create,mixed] [--node-args="--flag ..."] ' +
  '[--service-env="NAME=value ..."] [--help]';

/** The command line, checked: an unknown option or a bad value is an error that names it (exit code 2). */
function parseCommandLine(argv: string[]): Options {
  const fail = (message: string): never => {
    process.stderr.write(`bench:api: ${message}\n${USAGE}\n`);
    process.exit(2);
  };
  let values: Record<string, string | boolean | undefined> = {};
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        seconds: { type: 'string' },
        connections: { type: 'string' },
        root: { type: 'string' },
        baseline: { type: 'string' },
        only: { type: 'string' },
        'node-args': { type: 'string' },
        'service-env': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values['help']) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const get = (name: string): string | undefined => values[name] as string | undefined;
  const num = (name: string, fallback: number): number => {
    const raw = get(name);
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(v) || v <= 0) fail(`--${name} must be a positive number, not "${raw}"`);
    return v;
  };
  const db = get('db') ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') fail(`--db must be sqlite or postgres, not "${db}"`);
  const baseline = get('baseline');
  const only = new Set((get('only') ?? LOADS.join(',')).split(',').filter(Boolean));
  for (const x of only)
    if (!(LOADS as readonly string[]).includes(x)) fail(`--only takes ${LOADS.join(',')}, not "${x}"`);
  const serviceEnv: Record<string, string> = {};
  for (const pair of (get('service-env') ?? '').split(' ').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(`--service-env takes NAME=value pairs separated by spaces, not "${pair}"`);
    serviceEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    only,
    nodeArgs: (get('node-args') ?? '').split(' ').filter(Boolean),
    serviceEnv,
    db: db as Options['db'],
    seconds: num('seconds', 10),
    connections: Math.round(num('connections', 200)),
    root: resolve(get('root') ?? process.cwd()),
    ...(baseline ? { baseline: resolve(baseline) } : {}),
  };
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const CLOCK_TICKS = 100;

const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ORGANISER_EMAIL = 'organiser@example.org';
const ORGANISER_PASSWORD = 'bench-password-1';

/** The service under test, as a separate process. */
interface Service {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  rssMb(): number;
  /** User + system CPU seconds the service process has used so far. */
  cpuSeconds(): number;
  count(sql: string): Promise<number>;
  stop(): Promise<void>;
}

/** How a checkout starts its service: the compiled entry when it has one, else the TypeScript entry. */
function serviceCommand(root: string): string[] {
  // As `npm start` runs it, when the checkout's start script is `node ARGS... ENTRY` with ENTRY built: its Node flags
  // (the young generation's size) and the freshness check that recompiles sources changed since the last build, so
  // the bench never measures stale JavaScript (it did: dist/ from the last `npm ci` while the sources had moved on).
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } })
    .scripts?.start;
  const args = (start ?? '').split(' ').filter(Boolean);
  const entry = args[args.length - 1];
  if (args[0] === 'node' && entry && existsSync(join(root, entry))) return args.slice(1);
  const compiled = ['dist/apps/api/src/main.js', 'dist/apps/api/main.js'].map((p) => join(root, p)).find(existsSync);
  if (!compiled) return ['-r', '@swc-node/register', join(root, 'apps/api/src/main.ts')];
  const fresh = join(root, 'scripts/fresh-build.cjs');
  return existsSync(fresh) ? ['-r', fresh, compiled] : [compiled];
}

async function startService(
  root: string,
  db: Options['db'],
  nodeArgs: string[] = [],
  serviceEnv: Record<string, string> = {},
): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clustermatch-load-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(24).toString('hex'),
    DEMO_SEED: 'true',
    DEMO_PASSWORD: ORGANISER_PASSWORD,
    DEMO_ORGANISER_EMAIL: ORGANISER_EMAIL,
    // As in production: a log line per request.
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT: '100000',
    // 300 delegates sign in from this one address.
    LOGIN_IP_LIMIT: '100000',
    OUTBOX_POLL_MS: '100',
    ...serviceEnv,
  };
  let schema: string | undefined;
  if (db === 'postgres') {
    schema = `load_${randomBytes(5).toString('hex')}`;
    const c = new Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    env['DATABASE_URL'] = PG_URL;
    env['DATABASE_SCHEMA'] = schema;
  }
  const proc = spawn(process.execPath, [...nodeArgs, ...serviceCommand(root)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20_000)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`service did not start in 120 s:\n${out}\n${err}`)), 120_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /clustermatch API:\s+(http:\/\/\S+)\/api/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        // From now on the log is read and dropped (a line per request would fill this process's memory).
        proc.stdout?.removeAllListeners('data');
        proc.stdout?.resume();
        ok(m[1]);
      }
    });
    proc.once('exit', (code) => fail(new Error(`service exited with ${code}:\n${out}\n${err}`)));
  });
  const sqliteFile = join(dataDir, 'clustermatch.sqlite');
  return {
    url,
    proc,
    dataDir,
    rssMb() {
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    cpuSeconds() {
      // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised name.
      const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    async count(sql: string) {
      if (db === 'sqlite') {
        const d = new Database(sqliteFile, { readonly: true, fileMustExist: true });
        try {
          return Number((d.prepare(sql).get() as { n: number }).n);
        } finally {
          d.close();
        }
      }
      const c = new Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`SET search_path TO ${schema}`);
        return Number((await c.query<{ n: string }>(sql)).rows[0]?.n);
      } finally {
        await c.end();
      }
    },
    async stop() {
      const exited = new Promise((ok) => proc.once('exit', ok));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 10_000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      if (schema) {
        const c = new Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call<T>(svc: Service, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** Decodes quoted-printable (soft breaks and =XX) so links in .eml files can be read. */
function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface Delegate {
  id: string;
  email: string;
  clusterId: string;
  token: string;
}

interface World {
  eventId: string;
  organiser: string;
  delegates: Delegate[];
  /** One delegate per cluster, by cluster id. */
  byCluster: Map<string, Delegate>;
  feedUrls: string[];
}

/** Publishes the demo schedule and signs every delegate in through the magic link in their mail. */
async function prepare(svc: Service): Promise<World> {
  const login = await call<{ accessToken: string }>(svc, 'POST', '/api/auth/login', undefined, {
    email: ORGANISER_EMAIL,
    password: ORGANISER_PASSWORD,
  });
  const organiser = login.accessToken;
  const events = await call<{ id: string }[]>(svc, 'GET', '/api/events', organiser);
  const eventId = events[0]?.id;
  if (!eventId) throw new Error('the demo seed made no event');
  const { jobId } = await call<{ jobId: string }>(svc, 'POST', `/api/events/${eventId}/schedule/solve`, organiser, {});
  let versionId: string | undefined;
  for (let i = 0; i < 600 && !versionId; i++) {
    const s = await call<{ state: string; version: { id: string } | null }>(
      svc,
      'GET',
      `/api/events/${eventId}/schedule/jobs/${jobId}`,
      organiser,
    );
    if (s.state === 'failed') throw new Error(`solve failed: ${JSON.stringify(s)}`);
    versionId = s.version?.id;
    if (!versionId) await sleep(200);
  }
  if (!versionId) throw new Error('solve did not finish');
  await call(svc, 'POST', `/api/events/${eventId}/schedule/versions/${versionId}/publish`, organiser, {});

  // Every delegate of every participating cluster.
  const clusters: { id: string }[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await call<{ items: { id: string }[]; total: number }>(
      svc,
      'GET',
      `/api/events/${eventId}/clusters?limit=100&offset=${offset}`,
      organiser,
    );
    clusters.push(...page.items);
    if (page.items.length < 100) break;
  }
  const people: { id: string; email: string; clusterId: string }[] = [];
  for (const c of clusters) {
    const ds = await call<{ id: string; email: string }[]>(svc, 'GET', `/api/clusters/${c.id}/delegates`, organiser);
    for (const d of ds) people.push({ id: d.id, email: d.email, clusterId: c.id });
  }
  // Magic links: ask for one each, then read them from the .eml files the service writes without SMTP.
  for (const p of people) await call(svc, 'POST', '/api/auth/magic-link', undefined, { email: p.email });
  const outbox = join(svc.dataDir, 'outbox');
  const tokens = new Map<string, string>();
  for (let tries = 0; tries < 600 && tokens.size < people.length; tries++) {
    if (existsSync(outbox)) {
      for (const f of readdirSync(outbox).filter((n) => n.endsWith('.eml') && !n.startsWith('.'))) {
        const raw = readFileSync(join(outbox, f), 'utf8');
        const headers = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
        const to = /^To:.*?<?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(headers)?.[1]?.toLowerCase();
        const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(decodeQuotedPrintable(raw))?.[1];
        if (to && token) tokens.set(to, token);
      }
    }
    if (tokens.size < people.length) await sleep(200);
  }
  const delegates: Delegate[] = [];
  for (const p of people) {
    const t = tokens.get(p.email.toLowerCase());
    if (!t) {
      const files = existsSync(outbox) ? readdirSync(outbox) : [];
      const sample = files[0] ? readFileSync(join(outbox, files[0]), 'utf8').slice(0, 1500) : '(none)';
      throw new Error(`no magic link arrived for ${p.email} (${files.length} mails; first:\n${sample})`);
    }
    const r = await call<{ accessToken: string }>(svc, 'POST', '/api/auth/magic-link/verify', undefined, { token: t });
    delegates.push({ ...p, token: r.accessToken });
  }
  const byCluster = new Map<string, Delegate>();
  for (const d of delegates) if (!byCluster.has(d.clusterId)) byCluster.set(d.clusterId, d);
  const feedUrls: string[] = [];
  for (const d of delegates.slice(0, 50)) {
    const f = await call<{ url: string }>(svc, 'GET', `/api/events/${eventId}/agenda/feed`, d.token);
    feedUrls.push(new URL(f.url).pathname);
  }
  return { eventId, organiser, delegates, byCluster, feedUrls };
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /**
   * The p99 without each connection's first answer, and the slowest first answer: a connection opened while the
   * service is busy waits to be accepted (Node 20's libuv accepts one per turn of the event loop), and its first
   * answer carries that wait.
   */
  p99Later: number;
  firstMax: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU of the service and of this load generator during the run, in percent of one core. */
  serviceCpu: number;
  generatorCpu: number;
  /** 1-minute load average of the machine at the end of the run. */
  loadAvg: number;
  note?: string;
}

type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

/**
 * Waits until the service is idle (under a tenth of a core over half a second, at most two minutes): requests a
 * slow route left queued when its run ended (autocannon stops sending, the service still answers them) and the mails
 * the set-up queued would otherwise be counted against the next route.
 */
async function settle(svc: Service): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const before = svc.cpuSeconds();
    await sleep(500);
    if (svc.cpuSeconds() - before < 0.05) return;
  }
}

async function load(
  svc: Service,
  name: string,
  o: Options,
  next: () => Req,
  extra: { amount?: number } = {},
): Promise<Figures> {
  await settle(svc);
  const started = process.hrtime.bigint();
  const serviceCpu0 = svc.cpuSeconds();
  const generatorCpu0 = process.cpuUsage();
  const run = autocannon({
    url: svc.url,
    connections: o.connections,
    timeout: 60,
    ...(extra.amount ? { amount: extra.amount } : { duration: o.seconds }),
    requests: [{ setupRequest: (req: Req) => ({ ...req, ...next() }) }],
  } as autocannon.Options);
  // The run ends at the last answer: autocannon notices that a fixed amount is done only at its next one-second
  // tick, and its own duration and per-second average count that idle tail (5,000 creations in 2.4 s came out as
  // 1,656/s).
  let lastAnswer = started;
  const answered = new Set<unknown>();
  const later: number[] = [];
  let firstMax = 0;
  (run as unknown as NodeJS.EventEmitter).on(
    'response',
    (client: unknown, _status: number, _bytes: number, ms: number) => {
      lastAnswer = process.hrtime.bigint();
      if (answered.has(client)) later.push(ms);
      else {
        answered.add(client);
        firstMax = Math.max(firstMax, ms);
      }
    },
  );
  const r = await run;
  const wall = Number((extra.amount ? lastAnswer : process.hrtime.bigint()) - started) / 1e9;
  const gen = process.cpuUsage(generatorCpu0);
  return {
    serviceCpu: (100 * (svc.cpuSeconds() - serviceCpu0)) / wall,
    generatorCpu: (100 * (gen.user + gen.system)) / 1e6 / wall,
    loadAvg: loadavg()[0] ?? 0,
    name,
    rps: r.requests.total / wall,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    p99Later: percentile(later, 0.99),
    firstMax: Math.round(firstMax),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** The `q` quantile of `values` in whole milliseconds (nearest rank), 0 for none. */
function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

function rotate<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length] as T;
}

const auth = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
  Accept: 'application/json',
});
const json = (token: string): Record<string, string> => ({ ...auth(token), 'Content-Type': 'application/json' });

/** Pairs of clusters that have no request yet, in an order that spreads the load over clusters. */
function freePairs(w: World, taken: Set<string>): [Delegate, Delegate][] {
  const reps = [...w.byCluster.values()];
  const out: [Delegate, Delegate][] = [];
  for (let i = 0; i < reps.length; i++)
    for (let j = i + 1; j < reps.length; j++) {
      const a = reps[i] as Delegate;
      const b = reps[j] as Delegate;
      if (taken.has([a.clusterId, b.clusterId].sort().join('|'))) continue;
      out.push((i + j) % 2 ? [a, b] : [b, a]);
    }
  let s = 42;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const k = s % (i + 1);
    [out[i], out[k]] = [out[k] as [Delegate, Delegate], out[i] as [Delegate, Delegate]];
  }
  return out;
}

interface RequestRow {
  id: string;
  status: string;
  parties: { clusterId: string; role: string }[];
}

async function takenPairs(svc: Service, w: World): Promise<Set<string>> {
  const all = await call<RequestRow[]>(svc, 'GET', `/api/events/${w.eventId}/requests`, w.organiser);
  const taken = new Set<string>();
  for (const r of all) {
    const ids = r.parties.map((p) => p.clusterId);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) taken.add([ids[i], ids[j]].sort().join('|'));
  }
  return taken;
}

async function measure(root: string, o: Options): Promise<{ rows: Figures[]; rssMb: number }> {
  const svc = await startService(root, o.db, o.nodeArgs, o.serviceEnv);
  try {
    const w = await prepare(svc);
    const rows: Figures[] = [];
    const d = rotate(w.delegates);
    if (o.only.has('health'))
      rows.push(await load(svc, 'GET /api/health', o, () => ({ method: 'GET', path: '/api/health' })));
    if (o.only.has('directory'))
      rows.push(
        await load(svc, 'directory q=hydrogen&limit=20', o, () => ({
          method: 'GET',
          path: `/api/events/${w.eventId}/clusters?q=hydrogen&limit=20`,
          headers: auth(d().token),
        })),
      );
    if (o.only.has('agenda'))
      rows.push(
        await load(svc, 'GET agenda (delegate)', o, () => ({
          method: 'GET',
          path: `/api/events/${w.eventId}/agenda`,
          headers: auth(d().token),
        })),
      );

    // Request creation: every pair once; every answer must be 201 and every one stored.
    const pairs = freePairs(w, await takenPairs(svc, w));
    const amount = o.only.has('create') ? Math.min(pairs.length, Math.round(o.seconds * 1000)) : 0;
    if (amount > 0) {
      const before = await svc.count(`SELECT COUNT(*) AS n FROM meeting_request WHERE event_id = '${w.eventId}'`);
      let k = 0;
      const create = await load(
        svc,
        'POST requests (create)',
        o,
        () => {
          const [from, to] = pairs[k++ % pairs.length] as [Delegate, Delegate];
          return {
            method: 'POST',
            path: `/api/events/${w.eventId}/requests`,
            headers: json(from.token),
            body: JSON.stringify({
              receiverClusterIds: [to.clusterId],
              interest: 3,
              note: 'load',
              delegateIds: [from.id],
            }),
          };
        },
        { amount },
      );
      const stored =
        (await svc.count(`SELECT COUNT(*) AS n FROM meeting_request WHERE event_id = '${w.eventId}'`)) - before;
      const created201 = create.requests - create.non2xx - create.errors;
      create.note = `${created201} answered 201, ${stored} rows stored`;
      rows.push(create);
    }

    if (!o.only.has('mixed')) return { rows, rssMb: svc.rssMb() };
    // Mixed: 300 delegates browsing, reading their agenda and profile, requesting, answering, syncing calendars.
    const open = [...pairs.slice(amount)];
    const requests = await call<RequestRow[]>(
      svc,
      'GET',
      `/api/events/${w.eventId}/requests?status=pending`,
      w.organiser,
    );
    const pending = rotate(
      requests
        .filter((r) => r.status === 'pending')
        .map((r) => {
          const receiver = r.parties.find((p) => p.role === 'receiver')?.clusterId;
          return { id: r.id, answerer: receiver ? w.byCluster.get(receiver) : undefined };
        })
        .filter((r): r is { id: string; answerer: Delegate } => r.answerer !== undefined),
    );
    const feeds = rotate(w.feedUrls);
    const terms = rotate(['hydrogen', 'food', 'robot', 'battery', 'water', 'digital', 'health', 'wind']);
    let op = 0;
    const mixed = await load(svc, 'mixed (300 delegates)', o, () => {
      const me = d();
      const n = op++ % 20;
      if (n < 7)
        return {
          method: 'GET',
          path: `/api/events/${w.eventId}/clusters?q=${terms()}&limit=20`,
          headers: auth(me.token),
        };
      if (n < 12) return { method: 'GET', path: `/api/events/${w.eventId}/agenda`, headers: auth(me.token) };
      if (n < 15) return { method: 'GET', path: `/api/clusters/${me.clusterId}`, headers: auth(me.token) };
      if (n < 17) return { method: 'GET', path: feeds(), headers: {} };
      if (n < 19 && open.length) {
        const [from, to] = open.pop() as [Delegate, Delegate];
        return {
          method: 'POST',
          path: `/api/events/${w.eventId}/requests`,
          headers: json(from.token),
          body: JSON.stringify({ receiverClusterIds: [to.clusterId], interest: 4, delegateIds: [from.id] }),
        };
      }
      const r = pending();
      return {
        method: 'POST',
        path: `/api/requests/${r.id}/accept`,
        headers: json(r.answerer.token),
        body: JSON.stringify({ interest: 4, delegateIds: [r.answerer.id] }),
      };
    });
    mixed.note = 'non-2xx include 409 for requests already answered';
    rows.push(mixed);
    return { rows, rssMb: svc.rssMb() };
  } finally {
    await svc.stop();
  }
}

function table(title: string, r: { rows: Figures[]; rssMb: number }): string {
  const f0 = (x: number): string => Math.round(x).toLocaleString('en-GB');
  const lines = [
    title,
    '| route | requests/s | p50 ms | p99 ms | max ms | p99 ms without first answers | slowest first answer ms | requests | non-2xx | errors | service CPU % | requests per service CPU-second | load generator CPU % | load avg | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.rows.map(
      (x) =>
        `| ${x.name} | ${f0(x.rps)} | ${x.p50} | ${x.p99} | ${x.max} | ${x.p99Later} | ${x.firstMax} | ${x.requests} | ${x.non2xx} | ${x.errors} | ${f0(x.serviceCpu)} | ${f0(x.serviceCpu > 0 ? (100 * x.rps) / x.serviceCpu : 0)} | ${f0(x.generatorCpu)} | ${x.loadAvg.toFixed(1)} | ${x.note ?? ''} |`,
    ),
    `service resident memory after the workload: ${f0(r.rssMb)} MB`,
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const o = parseCommandLine(process.argv.slice(2));
  const head = `${o.connections} connections, ${o.seconds} s per route, ${o.db}, node ${process.version}`;
  const ours = await measure(o.root, o);
  process.stdout.write(`\n${table(`${o.root} (${head})`, ours)}\n`);
  if (o.baseline) {
    const base = await measure(o.baseline, o);
    process.stdout.write(`${table(`baseline ${o.baseline} (${head})`, base)}\n`);
    process.stdout.write(
      '| route | requests/s ratio (this / baseline) | requests per service CPU-second ratio | p99 ratio | p99 without first answers ratio |\n|---|---|---|---|---|\n',
    );
    const perCpu = (x: Figures): number => (x.serviceCpu > 0 ? x.rps / x.serviceCpu : 0);
    for (const row of ours.rows) {
      const b = base.rows.find((x) => x.name === row.name);
      if (b)
        process.stdout.write(
          `| ${row.name} | ${(row.rps / b.rps).toFixed(2)} | ${(perCpu(row) / perCpu(b)).toFixed(2)} | ${(row.p99 / b.p99).toFixed(2)} | ${(row.p99Later / Math.max(1, b.p99Later)).toFixed(2)} |\n`,
        );
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
