/**
 * Issue 11 with issue 19: the feedback reminder and the follow-up mails are optional mail, so they respect an
 * unsubscribe (and a bounced address) the way the mailings and nudges do, and carry the recipient's unsubscribe
 * link in English and Danish. The first feedback mail belongs to the event and still goes to everyone. Through
 * HTTP on SQLite and PostgreSQL, with the follow-ups' clock moved by the test.
 */
import type { OutboxMessage } from '@clustermatch/mail';
import { ContactPreferenceEntity } from '../src/comms/comms.entity';
import { MailingsService } from '../src/comms/mailings.service';
import { FeedbackService } from '../src/feedback/feedback.service';
import { FOLLOW_UP_CLOCK, type Clock } from '../src/follow-ups/follow-ups.service';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const address = (x: OutboxMessage): string => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to;
const unsubscribeIn = (text: string): string => {
  const m = /https:\/\/match\.example\.org\/unsubscribe\?token=([^\s"<>]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no unsubscribe link in ${text}`);
  return decodeURIComponent(m[1]);
};
const plusMonths = (iso: string, months: number): number => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

describe.each(['sqlite', 'postgres'] as const)('optional mail after the event respects unsubscribes on %s', (db) => {
  let t: TestApp;
  let w: World;
  let mail: MailService;
  let clock: Clock;
  let end: string;
  const ids = async (): Promise<Set<string>> => new Set((await mail.messages()).map((x) => x.id));
  const newSince = async (seen: ReadonlySet<string>): Promise<OutboxMessage[]> =>
    (await mail.messages()).filter((x) => !seen.has(x.id)).sort((x, y) => address(x).localeCompare(address(y)));
  const d = (i: number): World['clusters'][number]['delegate'] => {
    const c = w.clusters[i];
    if (!c) throw new Error(`no cluster ${i}`);
    return c.delegate;
  };
  const runFollowUps = async (): Promise<{ sent: number | null; skipped: number[]; mails: number }> =>
    (
      await t.http
        .post(`/api/events/${w.eventId}/follow-ups/run`)
        .set(...auth(w.org))
        .send({})
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    clock = t.app.get<Clock>(FOLLOW_UP_CLOCK);
    // Four clusters; meetings 0-1, 0-2, 1-2 (cluster 3 has none).
    w = await buildWorld(t, 4);
    end = w.slots.map((s) => s.endsAt).sort()[w.slots.length - 1] ?? '';
    await publishVersion(
      t,
      w,
      w.requests.map((request, i) => ({ request, slot: i, table: 0 })),
      new Date(Date.parse(end) - 30 * DAY).toISOString(),
    );
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('sends the feedback mail to everyone but the reminder only to those still reachable, with an unsubscribe link', async () => {
    // Delegate 0 unsubscribes (from a mailing's link); delegate 2's address bounced.
    const token0 = t.app.get(MailingsService).unsubscribeToken(d(0).id);
    await t.http.post('/api/unsubscribe').send({ token: token0 }).expect(200);
    await t.db.manager.insert(ContactPreferenceEntity, {
      delegateId: d(2).id,
      unsubscribedAt: null,
      bouncedAt: new Date().toISOString(),
      bounceReason: '550 5.1.1 user unknown',
    });

    const seen = await ids();
    const opened = await t.http
      .post(`/api/events/${w.eventId}/feedback-survey`)
      .set(...auth(w.org))
      .send({ closesAt: new Date(Date.now() + 30 * DAY).toISOString(), reminderAfterDays: 3 })
      .expect(200);
    const first = await newSince(seen);
    // The request belongs to the event: every attendee gets it, without an unsubscribe link.
    expect(first.map(address)).toEqual([d(0).email, d(1).email, d(2).email].sort());
    expect(first.every((m) => !m.mail.text.includes('/unsubscribe?token='))).toBe(true);

    // Nobody answers; after the set days only delegate 1 (reachable) is reminded.
    const sentAt = Date.parse(opened.body.sentAt as string);
    const seen2 = await ids();
    expect(await t.app.get(FeedbackService).queueReminders(new Date(sentAt + 3 * DAY + 60_000))).toBe(1);
    const reminders = await newSince(seen2);
    expect(reminders.map(address)).toEqual([d(1).email]);
    const text = reminders[0]?.mail.text ?? '';
    expect(text).toContain('No more reminders, follow-ups or mailings like this one: unsubscribe: https://');
    expect(text).toContain('Ingen flere påmindelser, opfølgninger eller udsendelser som denne: afmeld: https://');
    expect(reminders[0]?.mail.html).toContain('<a href="https://match.example.org/unsubscribe?token=');
    expect(unsubscribeIn(text)).toBe(t.app.get(MailingsService).unsubscribeToken(d(1).id));
  });

  it('asks only reachable delegates in a follow-up round; one who unsubscribes from its link gets no more', async () => {
    const at = (ms: number): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(ms));
    const seen = await ids();
    at(plusMonths(end, 3) + HOUR);
    // Clusters 0, 1 and 2 met others; 0 unsubscribed and 2 bounced: only cluster 1 is asked.
    expect(await runFollowUps()).toEqual({ sent: 3, skipped: [], mails: 1 });
    const sent = await newSince(seen);
    expect(sent.map(address)).toEqual([d(1).email]);
    const text = sent[0]?.mail.text ?? '';
    expect(text).toContain('No more follow-ups, reminders or mailings like this one: unsubscribe: https://');
    expect(text).toContain('Ingen flere opfølgninger, påmindelser eller udsendelser som denne: afmeld: https://');
    const plan = await t.http
      .get(`/api/events/${w.eventId}/follow-ups`)
      .set(...auth(w.org))
      .expect(200);
    expect(plan.body.rounds[0]).toMatchObject({ months: 3, state: 'sent', clusters: 1, mails: 1 });

    // Delegate 1 follows the mail's unsubscribe link: the 6-month round asks nobody (and is still used up).
    await t.http
      .post('/api/unsubscribe')
      .send({ token: unsubscribeIn(text) })
      .expect(200);
    const seen2 = await ids();
    at(plusMonths(end, 6) + HOUR);
    expect(await runFollowUps()).toEqual({ sent: 6, skipped: [], mails: 0 });
    expect(await newSince(seen2)).toEqual([]);

    // The bounce is cleared (the address fixed): delegate 2 is asked again at 12 months; 0 and 1 still are not.
    await t.db.manager.update(
      ContactPreferenceEntity,
      { delegateId: d(2).id },
      { bouncedAt: null, bounceReason: null },
    );
    const seen3 = await ids();
    at(plusMonths(end, 12) + HOUR);
    expect(await runFollowUps()).toEqual({ sent: 12, skipped: [], mails: 1 });
    expect((await newSince(seen3)).map(address)).toEqual([d(2).email]);
  });
});
