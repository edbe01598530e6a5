/**
 * The event-evaluation survey (issue 11, part 2), through HTTP on SQLite and PostgreSQL: the organiser's
 * questions (EN and DA; options checked per kind), named in the feedback mail; attendees answer while the feedback
 * survey is open, each answer checked against its question; the results equal a count made here; delegates never
 * read the results, and the questions freeze once anyone has answered.
 */
import type { OutboxMessage } from '@clustermatch/mail';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

const QUESTIONS = [
  { kind: 'scale', text: { en: 'How was the venue?', da: 'Hvordan var stedet?' } },
  {
    kind: 'single',
    text: { en: 'Will you come again?', da: 'Kommer du igen?' },
    options: [
      { en: 'Yes', da: 'Ja' },
      { en: 'No', da: 'Nej' },
      { en: 'Maybe', da: 'Måske' },
    ],
  },
  {
    kind: 'multiple',
    text: { en: 'What worked?', da: 'Hvad fungerede?' },
    options: [
      { en: 'Matchmaking', da: 'Matchmaking' },
      { en: 'Food', da: 'Mad' },
      { en: 'Talks', da: 'Oplæg' },
    ],
  },
  { kind: 'text', text: { en: 'Anything else?', da: 'Andet?' } },
];

describe.each(['sqlite', 'postgres'] as const)('event evaluation on %s', (db) => {
  let t: TestApp;
  let w: World;
  const ev = (path = ''): string => `/api/events/${w.eventId}/evaluation${path}`;
  const token = (i: number): string => w.clusters[i]?.delegate.token ?? '';
  let ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    w = await buildWorld(t, 4);
    // Meetings 0-1 and 1-2 published: attendees 0, 1, 2 (3 is not one).
    const [r01, , r12] = w.requests;
    if (!r01 || !r12) throw new Error('world');
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r12, slot: 1, table: 0 },
      ],
      new Date(Date.now() - DAY).toISOString(),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes the organiser’s questions, refusing options that do not fit the kind, and only from organisers', async () => {
    const bad = await t.http
      .put(ev('/questions'))
      .set(...auth(w.org))
      .send({
        questions: [QUESTIONS[0], { kind: 'single', text: { en: 'A?', da: 'A?' }, options: [{ en: 'x', da: 'x' }] }],
      })
      .expect(422);
    expect(bad.body.fields).toEqual([
      { path: 'questions[1].options', code: 'unknown', message: 'needs 2 to 10 options' },
    ]);
    const missingDa = await t.http
      .put(ev('/questions'))
      .set(...auth(w.org))
      .send({ questions: [{ kind: 'text', text: { en: 'Only English' } }] })
      .expect(400);
    expect(JSON.stringify(missingDa.body.fields)).toContain('questions[0].text.da');
    await t.http
      .put(ev('/questions'))
      .set(...auth(token(0)))
      .send({ questions: QUESTIONS })
      .expect(403);
    const saved = await t.http
      .put(ev('/questions'))
      .set(...auth(w.org))
      .send({ questions: QUESTIONS })
      .expect(200);
    ids = saved.body.questions.map((q: { id: string }) => q.id);
    expect(saved.body.questions.map((q: { kind: string; text: { da: string } }) => [q.kind, q.text.da])).toEqual(
      QUESTIONS.map((q) => [q.kind, q.text.da]),
    );
    const seen = await t.http
      .get(ev())
      .set(...auth(token(3)))
      .expect(200);
    expect(seen.body.questions).toHaveLength(4);
    expect(seen.body.answers).toEqual([]);
  });

  it('names the evaluation in the feedback mail and takes answers only from attendees while the survey is open', async () => {
    const [scale, single, multiple, text] = ids;
    const answers = [
      { questionId: scale, scale: 4 },
      { questionId: single, option: 2 },
      { questionId: multiple, options: [2, 0] },
      { questionId: text, text: 'More coffee & <b>tea</b>' },
    ];
    await t.http
      .put(ev('/answers'))
      .set(...auth(token(0)))
      .send({ answers })
      .expect(409);
    await t.http
      .post(`/api/events/${w.eventId}/feedback-survey`)
      .set(...auth(w.org))
      .send({ closesAt: new Date(Date.now() + 7 * DAY).toISOString(), reminderAfterDays: 3 })
      .expect(200);
    const mails = (await t.app.get(MailService).messages()).filter((m: OutboxMessage) =>
      m.id.startsWith('feedback-request.'),
    );
    expect(mails).toHaveLength(3);
    expect(mails.every((m) => m.mail.text.includes('about the event itself: 4 questions.'))).toBe(true);

    const mine = await t.http
      .put(ev('/answers'))
      .set(...auth(token(0)))
      .send({ answers })
      .expect(200);
    expect(mine.body.answers).toEqual(
      expect.arrayContaining([
        { questionId: scale, scale: 4 },
        { questionId: multiple, options: [0, 2] },
        { questionId: text, text: 'More coffee & <b>tea</b>' },
      ]),
    );
    // Changing an answer replaces it.
    await t.http
      .put(ev('/answers'))
      .set(...auth(token(0)))
      .send({ answers: [{ questionId: scale, scale: 5 }] })
      .expect(200);
    await t.http
      .put(ev('/answers'))
      .set(...auth(token(1)))
      .send({
        answers: [
          { questionId: scale, scale: 2 },
          { questionId: single, option: 0 },
          { questionId: multiple, options: [0] },
        ],
      })
      .expect(200);
    await t.http
      .put(ev('/answers'))
      .set(...auth(token(2)))
      .send({
        answers: [
          { questionId: scale, scale: 3 },
          { questionId: text, text: '  ' },
        ],
      })
      .expect(200);
    // Cluster 3 had no meeting; organisers do not answer.
    await t.http
      .put(ev('/answers'))
      .set(...auth(token(3)))
      .send({ answers: [{ questionId: scale, scale: 1 }] })
      .expect(403);
    await t.http
      .put(ev('/answers'))
      .set(...auth(w.org))
      .send({ answers: [] })
      .expect(403);
    // Answers that do not fit their question name the field.
    for (const [body, path] of [
      [{ questionId: scale, option: 1 }, 'answers[0].scale'],
      [{ questionId: single, option: 3 }, 'answers[0].option'],
      [{ questionId: multiple, options: [1, 1] }, 'answers[0].options'],
      [{ questionId: 'nope', text: 'x' }, 'answers[0].questionId'],
    ] as const) {
      const res = await t.http
        .put(ev('/answers'))
        .set(...auth(token(1)))
        .send({ answers: [body] })
        .expect(422);
      expect(res.body.fields[0].path).toBe(path);
    }
    const scale6 = await t.http
      .put(ev('/answers'))
      .set(...auth(token(1)))
      .send({ answers: [{ questionId: scale, scale: 6 }] })
      .expect(400);
    expect(JSON.stringify(scale6.body.fields)).toContain('answers[0].scale');
  });

  it('gives organisers results equal to a count of the answers; delegates get 403; the questions are frozen', async () => {
    await t.http
      .get(ev('/results'))
      .set(...auth(token(0)))
      .expect(403);
    const res = await t.http
      .get(ev('/results'))
      .set(...auth(w.org))
      .expect(200);
    expect(res.body).toMatchObject({ attendees: 3, respondents: 3 });
    const [q1, q2, q3, q4] = res.body.questions;
    // Scale: 5 (changed from 4), 2, 3.
    expect(q1.counts.map((c: { count: number }) => c.count)).toEqual([0, 1, 1, 0, 1]);
    expect(q1).toMatchObject({ answered: 3, mean: 3.33 });
    expect(q2.counts.map((c: { count: number }) => c.count)).toEqual([1, 0, 1]);
    expect(q2.counts[2].label).toEqual({ en: 'Maybe', da: 'Måske' });
    expect(q3.counts.map((c: { count: number }) => c.count)).toEqual([2, 0, 1]);
    expect(q3.answered).toBe(2);
    expect(q4).toMatchObject({ answered: 2, texts: ['More coffee & <b>tea</b>'], mean: null });

    const frozen = await t.http
      .put(ev('/questions'))
      .set(...auth(w.org))
      .send({ questions: QUESTIONS.slice(0, 1) })
      .expect(409);
    expect(frozen.body.message).toMatch(/answered/);
  });
});
