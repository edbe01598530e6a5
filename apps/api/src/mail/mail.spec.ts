/**
 * The outbox inside the real app on a SQLite file, with a real SMTP server on 127.0.0.1:
 * mails stored in the transaction of their change, delivered by the worker, retried while the
 * server is down and delivered once when it is back, failures visible to the organiser and
 * requeued, nothing sent twice across a restart; the schedule mails with their .ics parsed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaves, parseMime, partText, TestSmtpServer, type Received } from '@clustermatch/mail/testing';
import { startTestApp, type TestApp } from '../../test-utils';
import { MailWorkerService } from './mail-worker.service';
import { MailService } from './mail.service';
import { OutboxMagicLinkSender } from './magic-link-sender';
import { buildWorld, epoch, parseIcs, publishVersion, type World } from '../../test-utils/world';

jest.setTimeout(60_000);

const messageId = (r: Received): string => /^Message-ID:\s*(\S+)/im.exec(r.raw)?.[1] ?? '';
const subject = (r: Received): string => parseMime(r.raw).headers.get('subject') ?? '';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the worker until `done()` or 100 passes (retries are due after ~50 ms here). */
async function drain(worker: MailWorkerService, done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) {
    await worker.runOnce();
    if (!done()) await sleep(30);
  }
}

describe('mail outbox in the service (SMTP)', () => {
  const smtp = new TestSmtpServer();
  let port: number;
  let dir: string;
  let t: TestApp;
  let w: World;
  let mail: MailService;
  let worker: MailWorkerService;
  const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

  async function boot(extraEnv: Record<string, string> = {}): Promise<void> {
    Object.assign(process.env, {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Spring Match <team@match.example.org>',
      OUTBOX_WORKER: 'false',
      OUTBOX_RETRY_BASE_MS: '40',
      OUTBOX_MAX_ATTEMPTS: '50',
      ...extraEnv,
    });
    t = await startTestApp({
      db: 'sqlite',
      config: {
        database: { kind: 'sqlite', file: join(dir, 'shared.sqlite') },
        publicUrl: 'https://match.example.org',
      },
    });
    mail = t.app.get(MailService);
    worker = t.app.get(MailWorkerService);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clustermatch-mail-'));
    port = await smtp.start();
    await boot();
    w = await buildWorld(t, 3);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const k of [
      'SMTP_URL',
      'MAIL_FROM',
      'OUTBOX_WORKER',
      'OUTBOX_RETRY_BASE_MS',
      'OUTBOX_MAX_ATTEMPTS',
      'OUTBOX_POLL_MS',
    ])
      delete process.env[k];
  });

  it('queued "request received" and "accepted" mails while the world was built through HTTP, and delivers them', async () => {
    // buildWorld created and accepted requests 0->1, 0->2, 1->2 through the API: one mail per receiving and per requesting delegate.
    const queued = await mail.list({ status: 'pending' });
    const expected = w.requests.flatMap((r) => [
      {
        id: `request-received.${r.id}.${r.clusters[1].delegate.id}`,
        kind: 'request-received',
        to: `"${r.clusters[1].delegate.name}" <${r.clusters[1].delegate.email}>`,
      },
      {
        id: `request-accepted.${r.id}.${r.clusters[1].id}.${r.clusters[0].delegate.id}`,
        kind: 'request-accepted',
        to: `"${r.clusters[0].delegate.name}" <${r.clusters[0].delegate.email}>`,
      },
    ]);
    expect(queued.map((q) => ({ id: q.id, kind: q.kind, to: q.to })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      expected.sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(queued.every((q) => q.eventId === w.eventId)).toBe(true);
    expect(await worker.runOnce()).toMatchObject({ claimed: 6, sent: 6 });
    expect(smtp.received.map((r) => messageId(r)).sort()).toEqual(
      expected.map((e) => `<${e.id}@match.example.org>`).sort(),
    );
    const r01 = w.requests[0];
    const toReceiver = smtp.received.find(
      (r) => messageId(r) === `<request-received.${r01?.id}.${r01?.clusters[1].delegate.id}@match.example.org>`,
    );
    expect(subject(toReceiver ?? ({ raw: '' } as Received))).toContain(r01?.clusters[0].name ?? '?');
    expect(partText(parseMime(toReceiver?.raw ?? ''), 'text/plain')).toContain(r01?.note ?? '?');
    smtp.received.length = 0;
  });

  it('stores a mail only if its transaction commits, and the worker delivers it over SMTP', async () => {
    const d0 = w.clusters[0]?.delegate;
    if (!d0) throw new Error('no delegate');
    const before = (await mail.list()).map((x) => x.id);
    await expect(
      t.db.transaction(async (m) => {
        await mail.queueMagicLink(
          m,
          { email: d0.email, name: d0.name },
          'https://match.example.org/login?token=rolled-back',
          new Date(Date.now() + 900_000),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await mail.list()).map((x) => x.id)).toEqual(before);

    const id = await t.db.transaction((m) =>
      mail.queueMagicLink(
        m,
        { email: d0.email, name: d0.name },
        'https://match.example.org/login?token=abc',
        new Date(Date.now() + 900_000),
        'Spring Match',
      ),
    );
    expect((await mail.get(id)).status).toBe('pending');
    const report = await worker.runOnce();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    if (!got) throw new Error('nothing received');
    expect(got.to).toEqual([d0.email]);
    expect(got.from).toBe('team@match.example.org');
    expect(messageId(got)).toBe(`<${id}@match.example.org>`);
    expect(partText(parseMime(got.raw), 'text/plain')).toContain('https://match.example.org/login?token=abc');
    const view = await mail.get(id);
    expect(view).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(view.response).toMatch(/^250/);
    expect((await worker.runOnce()).claimed).toBe(0);
    smtp.received.length = 0;
  });

  it('sends the magic link through the outbox sender (the auth seam)', async () => {
    const d1 = w.clusters[1]?.delegate;
    if (!d1) throw new Error('no delegate');
    const message = {
      to: d1.email,
      name: d1.name,
      url: 'https://match.example.org/login?token=seam',
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    };
    const sender = t.app.get(OutboxMagicLinkSender);
    // It writes through the caller's transaction: rolled back with it.
    await expect(
      t.db.transaction(async (m) => {
        await sender.send({ ...message, url: 'https://match.example.org/login?token=rolled-back' }, m);
        throw new Error('the link was not stored');
      }),
    ).rejects.toThrow('the link was not stored');
    await t.db.transaction((m) => sender.send(message, m));
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((r) => r.to)).toEqual([[d1.email]]);
    const text = partText(parseMime(smtp.received[0]?.raw ?? ''), 'text/plain') ?? '';
    expect(text).toContain('https://match.example.org/login?token=seam');
    expect(text).toMatch(/15 minutes/);
    smtp.received.length = 0;
  });

  it('mails request received and answered to the right delegates, once per request and recipient', async () => {
    const [r01] = w.requests;
    if (!r01) throw new Error('no request');
    const [from, to] = r01.clusters;
    const count = (await mail.list()).length;
    await t.db.transaction(async (m) => {
      expect(await mail.queueRequestReceived(m, r01.id)).toBe(1);
      expect(await mail.queueRequestAnswered(m, r01.id, to.id, true)).toBe(1);
      // A decline mail is a different message from the accept mail.
      expect(await mail.queueRequestAnswered(m, r01.id, to.id, false)).toBe(1);
    });
    // The received and accepted mails were queued by the HTTP flow already (same ids): only the decline mail is new.
    expect((await mail.list()).length).toBe(count + 1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.map((r) => [r.to[0], subject(r)])).toEqual([
      [from.delegate.email, expect.stringMatching(/declined/i) as unknown as string],
    ]);
    expect(partText(parseMime(smtp.received[0]?.raw ?? ''), 'text/plain')).toContain(to.name);
    smtp.received.length = 0;
  });

  it('mails each attendee the published schedule with an .ics, then only the affected ones what changed', async () => {
    const [r01, r02, r12] = w.requests;
    if (!r01 || !r02 || !r12) throw new Error('requests missing');
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r02, slot: 1, table: 1 },
        { request: r12, slot: 2, table: 2 },
      ],
      '2027-04-01T10:00:00.000Z',
      async (m) => expect(await mail.queueSchedulePublished(m, w.eventId)).toBe(3),
    );
    // A second call (e.g. a retried hook) queues nothing new.
    await t.db.transaction(async (m) => mail.queueSchedulePublished(m, w.eventId));
    await worker.runOnce();
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(w.clusters.map((c) => c.delegate.email).sort());
    const d0 = w.clusters[0]?.delegate;
    const toD0 = smtp.received.find((r) => r.to[0] === d0?.email);
    if (!toD0 || !d0) throw new Error('no mail to delegate 0');
    const ics = leaves(parseMime(toD0.raw)).find((p) =>
      /filename="?agenda\.ics/.test(p.headers.get('content-disposition') ?? ''),
    );
    const parsed = parseIcs(ics?.body.toString('utf8') ?? '');
    expect(parsed.events.map((e) => [e.uid, e.start, e.sequence])).toEqual([
      [`${r01.id}.${d0.id}@clustermatch`, epoch(w.slots[0]?.startsAt ?? ''), 0],
      [`${r02.id}.${d0.id}@clustermatch`, epoch(w.slots[1]?.startsAt ?? ''), 0],
    ]);
    expect(partText(parseMime(toD0.raw), 'text/plain')).toContain(w.clusters[1]?.name ?? '?');
    smtp.received.length = 0;

    // Version 2: only r12 moves; delegates 1 and 2 are told, delegate 0 is not.
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r02, slot: 1, table: 1 },
        { request: r12, slot: 3, table: 2 },
      ],
      '2027-04-02T10:00:00.000Z',
      async (m) => expect(await mail.queueSchedulePublished(m, w.eventId)).toBe(2),
    );
    await worker.runOnce();
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(
      [w.clusters[1]?.delegate.email, w.clusters[2]?.delegate.email].sort(),
    );
    const d1 = w.clusters[1]?.delegate;
    const toD1 = smtp.received.find((r) => r.to[0] === d1?.email);
    const text = partText(parseMime(toD1?.raw ?? ''), 'text/plain') ?? '';
    expect(text).toMatch(/moved/i);
    const changedIcs = leaves(parseMime(toD1?.raw ?? '')).find((p) =>
      /agenda\.ics/.test(p.headers.get('content-disposition') ?? ''),
    );
    const movedEvent = parseIcs(changedIcs?.body.toString('utf8') ?? '').events.find(
      (e) => e.uid === `${r12.id}.${d1?.id}@clustermatch`,
    );
    expect(movedEvent).toMatchObject({ sequence: 1, start: epoch(w.slots[3]?.startsAt ?? '') });
    smtp.received.length = 0;
  });

  it('keeps mails while the SMTP server is down and delivers each exactly once when it is back', async () => {
    smtp.down = true;
    const ids = await t.db.transaction(async (m) => {
      const out: string[] = [];
      for (const c of w.clusters) {
        out.push(
          await mail.queueMagicLink(
            m,
            { email: c.delegate.email, name: c.delegate.name },
            'https://match.example.org/login?token=x',
            new Date(Date.now() + 900_000),
          ),
        );
      }
      return out;
    });
    const first = await worker.runOnce();
    expect(first).toMatchObject({ claimed: 3, sent: 0, retrying: 3 });
    const waiting = await t.http.get('/api/mail/outbox?status=pending').set(bearer(w.org)).expect(200);
    expect(
      (waiting.body as { id: string; attempts: number; lastError: string | null }[]).filter((x) => ids.includes(x.id)),
    ).toEqual(
      expect.arrayContaining(
        ids.map((id) =>
          expect.objectContaining({
            id,
            attempts: 1,
            lastError: expect.stringMatching(/421 Service not available/) as unknown,
          }),
        ),
      ),
    );
    await sleep(60);
    await worker.runOnce();
    expect(smtp.received).toHaveLength(0);

    smtp.down = false;
    await drain(worker, () => smtp.received.length >= 3);
    await sleep(150);
    await worker.runOnce();
    expect(smtp.received.map(messageId).sort()).toEqual(ids.map((id) => `<${id}@match.example.org>`).sort());
    for (const id of ids) expect((await mail.get(id)).status).toBe('sent');
    smtp.received.length = 0;
  });

  it('shows permanent failures to the organiser and sends a requeued mail', async () => {
    smtp.rejectWith = { code: 550, message: 'mailbox unavailable' };
    const d2 = w.clusters[2]?.delegate;
    if (!d2) throw new Error('no delegate');
    const id = await t.db.transaction((m) =>
      mail.queueMagicLink(
        m,
        { email: d2.email },
        'https://match.example.org/login?token=y',
        new Date(Date.now() + 900_000),
      ),
    );
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    smtp.rejectWith = undefined;
    const failed = await t.http.get('/api/mail/outbox?status=failed').set(bearer(w.org)).expect(200);
    expect(failed.body).toEqual([
      expect.objectContaining({
        id,
        status: 'failed',
        attempts: 1,
        to: d2.email,
        lastError: expect.stringContaining('mailbox unavailable') as unknown,
      }),
    ]);
    await t.http.get('/api/mail/outbox?status=lost').set(bearer(w.org)).expect(400);
    await t.http.get('/api/mail/outbox').set(bearer(d2.token)).expect(403);
    expect((await worker.runOnce()).claimed).toBe(0);

    const requeued = await t.http.post(`/api/mail/outbox/${id}/requeue`).set(bearer(w.org)).expect(200);
    expect(requeued.body).toMatchObject({ id, status: 'pending' });
    await t.http.post(`/api/mail/outbox/${id}/requeue`).set(bearer(w.org)).expect(409);
    await t.http.post('/api/mail/outbox/nope/requeue').set(bearer(w.org)).expect(404);
    await worker.runOnce();
    expect(smtp.received.map(messageId)).toEqual([`<${id}@match.example.org>`]);
    expect((await mail.get(id)).status).toBe('sent');
    smtp.received.length = 0;
  });

  it('sends nothing twice across a restart, and the started worker delivers what waited', async () => {
    const before = (await mail.list()).length;
    const sentBefore = (await mail.list({ status: 'sent' })).length;
    expect(sentBefore).toBe(before);
    smtp.down = true;
    const d0 = w.clusters[0]?.delegate;
    if (!d0) throw new Error('no delegate');
    const id = await t.db.transaction((m) =>
      mail.queueMagicLink(
        m,
        { email: d0.email },
        'https://match.example.org/login?token=z',
        new Date(Date.now() + 900_000),
      ),
    );
    await worker.runOnce(); // fails: the server is down
    await t.close();

    smtp.down = false;
    // Same SQLite file, worker started by the app itself, polling fast.
    await boot({ OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '20' });
    for (let i = 0; i < 200 && smtp.received.length === 0; i++) await sleep(20);
    await sleep(200);
    expect(smtp.received.map(messageId)).toEqual([`<${id}@match.example.org>`]);
    expect((await mail.list({ status: 'sent' })).length).toBe(before + 1);
    smtp.received.length = 0;
  });
});
