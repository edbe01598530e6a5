/**
 * Meeting feedback after the event (issue 11, part 1), through HTTP on SQLite and PostgreSQL: the organiser
 * opens the survey (409 before a publish and when sent twice, 422 for a past closing time); every attendee
 * gets one mail in English and Danish with a single-use sign-in link to the feedback page; attendees answer and
 * change their answers until the survey closes, each seeing only their own; the reminder goes once, after the
 * set days, only to those who have not answered every meeting. Then the mails over a real SMTP server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxMessage } from '@clustermatch/mail';
import { parseMime, partText, TestSmtpServer } from '@clustermatch/mail/testing';
import { FeedbackService } from '../src/feedback/feedback.service';
import { MeetingFeedbackEntity } from '../src/feedback/feedback.entity';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const address = (x: OutboxMessage): string => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to;
const linkIn = (text: string): URL => {
  const m = /https:\/\/match\.example\.org\/login\?token=[^\s"<>]+/.exec(text);
  if (!m) throw new Error(`no sign-in link in ${text}`);
  return new URL(m[0]);
};

describe.each(['sqlite', 'postgres'] as const)('meeting feedback on %s', (db) => {
  let t: TestApp;
  let w: World;
  let mail: MailService;
  let feedback: FeedbackService;
  let sentAt: number;
  const survey = (eventId: string): string => `/api/events/${eventId}/feedback-survey`;
  const answerUrl = (meetingId: string): string => `/api/events/${w.eventId}/meetings/${meetingId}/feedback`;
  const ids = async (): Promise<Set<string>> => new Set((await mail.messages()).map((x) => x.id));
  const newSince = async (seen: ReadonlySet<string>): Promise<OutboxMessage[]> =>
    (await mail.messages()).filter((x) => !seen.has(x.id)).sort((x, y) => address(x).localeCompare(address(y)));
  const d = (i: number): { id: string; email: string; token: string } => {
    const c = w.clusters[i];
    if (!c) throw new Error(`no cluster ${i}`);
    return c.delegate;
  };
  const req = (i: number): string => w.requests[i]?.id ?? '';

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    feedback = t.app.get(FeedbackService);
    // Four clusters; meetings 0-1, 0-2, 1-2 (cluster 3 has none).
    w = await buildWorld(t, 4);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to open the survey before a publish, to delegates, and with a bad closing time or reminder delay', async () => {
    const closesAt = new Date(Date.now() + 14 * DAY).toISOString();
    await t.http
      .post(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt, reminderAfterDays: 5 })
      .expect(409);
    await publishVersion(
      t,
      w,
      w.requests.map((request, i) => ({ request, slot: i, table: 0 })),
      new Date(Date.now() - 3 * DAY).toISOString(),
    );
    await t.http
      .post(survey(w.eventId))
      .set(...auth(d(0).token))
      .send({ closesAt, reminderAfterDays: 5 })
      .expect(403);
    const past = await t.http
      .post(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt: new Date(Date.now() - DAY).toISOString(), reminderAfterDays: 5 })
      .expect(422);
    expect(past.body.fields).toEqual([{ path: 'closesAt', code: 'future', message: 'must be in the future' }]);
    const zero = await t.http
      .post(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt, reminderAfterDays: 0 })
      .expect(400);
    expect(JSON.stringify(zero.body.fields)).toContain('reminderAfterDays');
    const state = await t.http
      .get(survey(w.eventId))
      .set(...auth(d(0).token))
      .expect(200);
    expect(state.body).toMatchObject({ state: 'not-sent', closesAt: null, attendees: null });
    // Nobody can answer before it is open.
    await t.http
      .put(answerUrl(req(0)))
      .set(...auth(d(0).token))
      .send({ held: true, usefulness: 4 })
      .expect(409);
  });

  it('mails every attendee once, in English and Danish, with a single-use sign-in link to the feedback page', async () => {
    const seen = await ids();
    const closesAt = new Date(Date.now() + 14 * DAY).toISOString();
    sentAt = Date.now();
    const res = await t.http
      .post(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt, reminderAfterDays: 5 })
      .expect(200);
    expect(res.body).toMatchObject({ state: 'open', closesAt, reminderAfterDays: 5, queued: 3, attendees: 3 });
    expect(res.body).toMatchObject({ responded: 0, answers: 0, remindedAt: null });
    const sent = await newSince(seen);
    expect(sent.map(address)).toEqual([0, 1, 2].map((i) => d(i).email).sort());
    for (const m of sent) {
      expect(m.mail.subject).toBe(
        'How did your meetings at Test conference go? / Hvordan gik dine møder på Test conference?',
      );
      expect(m.mail.text).toContain('You had 2 meetings there.');
      expect(m.mail.text).toContain('Du havde 2 møder der.');
      expect(m.mail.html).toContain('lang="en-GB"');
      const link = linkIn(m.mail.text);
      expect(link.searchParams.get('next')).toBe(`/events/${w.eventId}/feedback`);
    }
    // The link signs its owner in, once.
    const mine = sent.find((m) => address(m) === d(0).email);
    const token = linkIn(mine?.mail.text ?? '').searchParams.get('token') ?? '';
    const signedIn = await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
    const me = await t.http
      .get('/api/auth/me')
      .set(...auth(signedIn.body.accessToken))
      .expect(200);
    expect(me.body).toMatchObject({ kind: 'delegate', id: d(0).id });
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(401);
    // Opening again is refused and sends nothing.
    const again = await ids();
    await t.http
      .post(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt, reminderAfterDays: 5 })
      .expect(409);
    expect(await newSince(again)).toEqual([]);
  });

  it('takes answers from attendees, changeable, and never shows a party the other party’s answer', async () => {
    const page = await t.http
      .get(`/api/events/${w.eventId}/feedback`)
      .set(...auth(d(0).token))
      .expect(200);
    expect(page.body.survey).toMatchObject({ state: 'open', attendees: null, responded: null });
    expect(page.body.meetings.map((m: { meetingId: string }) => m.meetingId).sort()).toEqual([req(0), req(1)].sort());
    expect(page.body.meetings.every((m: { feedback: unknown }) => m.feedback === null)).toBe(true);
    const other = page.body.meetings.find((m: { meetingId: string }) => m.meetingId === req(0));
    expect(other.otherClusters).toEqual([w.clusters[1]?.name]);

    const first = await t.http
      .put(answerUrl(req(0)))
      .set(...auth(d(0).token))
      .send({ held: true, usefulness: 4, nextStep: 'visit', note: 'Secret verdict of cluster zero' })
      .expect(200);
    expect(first.body).toMatchObject({ held: true, usefulness: 4, nextStep: 'visit' });
    const changed = await t.http
      .put(answerUrl(req(0)))
      .set(...auth(d(0).token))
      .send({ held: true, usefulness: 5, nextStep: 'joint-application', note: 'Secret verdict of cluster zero' })
      .expect(200);
    expect(changed.body).toMatchObject({ usefulness: 5, nextStep: 'joint-application' });
    expect(await t.db.manager.count(MeetingFeedbackEntity, { where: { requestId: req(0) } })).toBe(1);

    // The other party of that meeting sees no answer, and nothing of cluster zero's.
    const theirs = await t.http
      .get(`/api/events/${w.eventId}/feedback`)
      .set(...auth(d(1).token))
      .expect(200);
    expect(theirs.body.meetings.find((m: { meetingId: string }) => m.meetingId === req(0)).feedback).toBeNull();
    expect(JSON.stringify(theirs.body)).not.toContain('Secret verdict');
    expect(JSON.stringify(theirs.body)).not.toContain('joint-application');

    // Not an attendee of the meeting: 404; organisers do not answer: 403.
    await t.http
      .put(answerUrl(req(2)))
      .set(...auth(d(0).token))
      .send({ held: false })
      .expect(404);
    await t.http
      .put(answerUrl(req(0)))
      .set(...auth(d(3).token))
      .send({ held: false })
      .expect(404);
    await t.http
      .put(answerUrl(req(0)))
      .set(...auth(w.org))
      .send({ held: false })
      .expect(403);

    // Inconsistent or malformed answers name the field.
    const noScore = await t.http
      .put(answerUrl(req(1)))
      .set(...auth(d(0).token))
      .send({ held: true })
      .expect(422);
    expect(noScore.body.fields).toEqual([
      { path: 'usefulness', code: expect.any(String), message: expect.stringMatching(/required/) },
    ]);
    const scoreNotHeld = await t.http
      .put(answerUrl(req(1)))
      .set(...auth(d(0).token))
      .send({ held: false, usefulness: 3 })
      .expect(422);
    expect(scoreNotHeld.body.fields[0].path).toBe('usefulness');
    for (const bad of [
      { held: true, usefulness: 6 },
      { held: true, usefulness: 3, nextStep: 'lunch' },
      { held: 'yes' },
      { held: true, usefulness: 3, note: null },
    ]) {
      const res = await t.http
        .put(answerUrl(req(1)))
        .set(...auth(d(0).token))
        .send(bad);
      expect(res.status).toBe(400);
      expect(res.body.fields.length).toBeGreaterThan(0);
    }

    const counts = await t.http
      .get(survey(w.eventId))
      .set(...auth(w.org))
      .expect(200);
    expect(counts.body).toMatchObject({ attendees: 3, responded: 1, answers: 1 });
  });

  it('reminds once, after the set days, only those who have not answered every meeting', async () => {
    // Delegate 1 answers both meetings; 0 answered one of two; 2 none.
    for (const r of [req(0), req(2)])
      await t.http
        .put(answerUrl(r))
        .set(...auth(d(1).token))
        .send({ held: false, nextStep: 'follow-up-call' })
        .expect(200);
    expect(await feedback.queueReminders(new Date(sentAt + 4 * DAY))).toBe(0);
    const seen = await ids();
    expect(await feedback.queueReminders(new Date(sentAt + 5 * DAY + 60_000))).toBe(2);
    const reminders = await newSince(seen);
    expect(reminders.map(address)).toEqual([d(0).email, d(2).email].sort());
    expect(reminders.every((m) => m.id.startsWith(`feedback-reminder.${w.eventId}.`))).toBe(true);
    expect(reminders[0]?.mail.subject).toMatch(/^Reminder: .* \/ Påmindelse: /);
    expect(linkIn(reminders[0]?.mail.text ?? '').searchParams.get('next')).toBe(`/events/${w.eventId}/feedback`);
    expect(await feedback.queueReminders(new Date(sentAt + 6 * DAY))).toBe(0);
    const state = await t.http
      .get(survey(w.eventId))
      .set(...auth(w.org))
      .expect(200);
    expect(state.body.remindedAt).not.toBeNull();
  });

  it('closes: answers can no longer change; only organisers change the survey', async () => {
    await t.http
      .patch(survey(w.eventId))
      .set(...auth(d(0).token))
      .send({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .expect(403);
    const closed = await t.http
      .patch(survey(w.eventId))
      .set(...auth(w.org))
      .send({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .expect(200);
    expect(closed.body.state).toBe('closed');
    const res = await t.http
      .put(answerUrl(req(1)))
      .set(...auth(d(0).token))
      .send({ held: true, usefulness: 2 })
      .expect(409);
    expect(res.body.message).toMatch(/closed/);
    const page = await t.http
      .get(`/api/events/${w.eventId}/feedback`)
      .set(...auth(d(0).token))
      .expect(200);
    expect(page.body.survey.state).toBe('closed');
    expect(page.body.meetings.find((m: { meetingId: string }) => m.meetingId === req(0)).feedback).toMatchObject({
      usefulness: 5,
    });
  });
});

describe('feedback mails over SMTP', () => {
  const smtp = new TestSmtpServer();
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clustermatch-feedback-'));
    const port = await smtp.start();
    Object.assign(process.env, {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Spring Match <team@match.example.org>',
      OUTBOX_WORKER: 'false',
    });
    t = await startTestApp({
      db: 'sqlite',
      config: { database: { kind: 'sqlite', file: join(dir, 'f.sqlite') }, publicUrl: 'https://match.example.org' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const k of ['SMTP_URL', 'MAIL_FROM', 'OUTBOX_WORKER']) delete process.env[k];
  });

  it('delivers the feedback mail with its link, and keeps no token in the stored copy', async () => {
    const w = await buildWorld(t, 3);
    const first = w.requests[0];
    if (!first) throw new Error('no request');
    await publishVersion(t, w, [{ request: first, slot: 0, table: 0 }], new Date().toISOString());
    await t.http
      .post(`/api/events/${w.eventId}/feedback-survey`)
      .set(...auth(w.org))
      .send({ closesAt: new Date(Date.now() + 7 * DAY).toISOString(), reminderAfterDays: 3 })
      .expect(200);
    const worker = t.app.get(MailWorkerService);
    const mail = t.app.get(MailService);
    for (let i = 0; i < 20 && (await mail.messages('pending')).length > 0; i++) await worker.runOnce();
    const textOf = (raw: string): string => partText(parseMime(raw), 'text/plain') ?? '';
    const got = smtp.received.filter((r) => /^Message-ID:\s*<feedback-request\./im.test(r.raw));
    expect(got.map((r) => r.to[0]).sort()).toEqual(
      [w.clusters[0]?.delegate.email, w.clusters[1]?.delegate.email].sort(),
    );
    const text = textOf(got[0]?.raw ?? '');
    expect(text).toContain('You had 1 meeting there.');
    expect(text).toContain('Du havde 1 møde der.');
    const token = linkIn(text).searchParams.get('token') ?? '';
    const stored = (await mail.messages()).filter((m) => m.id.startsWith('feedback-request.'));
    expect(stored.every((m) => m.status === 'sent' && !m.mail.text.includes(token))).toBe(true);
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
  });
});
