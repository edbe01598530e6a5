/**
 * Issue 19, the automatic nudges of the booking phase, on SQLite and PostgreSQL, with the service's
 * clock moved by the test (no sleeps): each nudge only when switched on; nobody gets the same nudge
 * twice within its interval; the last call once, a set time before the deadline; nothing after the
 * deadline; unsubscribed delegates get no nudges but still get their agenda; the mails reach a real
 * SMTP server on 127.0.0.1 in the recipient's language with escaped names.
 */
import { parseMime, partText, TestSmtpServer } from '@clustermatch/mail/testing';
import { CLOCK, type Clock } from '../src/comms/nudges.service';
import { MailingsService } from '../src/comms/mailings.service';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(['sqlite', 'postgres'] as const)('nudges during the booking phase (%s)', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let w: World;
  let clock: Clock;
  let start: number;
  const auth = (): [string, string] => ['Authorization', `Bearer ${w.org}`];
  const at = (ms: number): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(start + ms));
  const run = async (ms: number): Promise<{ noMeeting: number; unanswered: number; lastCall: number }> => {
    at(ms);
    return (
      await t.http
        .post(`/api/events/${w.eventId}/nudges/run`)
        .set(...auth())
        .send({})
        .expect(200)
    ).body;
  };
  const settings = {
    noMeetingEnabled: true,
    noMeetingEveryDays: 3,
    unansweredEnabled: true,
    unansweredAfterDays: 2,
    lastCallEnabled: true,
    lastCallHours: 48,
  };
  const delegate = (i: number): World['clusters'][number]['delegate'] => {
    const d = w.clusters[i]?.delegate;
    if (!d) throw new Error(`no cluster ${i}`);
    return d;
  };
  const nudgedTo = async (kind: string, since: Set<string>): Promise<string[]> =>
    (await t.app.get(MailService).list({ limit: 10_000 }))
      .filter((m) => m.kind === kind && !since.has(m.id))
      .map((m) => /<([^<>]+)>$/.exec(m.to)?.[1] ?? m.to)
      .sort();
  const outboxIds = async (): Promise<Set<string>> =>
    new Set((await t.app.get(MailService).list({ limit: 10_000 })).map((m) => m.id));

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Match <team@match.example.org>' });
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    clock = t.app.get<Clock>(CLOCK);
    // Clusters 0, 1, 2 have accepted meetings (0-1, 0-2, 1-2); 3 and 4 have none.
    w = await buildWorld(t, 5);
    // Cluster 3 ("Fjord & <Sons>") asks 4 (in Denmark) and 0; neither answers.
    await t.http
      .patch(`/api/clusters/${w.clusters[3]?.id}`)
      .set(...auth())
      .send({ name: 'Fjord & <Sons>' })
      .expect(200);
    await t.http
      .patch(`/api/clusters/${w.clusters[4]?.id}`)
      .set(...auth())
      .send({ country: 'DK' })
      .expect(200);
    for (const to of [4, 0])
      await t.http
        .post(`/api/events/${w.eventId}/requests`)
        .set('Authorization', `Bearer ${delegate(3).token}`)
        .send({ receiverClusterIds: [w.clusters[to]?.id], interest: 4, delegateIds: [delegate(3).id] })
        .expect(201);
    start = Date.now();
    await t.http
      .patch(`/api/events/${w.eventId}`)
      .set(...auth())
      .send({ requestDeadline: new Date(start + 10 * DAY).toISOString() })
      .expect(200);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('are off until the organiser switches them on; settings are validated naming the field', async () => {
    const res = await t.http
      .get(`/api/events/${w.eventId}/nudges`)
      .set(...auth())
      .expect(200);
    expect(res.body).toMatchObject({ noMeetingEnabled: false, unansweredEnabled: false, lastCallEnabled: false });
    expect(res.body.updatedAt).toBeNull();
    expect(await run(9 * DAY)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    const bad = await t.http
      .put(`/api/events/${w.eventId}/nudges`)
      .set(...auth())
      .send({ ...settings, unansweredAfterDays: 0 })
      .expect(400);
    expect(bad.body.fields[0].path).toBe('unansweredAfterDays');
    at(0);
    const saved = await t.http
      .put(`/api/events/${w.eventId}/nudges`)
      .set(...auth())
      .send(settings)
      .expect(200);
    expect(saved.body).toMatchObject({ ...settings, updatedAt: new Date(start).toISOString() });
  });

  it('nudge each person at most once within the interval, a last call once before the deadline, none after it', async () => {
    let seen = await outboxIds();
    expect(await run(1 * HOUR)).toEqual({ noMeeting: 2, unanswered: 0, lastCall: 0 });
    expect(await nudgedTo('nudge-no-meeting', seen)).toEqual([delegate(3).email, delegate(4).email].sort());
    // The same moment again, and a day later: nothing new (within 3 days).
    expect(await run(1 * HOUR)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    expect(await run(1 * DAY)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    // After two days the requests have waited long enough: their receivers (4 and 0) are nudged.
    seen = await outboxIds();
    expect(await run(2 * DAY + HOUR)).toEqual({ noMeeting: 0, unanswered: 2, lastCall: 0 });
    expect(await nudgedTo('nudge-unanswered', seen)).toEqual([delegate(0).email, delegate(4).email].sort());
    expect(await run(3 * DAY + 2 * HOUR)).toEqual({ noMeeting: 2, unanswered: 0, lastCall: 0 });
    expect(await run(4 * DAY + 2 * HOUR)).toEqual({ noMeeting: 0, unanswered: 2, lastCall: 0 });

    // Delegate 1 unsubscribes: no more nudges, but the agenda still comes.
    const token = t.app.get(MailingsService).unsubscribeToken(delegate(1).id);
    await t.http.post('/api/unsubscribe').send({ token }).expect(200);
    const [r01, r02, r12] = w.requests;
    if (!r01 || !r02 || !r12) throw new Error('world has too few requests');
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r02, slot: 1, table: 1 },
        { request: r12, slot: 2, table: 0 },
      ],
      new Date(start + 5 * DAY).toISOString(),
    );
    seen = await outboxIds();
    await t.http
      .post(`/api/events/${w.eventId}/schedule/published/send-agendas`)
      .set(...auth())
      .send({})
      .expect(200);
    expect(await nudgedTo('schedule-published', seen)).toContain(delegate(1).email);

    // 48 hours before the deadline: the last call to everyone who has not unsubscribed, once.
    seen = await outboxIds();
    expect(await run(8 * DAY + 1 * HOUR)).toEqual({ noMeeting: 2, unanswered: 2, lastCall: 4 });
    expect(await nudgedTo('nudge-last-call', seen)).toEqual([0, 2, 3, 4].map((i) => delegate(i).email).sort());
    expect(await run(8 * DAY + 2 * HOUR)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    // After the deadline nothing goes out, though the intervals have passed.
    expect(await run(10 * DAY + HOUR)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    expect(await run(13 * DAY)).toEqual({ noMeeting: 0, unanswered: 0, lastCall: 0 });
    // Nobody got two nudges of one kind within its interval.
    const sent = (await t.app.get(MailService).list({ limit: 10_000 })).filter((m) => m.kind.startsWith('nudge-'));
    expect(sent.some((m) => m.to.includes(delegate(1).email))).toBe(false);
    expect(sent.filter((m) => m.kind === 'nudge-last-call')).toHaveLength(4);
  });

  it('reach the SMTP server in the recipient language, names escaped, with an unsubscribe link', async () => {
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).claimed === 0) break;
    const toDk = smtp.received.filter((r) => r.to.includes(delegate(4).email));
    const dkUnanswered = toDk.find((r) => (partText(parseMime(r.raw), 'text/plain') ?? '').includes('venter på svar'));
    const text = partText(parseMime(dkUnanswered?.raw ?? ''), 'text/plain') ?? '';
    const html = partText(parseMime(dkUnanswered?.raw ?? ''), 'text/html') ?? '';
    expect(text).toContain('- Fjord & <Sons>');
    expect(html).toContain('<li>Fjord &amp; &lt;Sons&gt;</li>');
    expect(html).not.toContain('<Sons>');
    expect(text).toMatch(/afmeld: https:\/\/match\.example\.org\/unsubscribe\?token=/);
    // Delegate 3's cluster has no meeting: the nudge in English.
    const toThree = smtp.received.find(
      (r) =>
        r.to.includes(delegate(3).email) &&
        (partText(parseMime(r.raw), 'text/plain') ?? '').includes('has no accepted meeting'),
    );
    const three = partText(parseMime(toThree?.raw ?? ''), 'text/plain') ?? '';
    expect(three).toContain('Fjord & <Sons> has no accepted meeting at');
    // The cluster's best recommendations (issue 12's service), without the clusters it has already asked.
    const best = /Clusters that may suit you:\n((?:- .*\n?)+)/.exec(three.replace(/\r\n/g, '\n'))?.[1] ?? '';
    expect(best).toMatch(/^- Cluster 00[12]: \S/m);
    expect(best).not.toMatch(/Cluster 00[04]/);
    expect(three).toContain(`https://match.example.org/login?email=${encodeURIComponent(delegate(3).email)}`);
  });
});
