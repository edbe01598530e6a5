/**
 * Follow-ups over years and relationships (issue 11, parts 3 and 4), through HTTP on SQLite and PostgreSQL, with
 * the service's clock moved by the test (months pass without waiting): the default plan (3, 6, 12, 36 months) and
 * the organiser's own; each round sent once, through the outbox, in English and Danish, with a sign-in link to the
 * follow-up page, to each cluster's delegates of the time (a delegate who left gets nothing, the one who came
 * does); answers belong to the cluster and survive the turnover; rounds due together (the service was stopped)
 * send only the latest; a delegate reads and answers for their own cluster only; the relationships page lists
 * every cluster met in any event, with the cluster's own feedback, follow-up and collaborations; the impact report
 * counts the answers. Then the mails over a real SMTP server.
 */
import type { OutboxMessage } from '@clustermatch/mail';
import { parseMime, partText, TestSmtpServer } from '@clustermatch/mail/testing';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { FOLLOW_UP_CLOCK, type Clock } from '../src/follow-ups/follow-ups.service';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const address = (x: OutboxMessage): string => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to;
const linkIn = (text: string): URL => {
  const m = /https:\/\/match\.example\.org\/login\?token=[^\s"<>]+/.exec(text);
  if (!m) throw new Error(`no sign-in link in ${text}`);
  return new URL(m[0]);
};
/** `months` calendar months after `iso`, in UTC. */
const plusMonths = (iso: string, months: number): number => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

describe.each(['sqlite', 'postgres'] as const)('follow-ups and relationships on %s', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let w: World;
  let mail: MailService;
  let clock: Clock;
  let end: string;
  let newcomer: { id: string; email: string };
  const at = (ms: number): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(ms));
  const ids = async (): Promise<Set<string>> => new Set((await mail.messages()).map((x) => x.id));
  const newSince = async (seen: ReadonlySet<string>): Promise<OutboxMessage[]> =>
    (await mail.messages()).filter((x) => !seen.has(x.id)).sort((x, y) => address(x).localeCompare(address(y)));
  const c = (i: number): World['clusters'][number] => {
    const x = w.clusters[i];
    if (!x) throw new Error(`no cluster ${i}`);
    return x;
  };
  const plan = (): string => `/api/events/${w.eventId}/follow-ups`;
  const page = (i: number): string => `/api/events/${w.eventId}/clusters/${c(i).id}/follow-up`;
  const run = async (): Promise<{ sent: number | null; skipped: number[]; mails: number }> =>
    (
      await t.http
        .post(`${plan()}/run`)
        .set(...auth(w.org))
        .send({})
        .expect(200)
    ).body;

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Match <team@match.example.org>' });
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    clock = t.app.get<Clock>(FOLLOW_UP_CLOCK);
    // Four clusters; meetings 0-1, 0-2, 1-2 (cluster 3 has none).
    w = await buildWorld(t, 4);
    const slots = w.slots.map((s) => s.endsAt).sort();
    end = slots[slots.length - 1] ?? '';
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('has the default plan, is for organisers, validates the months, and asks nobody before a publish', async () => {
    const res = await t.http
      .get(plan())
      .set(...auth(w.org))
      .expect(200);
    expect(res.body).toMatchObject({ months: [3, 6, 12, 36], isDefault: true, eventEndsAt: end, relationships: 0 });
    expect(res.body.rounds.map((r: { months: number; state: string }) => [r.months, r.state])).toEqual([
      [3, 'scheduled'],
      [6, 'scheduled'],
      [12, 'scheduled'],
      [36, 'scheduled'],
    ]);
    expect(res.body.rounds[0].dueAt).toBe(new Date(plusMonths(end, 3)).toISOString());
    await t.http
      .get(plan())
      .set(...auth(c(0).delegate.token))
      .expect(403);
    for (const months of [[], [0], [121], [3, 'x'], Array.from({ length: 11 }, (_, i) => i + 1)]) {
      const bad = await t.http
        .put(plan())
        .set(...auth(w.org))
        .send({ months })
        .expect(400);
      expect(JSON.stringify(bad.body.fields)).toContain('months');
    }
    const twice = await t.http
      .put(plan())
      .set(...auth(w.org))
      .send({ months: [6, 6] })
      .expect(422);
    expect(twice.body.fields).toEqual([{ path: 'months', code: 'unknown', message: 'must not repeat a month' }]);
    // Long after the event, but nothing published: no round is used up.
    at(plusMonths(end, 4));
    expect(await run()).toEqual({ sent: null, skipped: [], mails: 0 });
    await publishVersion(
      t,
      w,
      w.requests.map((request, i) => ({ request, slot: i, table: 0 })),
      new Date(Date.parse(end) - 30 * 86_400_000).toISOString(),
    );
  });

  it('sends each round once, in English and Danish, to the delegates of every cluster that met others', async () => {
    at(plusMonths(end, 3) - HOUR);
    expect(await run()).toEqual({ sent: null, skipped: [], mails: 0 });
    const seen = await ids();
    at(plusMonths(end, 3) + HOUR);
    expect(await run()).toEqual({ sent: 3, skipped: [], mails: 3 });
    expect(await run()).toEqual({ sent: null, skipped: [], mails: 0 });
    const sent = await newSince(seen);
    expect(sent.map(address)).toEqual([0, 1, 2].map((i) => c(i).delegate.email).sort());
    const toOne = sent.find((m) => address(m) === c(1).delegate.email);
    expect(toOne?.mail.subject).toBe(
      'Test conference, 3 months on: what came of your meetings? / Test conference, 3 måneder efter: hvad kom der ud af jeres møder?',
    );
    expect(toOne?.mail.text).toContain(`There, ${c(1).name} met 2 clusters:`);
    expect(toOne?.mail.text).toContain(`Der mødte ${c(1).name} 2 klynger:`);
    expect(toOne?.mail.text).toContain(`> ${c(0).name} (DE)`);
    expect(toOne?.mail.text).toContain(`> ${c(2).name} (ES)`);
    expect(toOne?.mail.text).not.toContain(c(3).name);
    const link = linkIn(toOne?.mail.text ?? '');
    expect(link.searchParams.get('next')).toBe(`/events/${w.eventId}/follow-up`);
    // The link signs the delegate of cluster 1 in, who answers for the cluster.
    const signedIn = await t.http
      .post('/api/auth/magic-link/verify')
      .send({ token: link.searchParams.get('token') })
      .expect(200);
    const token = signedIn.body.accessToken as string;
    const mine = await t.http
      .get(page(1))
      .set(...auth(token))
      .expect(200);
    expect(mine.body).toMatchObject({ eventId: w.eventId, eventName: 'Test conference', clusterId: c(1).id, round: 3 });
    expect(
      mine.body.relationships.map((r: { clusterId: string; meetings: number }) => [r.clusterId, r.meetings]),
    ).toEqual([
      [c(0).id, 1],
      [c(2).id, 1],
    ]);
    const saved = await t.http
      .put(`${page(1)}/${c(0).id}`)
      .set(...auth(token))
      .send({ outcome: 'collaboration', note: 'Joint application in May' })
      .expect(200);
    expect(saved.body).toMatchObject({ months: 3, outcome: 'collaboration', note: 'Joint application in May' });
    // Changing it replaces the answer of the round.
    await t.http
      .put(`${page(1)}/${c(2).id}`)
      .set(...auth(token))
      .send({ outcome: 'nothing' })
      .expect(200);
    await t.http
      .put(`${page(1)}/${c(2).id}`)
      .set(...auth(token))
      .send({ outcome: 'in-contact' })
      .expect(200);
    const bad = await t.http
      .put(`${page(1)}/${c(2).id}`)
      .set(...auth(token))
      .send({ outcome: 'maybe' })
      .expect(400);
    expect(bad.body.fields[0].path).toBe('outcome');
    // Cluster 3 never met cluster 1 there; another cluster's page and answers are not cluster 1's to see or give.
    await t.http
      .put(`${page(1)}/${c(3).id}`)
      .set(...auth(token))
      .send({ outcome: 'nothing' })
      .expect(404);
    await t.http
      .get(page(0))
      .set(...auth(token))
      .expect(403);
    await t.http
      .put(`${page(0)}/${c(1).id}`)
      .set(...auth(token))
      .send({ outcome: 'nothing' })
      .expect(403);
    // The organiser sees the answers counted.
    const p = await t.http
      .get(plan())
      .set(...auth(w.org))
      .expect(200);
    expect(p.body.relationships).toBe(6);
    expect(p.body.rounds[0]).toMatchObject({ months: 3, state: 'sent', clusters: 3, mails: 3, answered: 2 });
    expect(p.body.rounds[1]).toMatchObject({ months: 6, state: 'scheduled', answered: 0 });
  });

  it("asks the cluster's delegates of the time: the answers stay with the cluster when its delegate leaves", async () => {
    const added = await t.http
      .post(`/api/clusters/${c(1).id}/delegates`)
      .set(...auth(w.org))
      .send({ name: 'Newcomer Nielsen', email: 'newcomer@cluster1.example.org', role: 'Manager' })
      .expect(201);
    newcomer = { id: added.body.id, email: added.body.email };
    // The old delegate leaves. The API refuses to remove a delegate of accepted requests, so the test removes the
    // record as an erasure would (its sign-in links and request attendance go with it).
    await t.db.manager.delete(DelegateEntity, { id: c(1).delegate.id });
    const seen = await ids();
    at(plusMonths(end, 6) + HOUR);
    expect(await run()).toEqual({ sent: 6, skipped: [], mails: 3 });
    const sent = await newSince(seen);
    expect(sent.map(address)).toEqual([c(0).delegate.email, c(2).delegate.email, newcomer.email].sort());
    const token = await t.delegateToken(newcomer.id);
    const mine = await t.http
      .get(page(1))
      .set(...auth(token))
      .expect(200);
    expect(mine.body.round).toBe(6);
    const zero = mine.body.relationships.find((r: { clusterId: string }) => r.clusterId === c(0).id);
    expect(zero.answers).toEqual([
      expect.objectContaining({ months: 3, outcome: 'collaboration', note: 'Joint application in May' }),
    ]);
    // The newcomer records the collaboration for the cluster; it shows on the page of both partners.
    await t.http
      .post(`/api/clusters/${c(1).id}/collaborations`)
      .set(...auth(token))
      .send({
        eventId: w.eventId,
        type: 'application',
        status: 'running',
        title: 'Interreg application',
        partners: [{ clusterId: c(0).id, companies: 4, smes: 3 }],
        newIdeas: 2,
      })
      .expect(201);
    await t.http
      .put(`${page(1)}/${c(0).id}`)
      .set(...auth(token))
      .send({ outcome: 'collaboration' })
      .expect(200);
    const other = await t.http
      .get(page(0))
      .set(...auth(c(0).delegate.token))
      .expect(200);
    const withOne = other.body.relationships.find((r: { clusterId: string }) => r.clusterId === c(1).id);
    expect(withOne.collaborations.map((x: { title: string }) => x.title)).toEqual(['Interreg application']);
    // Cluster 0's own answers are its own: cluster 1's do not show there.
    expect(withOne.answers).toEqual([]);
  });

  it('sends only the latest of several rounds due together, and keeps rounds sent when the plan changes', async () => {
    at(plusMonths(end, 40));
    expect(await run()).toEqual({ sent: 36, skipped: [12], mails: 3 });
    expect(await run()).toEqual({ sent: null, skipped: [], mails: 0 });
    const changed = await t.http
      .put(plan())
      .set(...auth(w.org))
      .send({ months: [48, 24] })
      .expect(200);
    expect(changed.body).toMatchObject({ months: [24, 48], isDefault: false });
    expect(changed.body.rounds.map((r: { months: number; state: string }) => [r.months, r.state])).toEqual([
      [3, 'sent'],
      [6, 'sent'],
      [12, 'skipped'],
      [24, 'due'],
      [36, 'sent'],
      [48, 'scheduled'],
    ]);
    // 24 months is due but a later round was already sent: it is skipped, nothing goes out.
    expect(await run()).toEqual({ sent: null, skipped: [24], mails: 0 });
  });

  it('shows a cluster every cluster it met in any event, with its own feedback, follow-up and collaborations', async () => {
    // A second event where clusters 0 and 1 meet again.
    const ev = await t.http
      .post('/api/events')
      .set(...auth(w.org))
      .send({
        name: 'Second conference',
        venue: 'Hall 2',
        timezone: 'Europe/Berlin',
        requestDeadline: '2099-01-01T00:00:00Z',
        days: [{ date: '2028-05-11', startTime: '09:00', endTime: '10:00', meetingMinutes: 30, breaks: [] }],
        tables: [{ name: 'T1', seats: 4 }],
      })
      .expect(201);
    for (const i of [0, 1])
      await t.http
        .post(`/api/events/${ev.body.id}/participants`)
        .set(...auth(w.org))
        .send({ clusterId: c(i).id })
        .expect(201);
    const newToken = await t.delegateToken(newcomer.id);
    const r = await t.http
      .post(`/api/events/${ev.body.id}/requests`)
      .set(...auth(c(0).delegate.token))
      .send({ receiverClusterIds: [c(1).id], interest: 4, delegateIds: [c(0).delegate.id] })
      .expect(201);
    await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(...auth(newToken))
      .send({ interest: 4, delegateIds: [newcomer.id] })
      .expect(200);
    const slots = await t.http
      .get(`/api/events/${ev.body.id}/slots`)
      .set(...auth(w.org))
      .expect(200);
    const w2: World = {
      ...w,
      eventId: ev.body.id,
      slots: slots.body,
      tables: (
        await t.http
          .get(`/api/events/${ev.body.id}`)
          .set(...auth(w.org))
          .expect(200)
      ).body.tables,
    };
    await publishVersion(
      t,
      w2,
      [{ request: { id: r.body.id, note: '', clusters: [c(0), c(1)] }, slot: 0, table: 0 }],
      new Date().toISOString(),
    );

    const rel = await t.http
      .get(`/api/clusters/${c(1).id}/relationships`)
      .set(...auth(newToken))
      .expect(200);
    expect(rel.body.map((x: { clusterId: string }) => x.clusterId)).toEqual([c(0).id, c(2).id]);
    const zero = rel.body[0];
    expect(zero.eventIds.sort()).toEqual([w.eventId, ev.body.id].sort());
    expect(zero.meetings.map((m: { eventName: string }) => m.eventName).sort()).toEqual([
      'Second conference',
      'Test conference',
    ]);
    expect(zero.feedback).toEqual({ answers: 0, held: 0, usefulness: null, nextSteps: [] });
    expect(zero.followUp).toMatchObject({ eventId: w.eventId, months: 6, outcome: 'collaboration' });
    expect(zero.collaborations.map((x: { title: string }) => x.title)).toEqual(['Interreg application']);
    expect(rel.body[1].followUp).toMatchObject({ months: 3, outcome: 'in-contact' });
    // Another cluster's relationships are private; organisers see any.
    await t.http
      .get(`/api/clusters/${c(0).id}/relationships`)
      .set(...auth(newToken))
      .expect(403);
    const three = await t.http
      .get(`/api/clusters/${c(3).id}/relationships`)
      .set(...auth(w.org))
      .expect(200);
    expect(three.body).toEqual([]);
  });

  it('is counted by the impact report', async () => {
    const r = await t.http
      .get(`/api/events/${w.eventId}/impact-report`)
      .set(...auth(w.org))
      .expect(200);
    expect(r.body.followUps).toEqual({
      relationships: 6,
      rounds: [
        { months: 3, state: 'sent', clusters: 3, answered: 2, nothing: 0, inContact: 1, collaboration: 1 },
        { months: 6, state: 'sent', clusters: 3, answered: 1, nothing: 0, inContact: 0, collaboration: 1 },
        { months: 12, state: 'skipped', clusters: 0, answered: 0, nothing: 0, inContact: 0, collaboration: 0 },
        { months: 24, state: 'skipped', clusters: 0, answered: 0, nothing: 0, inContact: 0, collaboration: 0 },
        { months: 36, state: 'sent', clusters: 3, answered: 0, nothing: 0, inContact: 0, collaboration: 0 },
      ],
    });
  });

  it('reaches the SMTP server with both languages and the escaped link', async () => {
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).claimed === 0) break;
    const followUps = smtp.received.filter((x) =>
      (partText(parseMime(x.raw), 'text/plain') ?? '').includes('Tell us what came of it'),
    );
    const toNewcomer = followUps.filter((x) => x.to.includes(newcomer.email));
    expect(toNewcomer.length).toBe(2);
    const raw = toNewcomer[0]?.raw ?? '';
    const text = partText(parseMime(raw), 'text/plain') ?? '';
    const html = partText(parseMime(raw), 'text/html') ?? '';
    expect(text).toContain('Hello Newcomer Nielsen,');
    expect(text).toContain('Kære Newcomer Nielsen,');
    expect(text).toContain('Tell us what came of it: https://match.example.org/login?token=');
    expect(html).toMatch(/href="https:\/\/match\.example\.org\/login\?token=[^"]+&amp;next=%2Fevents%2F/);
    // The delegate who left got only the first round.
    expect(followUps.filter((x) => x.to.includes(c(1).delegate.email))).toHaveLength(1);
    expect(followUps).toHaveLength(3 + 3 + 3);
  });
});
