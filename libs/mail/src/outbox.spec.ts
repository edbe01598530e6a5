import ICAL from 'ical.js';
import { leaves, parseMime, partText } from '../test-support/mime';
import { MemoryOutboxStore } from '../test-support/memory-outbox';
import { TestSmtpServer } from '../test-support/smtp';
import type { OutboxLogEvent } from './index';
import {
  backoffDelay,
  EmlTransport,
  emlFileName,
  OutboxWorker,
  outboxEntry,
  parseSmtpUrl,
  render,
  SmtpTransport,
  toEml,
} from './index';

// A calendar as `@clustermatch/calendar` writes it (the mail library must not import that one).
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//clustermatch//agenda//EN',
  'METHOD:PUBLISH',
  'BEGIN:VEVENT',
  'UID:m1.a1@clustermatch',
  'SEQUENCE:0',
  'DTSTAMP:20270201T120000Z',
  'DTSTART:20270511T070000Z',
  'DTEND:20270511T073000Z',
  'SUMMARY:Meeting with Robotics Valley – Ærø',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const t0 = new Date(Date.UTC(2027, 4, 1, 8, 0, 0));
const at = (ms: number): Date => new Date(t0.getTime() + ms);

/** A clock the test moves by hand. */
class Clock {
  now = t0;
  readonly read = (): Date => this.now;
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

const published = render('schedule-published', {
  event: {
    name: 'Spring Match',
    venue: 'Hall 4',
    timezone: 'Europe/Berlin',
    organiserName: 'CM',
    organiserEmail: 'cm@example.org',
  },
  agenda: {
    person: { id: 'a1', name: 'Ana Berg', email: 'ana@example.org', party: 'ca', partyName: 'Agri-Food' },
    meetings: [
      {
        meetingId: 'm1',
        slotStart: '2027-05-11T09:00:00+02:00',
        slotEnd: '2027-05-11T09:30:00+02:00',
        tableName: 'Table 1',
        otherParties: ['Robotics Valley'],
        people: ['Ana Berg', 'Bo Lund'],
        status: 'confirmed',
        sequence: 0,
      },
    ],
  },
  ics,
});

async function enqueue(store: MemoryOutboxStore, ids: readonly string[], now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    for (const id of ids) {
      await store.enqueue(
        tx,
        outboxEntry({
          id,
          from: 'CM <cm@example.org>',
          to: `${id}@example.org`,
          rendered: published,
          now,
          domain: 'cm.example.org',
        }),
      );
    }
  });
}

const noJitter = (): number => 0.5;
const options = { leaseMs: 120_000, backoff: { baseMs: 30_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 } };

describe('outbox with a real SMTP server', () => {
  const server = new TestSmtpServer();
  let transport: SmtpTransport;

  beforeEach(async () => {
    server.received.length = 0;
    server.rejectWith = undefined;
    const port = await server.start();
    transport = new SmtpTransport(`smtp://127.0.0.1:${port}`, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 });
  });
  afterEach(async () => {
    transport.close();
    await server.stop();
  });

  it('delivers text, HTML and the .ics attachment, with the outbox Message-ID and Date', async () => {
    const store = new MemoryOutboxStore();
    await enqueue(store, ['msg-1'], t0);
    const clock = new Clock();
    const report = await new OutboxWorker(
      store,
      transport,
      clock.read,
      { owner: 'w1', ...options },
      noJitter,
    ).runOnce();
    expect(report).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0, leaseLost: 0 });

    expect(server.received).toHaveLength(1);
    const got = server.received[0];
    expect(got.to).toEqual(['msg-1@example.org']);
    const mime = parseMime(got.raw);
    expect(mime.headers.get('message-id')).toBe('<msg-1@cm.example.org>');
    expect(new Date(mime.headers.get('date') ?? '').getTime()).toBe(t0.getTime());
    expect(mime.headers.get('subject')).toBe('Your agenda for Spring Match');
    expect(partText(mime, 'text/plain')).toContain('Tue 11 May 2027, 09:00–09:30  Meeting with Robotics Valley');
    expect(partText(mime, 'text/html')).toContain(
      '<strong>Tue 11 May 2027, 09:00–09:30  Meeting with Robotics Valley</strong>',
    );

    const calendarPart = leaves(mime).find((l) => (l.headers.get('content-type') ?? '').startsWith('text/calendar'));
    expect(calendarPart?.headers.get('content-disposition')).toMatch(/^attachment; filename=agenda\.ics/);
    const cal = new ICAL.Component(ICAL.parse(calendarPart?.body.toString('utf8') ?? ''));
    const component = cal.getFirstSubcomponent('vevent');
    if (!component) throw new Error('no VEVENT in the attachment');
    const vevent = new ICAL.Event(component);
    expect(vevent.uid).toBe('m1.a1@clustermatch');
    expect(vevent.summary).toBe('Meeting with Robotics Valley – Ærø');
    expect(vevent.startDate.toUnixTime()).toBe(Date.parse('2027-05-11T09:00:00+02:00') / 1000);

    const [row] = await store.list();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: t0, lastError: null, interrupted: 0 });
    expect(row.response).toMatch(/^250/);
  });

  it("enqueues nothing when the caller's transaction fails", async () => {
    const store = new MemoryOutboxStore();
    await expect(
      store.transaction(async (tx) => {
        await store.enqueue(
          tx,
          outboxEntry({
            id: 'x1',
            from: 'cm@example.org',
            to: 'a@example.org',
            rendered: published,
            now: t0,
            domain: 'cm.example.org',
          }),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await store.list()).toEqual([]);
  });

  it('keeps mails while the server is down, backs off exponentially, and delivers each exactly once when it is back', async () => {
    server.down = true;
    const store = new MemoryOutboxStore();
    await enqueue(store, ['d1', 'd2'], t0);
    const clock = new Clock();
    const events: OutboxLogEvent[] = [];
    const worker = new OutboxWorker(store, transport, clock.read, { owner: 'w1', ...options }, noJitter, (e) =>
      events.push(e),
    );

    expect(await worker.runOnce()).toMatchObject({ claimed: 2, retrying: 2, sent: 0 });
    let rows = await store.list();
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt.getTime()])).toEqual([
      ['pending', 1, at(30_000).getTime()],
      ['pending', 1, at(30_000).getTime()],
    ]);
    expect(rows[0].lastError).toMatch(/421 Service not available/);

    clock.advance(29_000); // not due yet
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(1_000); // due: second attempt fails, next delay doubles
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, retrying: 2 });
    rows = await store.list();
    expect(rows.map((r) => [r.attempts, r.nextAttemptAt.getTime() - clock.now.getTime()])).toEqual([
      [2, 60_000],
      [2, 60_000],
    ]);
    expect(server.received).toHaveLength(0);

    server.down = false; // back
    clock.advance(59_999);
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    clock.advance(3_600_000);
    expect((await worker.runOnce()).claimed).toBe(0);

    expect(server.received.map((r) => r.to[0]).sort()).toEqual(['d1@example.org', 'd2@example.org']);
    rows = await store.list();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 3],
      ['sent', 3],
    ]);
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(4);
  });

  it('sends nothing twice after a restart (a new worker on the same store)', async () => {
    const store = new MemoryOutboxStore();
    await enqueue(store, ['r1', 'r2', 'r3'], t0);
    const clock = new Clock();
    const first = new OutboxWorker(store, transport, clock.read, { owner: 'before-restart', ...options }, noJitter);
    expect((await first.runOnce()).sent).toBe(3);
    await first.stop();

    clock.advance(24 * 3600_000);
    const second = new OutboxWorker(store, transport, clock.read, { owner: 'after-restart', ...options }, noJitter);
    expect((await second.runOnce()).claimed).toBe(0);
    expect(server.received).toHaveLength(3);
  });

  it('after a crash, a claimed message waits for its lease and is then sent once', async () => {
    const store = new MemoryOutboxStore();
    await enqueue(store, ['c1'], t0);
    const clock = new Clock();
    // The first worker claims and dies before sending.
    expect(await store.claim(clock.now, 'crashed', options.leaseMs, 10)).toHaveLength(1);

    const second = new OutboxWorker(store, transport, clock.read, { owner: 'second', ...options }, noJitter);
    clock.advance(options.leaseMs - 1);
    expect((await second.runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect(await second.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(server.received).toHaveLength(1);
    const [row] = await store.list();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, interrupted: 1 });
  });

  it('a crash between SMTP accept and "sent" gives one resend with the same Message-ID, counted as interrupted', async () => {
    const store = new MemoryOutboxStore();
    await enqueue(store, ['k1'], t0);
    const clock = new Clock();
    const [claimed] = await store.claim(clock.now, 'crashed', options.leaseMs, 10);
    await transport.send(claimed.mail); // the server accepted; the process died before markSent

    const crashedLate = await store.markSent(claimed.id, 'someone-else', clock.now, '250');
    expect(crashedLate).toBe(false); // only the lease holder may mark it

    clock.advance(options.leaseMs);
    const second = new OutboxWorker(store, transport, clock.read, { owner: 'second', ...options }, noJitter);
    expect((await second.runOnce()).sent).toBe(1);
    const ids = server.received.map((r) => parseMime(r.raw).headers.get('message-id'));
    expect(ids).toEqual(['<k1@cm.example.org>', '<k1@cm.example.org>']);
    const dates = server.received.map((r) => parseMime(r.raw).headers.get('date'));
    expect(dates[0]).toBe(dates[1]);
    const [row] = await store.list();
    expect(row.interrupted).toBe(1);
    expect(row.lastError).toMatch(/interrupted/);
  });

  it('a permanent rejection (5xx) fails at once, visibly, and can be requeued', async () => {
    server.rejectWith = { code: 550, message: 'mailbox unavailable' };
    const store = new MemoryOutboxStore();
    await enqueue(store, ['p1'], t0);
    const clock = new Clock();
    const worker = new OutboxWorker(store, transport, clock.read, { owner: 'w', ...options }, noJitter);
    expect(await worker.runOnce()).toMatchObject({ failed: 1, retrying: 0 });
    const failed = await store.list({ status: 'failed' });
    expect(failed.map((r) => r.id)).toEqual(['p1']);
    expect(failed[0].lastError).toMatch(/550|mailbox unavailable/);

    server.rejectWith = undefined;
    expect(await store.requeue('p1', clock.now)).toBe(true);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(server.received).toHaveLength(1);
    expect(await store.list({ status: 'failed' })).toEqual([]);
  });

  it('gives up after maxAttempts when the server stays down', async () => {
    await server.stop();
    const store = new MemoryOutboxStore();
    await enqueue(store, ['g1'], t0);
    const clock = new Clock();
    const worker = new OutboxWorker(store, transport, clock.read, { owner: 'w', ...options, maxAttempts: 3 }, noJitter);
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      clock.advance(3_600_000);
    }
    const [row] = await store.list();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('start() polls and delivers; stop() waits for the send in progress', async () => {
    const store = new MemoryOutboxStore();
    const clock = new Clock();
    const worker = new OutboxWorker(
      store,
      transport,
      clock.read,
      { owner: 'poller', ...options, pollMs: 20 },
      noJitter,
    );
    worker.start();
    await enqueue(store, ['s1'], t0);
    for (let i = 0; i < 200 && server.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(server.received).toHaveLength(1);
    expect((await store.list())[0].status).toBe('sent');
  });
});

describe('backoffDelay', () => {
  const b = { baseMs: 1000, factor: 2, maxMs: 10_000, jitter: 0.2 };
  it('doubles per attempt, is capped, and spreads by the jitter fraction', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, b, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffDelay(2, b, () => 0)).toBe(1600);
    expect(backoffDelay(2, b, () => 1)).toBe(2400);
  });
});

describe('.eml output (no SMTP_URL)', () => {
  it('writes the raw mail under a name from its Message-ID; a retry overwrites the same file', async () => {
    const store = new MemoryOutboxStore();
    await enqueue(store, ['e1'], t0);
    const files = new Map<string, Buffer>();
    const writes: string[] = [];
    const transport = new EmlTransport(async (name, bytes) => {
      writes.push(name);
      files.set(name, bytes);
    });
    const [row] = await store.list();
    await transport.send(row.mail);
    await transport.send(row.mail);
    expect(writes).toEqual(['e1_cm.example.org.eml', 'e1_cm.example.org.eml']);
    expect(emlFileName(row.mail)).toBe('e1_cm.example.org.eml');

    const raw = (files.get('e1_cm.example.org.eml') ?? Buffer.alloc(0)).toString('utf8');
    const mime = parseMime(raw);
    expect(mime.headers.get('message-id')).toBe('<e1@cm.example.org>');
    expect(mime.headers.get('to')).toBe('e1@example.org');
    expect(partText(mime, 'text/plain')).toContain('Meeting with Robotics Valley');
    const calendar = leaves(mime).find((l) => (l.headers.get('content-type') ?? '').startsWith('text/calendar'));
    expect(
      new ICAL.Component(ICAL.parse(calendar?.body.toString('utf8') ?? ''))
        .getFirstSubcomponent('vevent')
        ?.getFirstPropertyValue('uid'),
    ).toBe('m1.a1@clustermatch');
    expect((await toEml(row.mail)).toString('utf8')).toContain('Message-ID: <e1@cm.example.org>');
  });

  it('sends an invitation as the text/calendar alternative with its method', async () => {
    const invite = ics.replace('METHOD:PUBLISH', 'METHOD:REQUEST');
    const entry = outboxEntry({
      id: 'i1',
      from: 'cm@example.org',
      to: 'ana@example.org',
      rendered: published,
      invitation: { method: 'REQUEST', content: invite },
      now: t0,
      domain: 'cm.example.org',
    });
    const mime = parseMime((await toEml(entry.mail)).toString('utf8'));
    const alt = leaves(mime).find((l) => /^text\/calendar.*method=REQUEST/i.test(l.headers.get('content-type') ?? ''));
    expect(alt?.body.toString('utf8')).toContain('METHOD:REQUEST');
  });
});

describe('SMTP_URL', () => {
  it('accepts smtp and smtps URLs and names the variable on error', () => {
    expect(parseSmtpUrl('smtp://user:p%40ss@mail.example.org:587').hostname).toBe('mail.example.org');
    expect(() => parseSmtpUrl('mail.example.org')).toThrow(/^SMTP_URL: not a URL/);
    expect(() => parseSmtpUrl('http://mail.example.org')).toThrow(/^SMTP_URL: protocol must be smtp: or smtps:/);
  });
});
