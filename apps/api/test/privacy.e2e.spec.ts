/**
 * Issue 17, privacy by design, through HTTP on SQLite and PostgreSQL: a person's data export (their own only), and
 * their erasure: after it their name and e-mail address appear nowhere in the database (the SQLite file with its
 * write-ahead log; every row of every table on PostgreSQL), the outbox folder (raw and decoded .eml files) or the
 * service's log written during the test; a login-link request for the old address sends nothing; their counterparts
 * are mailed first about cancelled upcoming meetings, and their agendas still show the meetings with a former
 * delegate; the impact report's figures do not change; the audit log records the organiser's actions. The erasure
 * is one transaction across the features' tables: a failure at its last step leaves every row as it was.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type MailConfig } from '../src/config/config';
import { MAIL_CONFIG } from '../src/config/config.module';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { AuditLog } from '../src/privacy/audit-log';
import {
  acceptedRequest,
  setUpEvent,
  solveAndPublish,
  startTestApp,
  TEST_PG_URL,
  type Basics,
  type TestApp,
} from '../test-utils';

jest.setTimeout(180_000);

const NAME = 'Ingrid Østergård-Lund';
const EMAIL = 'ingrid.ostergaard@cluster0.example.org';
const DAY = 86_400_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** The text of an .eml file as a reader sees it: quoted-printable, base64 parts and encoded headers decoded. */
function decodedEml(raw: string): string {
  const parts: string[] = [raw];
  // RFC 2047 encoded words in headers.
  parts.push(
    raw.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    ),
  );
  // Quoted-printable bodies (soft line breaks joined, bytes decoded as UTF-8).
  parts.push(
    Buffer.from(
      raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
  // Base64 bodies: runs of base64 lines.
  for (const block of raw.match(/(?:^[A-Za-z0-9+/=]{16,}\r?\n)+/gm) ?? [])
    parts.push(Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'));
  // Folded calendar lines joined.
  return parts.join('\n').replace(/\r?\n[ \t]/g, '');
}

const holds = (text: string, needle: string): boolean => text.toLowerCase().includes(needle.toLowerCase());

describe.each(['sqlite', 'postgres'] as const)('privacy on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let personId: string;
  let personToken: string;
  let logDir: string;
  let logFile: string;
  let outboxDir: string;
  let sqliteFile: string | undefined;
  let feedUrl: string;
  let reportBefore: unknown;
  let erasure: Record<string, unknown>;
  const send = async (): Promise<void> => {
    await t.app.get(MailWorkerService).runOnce();
  };

  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'clustermatch-privacy-log-'));
    logFile = join(logDir, 'service.log');
    t = await startTestApp({ db, magicLinks: 'outbox', config: { logLevel: 'trace', logFile } });
    outboxDir = t.app.get<MailConfig>(MAIL_CONFIG).outboxDir;
    const options = t.db.dataSource.options as { database?: unknown };
    sqliteFile = db === 'sqlite' ? String(options.database) : undefined;
    org = await t.organiserToken();
    b = await setUpEvent(t, 4, 2);
    personId = b.delegateIds[0]?.[0] ?? '';
    await t.http
      .patch(`/api/delegates/${personId}`)
      .set(...auth(org))
      .send({ name: NAME, email: EMAIL, role: 'Innovation manager' })
      .expect(200);
    personToken = await t.delegateToken(personId);
    // Meetings: the person alone for cluster 0 with clusters 1 and 2; a request naming them in its note.
    await acceptedRequest(t, b, 0, 1);
    await acceptedRequest(t, b, 2, 0);
    const noted = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(await t.delegateToken(b.delegateIds[3]?.[0] ?? '')))
      .send({
        receiverClusterIds: [b.clusterIds[0]],
        interest: 3,
        note: `We would like to meet ${NAME} (${EMAIL}) again`,
        delegateIds: [b.delegateIds[3]?.[0]],
      })
      .expect(201);
    expect(noted.body.id).toBeDefined();
    await t.http
      .put(`/api/events/${b.eventId}/delegates/${personId}/unavailability`)
      .set(...auth(personToken))
      .send({ slots: [b.slotIds[b.slotIds.length - 1]] })
      .expect(200);
    await solveAndPublish(t, b.eventId);
    const feed = await t.http
      .get(`/api/events/${b.eventId}/agenda/feed`)
      .set(...auth(personToken))
      .expect(200);
    feedUrl = new URL(feed.body.url as string).pathname;
    await t.http.get(feedUrl).expect(200);
    // The feedback survey, answered by the person (with a note) and by a counterpart.
    await t.http
      .post(`/api/events/${b.eventId}/feedback-survey`)
      .set(...auth(org))
      .send({ closesAt: new Date(Date.now() + 7 * DAY).toISOString(), reminderAfterDays: 3 })
      .expect(200);
    const page = await t.http
      .get(`/api/events/${b.eventId}/feedback`)
      .set(...auth(personToken))
      .expect(200);
    const meetingId = (page.body.meetings as { meetingId: string }[])[0]?.meetingId ?? '';
    await t.http
      .put(`/api/events/${b.eventId}/meetings/${meetingId}/feedback`)
      .set(...auth(personToken))
      .send({ held: true, usefulness: 5, nextStep: 'visit', note: 'Met the hydrogen people; call me on my mobile' })
      .expect(200);
    // A login link to the person, and every mail so far delivered as .eml files.
    await t.http.post('/api/auth/magic-link').send({ email: EMAIL }).expect(202);
    await send();
  });

  afterAll(async () => {
    await t?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('exports everything it holds about the signed-in delegate, and nobody else may', async () => {
    const res = await t.http
      .get('/api/me/export')
      .set(...auth(personToken))
      .expect(200);
    expect(res.body.person).toMatchObject({ id: personId, name: NAME, email: EMAIL, role: 'Innovation manager' });
    expect(res.body.cluster.id).toBe(b.clusterIds[0]);
    expect(res.body.meetings).toHaveLength(2);
    expect(res.body.requests).toHaveLength(2);
    expect(res.body.unavailability).toHaveLength(1);
    expect(res.body.feedback[0]).toMatchObject({ usefulness: 5, note: expect.stringContaining('hydrogen') });
    expect((res.body.mails as { kind: string }[]).map((m) => m.kind)).toEqual(expect.arrayContaining(['magic-link']));
    expect(res.body.calendarFeeds).toHaveLength(1);
    // The organiser produces the same for a person who asks by mail; a delegate never for someone else.
    const byOrganiser = await t.http
      .get(`/api/delegates/${personId}/export`)
      .set(...auth(org))
      .expect(200);
    expect(byOrganiser.body.person.email).toBe(EMAIL);
    const colleague = await t.delegateToken(b.delegateIds[0]?.[1] ?? '');
    const other = await t.delegateToken(b.delegateIds[1]?.[0] ?? '');
    for (const tok of [colleague, other]) {
      await t.http
        .get(`/api/delegates/${personId}/export`)
        .set(...auth(tok))
        .expect(403);
      await t.http
        .get(`/api/delegates/${personId}/erasure`)
        .set(...auth(tok))
        .expect(403);
      await t.http
        .post(`/api/delegates/${personId}/erasure`)
        .set(...auth(tok))
        .expect(403);
    }
    await t.http
      .get('/api/me/export')
      .set(...auth(org))
      .expect(403);
    const audit = await t.http
      .get('/api/audit-log?action=export')
      .set(...auth(org))
      .expect(200);
    expect(
      audit.body.items.some(
        (e: { targetId: string; actorKind: string }) => e.targetId === personId && e.actorKind === 'organiser',
      ),
    ).toBe(true);
  });

  it('finds the person where the erasure test then looks (the checks can fail)', async () => {
    const emls = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
    expect(emls.length).toBeGreaterThan(2);
    const all = emls.map((f) => decodedEml(readFileSync(join(outboxDir, f), 'utf8'))).join('\n');
    expect(holds(all, EMAIL)).toBe(true);
    expect(holds(all, NAME)).toBe(true);
    expect(holds(await databaseText(), EMAIL)).toBe(true);
  });

  it('previews the upcoming meetings it cancels', async () => {
    const res = await t.http
      .get(`/api/delegates/${personId}/erasure`)
      .set(...auth(org))
      .expect(200);
    expect(res.body.erased).toBe(false);
    expect(res.body.cancelledMeetings).toHaveLength(2);
    expect(res.body.cancelledMeetings.map((m: { counterparts: string[] }) => m.counterparts[0]).sort()).toEqual([
      'Cluster 001',
      'Cluster 002',
    ]);
    reportBefore = (
      await t.http
        .get(`/api/events/${b.eventId}/impact-report`)
        .set(...auth(org))
        .expect(200)
    ).body;
  });

  it('erases in one transaction: a failure at its last step leaves every table as it was', async () => {
    // Each feature writes its own tables in the erasure, through the transaction's manager it is passed.
    const before = await databaseRows();
    const audit = jest.spyOn(t.app.get(AuditLog), 'record').mockRejectedValueOnce(new Error('audit log unavailable'));
    try {
      await t.http
        .post(`/api/delegates/${personId}/erasure`)
        .set(...auth(org))
        .expect(500);
      expect(audit).toHaveBeenCalledWith(
        expect.anything(),
        expect.anything(),
        expect.objectContaining({ action: 'erase' }),
      );
    } finally {
      audit.mockRestore();
    }
    const after = await databaseRows();
    expect(before.length).toBeGreaterThan(100);
    expect(after).toEqual(before);
  });

  it('erases the person at their own request: counterparts mailed first, links, tokens and feeds dead', async () => {
    const before = await t.db.manager.count(OutboxMessageEntity);
    const res = await t.http
      .post(`/api/delegates/${personId}/erasure`)
      .set(...auth(personToken))
      .expect(200);
    erasure = res.body;
    expect(res.body).toMatchObject({
      erased: true,
      counterpartsMailed: 2,
      replacement: 'Former delegate of Cluster 000',
    });
    expect(res.body.emlFilesRemoved).toBeGreaterThan(0);
    expect(res.body.feedsRevoked).toBe(1);
    const queued = await t.db.manager.find(OutboxMessageEntity, { where: { kind: 'erasure-cancel' } });
    expect(queued).toHaveLength(2);
    expect(queued.map((q) => /<(.+)>/.exec(q.recipient)?.[1]).sort()).toEqual([
      'd1-0@cluster1.example.org',
      'd2-0@cluster2.example.org',
    ]);
    expect(await t.db.manager.count(OutboxMessageEntity)).toBe(before + 2);
    // Their token, their feed and their address are dead; a second erasure is refused.
    await t.http
      .get('/api/auth/me')
      .set(...auth(personToken))
      .expect(401);
    await t.http.get(feedUrl).expect(404);
    const outbox = await t.db.manager.count(OutboxMessageEntity);
    await t.http.post('/api/auth/magic-link').send({ email: EMAIL }).expect(202);
    expect(await t.db.manager.count(OutboxMessageEntity)).toBe(outbox);
    await t.http
      .post(`/api/delegates/${personId}/erasure`)
      .set(...auth(org))
      .expect(409);
    await send();
  });

  it("keeps the meetings countable: counterparts' agendas show a former delegate, the impact report is unchanged", async () => {
    for (const c of [1, 2]) {
      const agenda = await t.http
        .get(`/api/events/${b.eventId}/agenda`)
        .set(...auth(await t.delegateToken(b.delegateIds[c]?.[0] ?? '')))
        .expect(200);
      const text = JSON.stringify(agenda.body);
      expect(text).toContain('Former delegate of Cluster 000');
      expect(text).not.toContain(NAME);
      expect(agenda.body.meetings.length).toBeGreaterThan(0);
    }
    const after = await t.http
      .get(`/api/events/${b.eventId}/impact-report`)
      .set(...auth(org))
      .expect(200);
    expect({ ...after.body, generatedAt: null }).toEqual({ ...(reportBefore as object), generatedAt: null });
    const audit = await t.http
      .get('/api/audit-log?action=erase')
      .set(...auth(org))
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actorKind: 'delegate', targetId: personId, actorEmail: '' });
    const publish = await t.http
      .get('/api/audit-log?action=publish')
      .set(...auth(org))
      .expect(200);
    expect(publish.body.items).toHaveLength(1);
    const csv = await t.http
      .get('/api/audit-log/export')
      .set(...auth(org))
      .expect(200);
    expect(csv.text.split('\n')[0]).toContain('actor_email');
    expect(erasure['erasedAt']).toBeDefined();
  });

  it('leaves the name and address nowhere: database, outbox folder, service log', async () => {
    const dbText = await databaseText();
    expect(holds(dbText, EMAIL)).toBe(false);
    expect(holds(dbText, NAME)).toBe(false);
    expect(holds(dbText, 'Former delegate of Cluster 000')).toBe(true);
    const emls = readdirSync(outboxDir).filter((f) => !f.startsWith('.'));
    expect(emls.length).toBeGreaterThan(2);
    for (const f of emls) {
      const text = decodedEml(readFileSync(join(outboxDir, f), 'utf8'));
      expect({ f, email: holds(text, EMAIL), name: holds(text, NAME) }).toEqual({ f, email: false, name: false });
    }
    const log = readFileSync(logFile, 'utf8');
    expect(log.split('\n').length).toBeGreaterThan(50);
    expect(log).toContain('mail sent');
    expect(holds(log, EMAIL)).toBe(false);
    expect(holds(log, NAME)).toBe(false);
  });

  /** Every row of every table, as sorted JSON lines (`table: row`). */
  async function databaseRows(): Promise<string[]> {
    const schema = (t.db.dataSource.options as { schema?: string }).schema ?? 'public';
    const tables: { name: string }[] =
      sqliteFile !== undefined
        ? await t.db.manager.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await t.db.manager.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1', [
            schema,
          ]);
    const out: string[] = [];
    for (const { name } of tables) {
      const from = sqliteFile !== undefined ? `"${name}"` : `"${schema}"."${name}"`;
      for (const row of (await t.db.manager.query(`SELECT * FROM ${from}`)) as unknown[])
        out.push(`${name}: ${JSON.stringify(row)}`);
    }
    return out.sort();
  }

  /** Everything the database holds, as text: the SQLite file and its WAL (raw bytes), or every row on PostgreSQL. */
  async function databaseText(): Promise<string> {
    if (sqliteFile !== undefined) {
      return ['', '-wal', '-journal']
        .map((s) => sqliteFile + s)
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('utf8') + readFileSync(f).toString('latin1'))
        .join('\n');
    }
    const schema = (t.db.dataSource.options as { schema?: string }).schema ?? 'public';
    const c = new Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      const tables = await c.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      const out: string[] = [];
      for (const { table_name } of tables.rows) {
        const rows = await c.query<{ j: string }>(
          `SELECT row_to_json(x)::text AS j FROM "${schema}"."${table_name}" x`,
        );
        out.push(...rows.rows.map((r) => r.j));
      }
      return out.join('\n');
    } finally {
      await c.end();
    }
  }
});
