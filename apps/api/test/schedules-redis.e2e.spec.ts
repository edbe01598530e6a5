/**
 * With REDIS_URL set the service queues solves on BullMQ (real Redis at 127.0.0.1:6379, a
 * queue of its own for this run): solve, store the draft, publish, re-solve.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, waitForJob, type TestApp } from '../test-utils';
import { BullJobQueue } from '../src/jobs/bullmq-queue';
import { JOB_QUEUE, type JobQueue } from '../src/jobs/job-queue';

jest.setTimeout(120_000);

const REDIS_URL = process.env['REDIS_TEST_URL'] ?? 'redis://127.0.0.1:6379';

describe('schedules on BullMQ (REDIS_URL set)', () => {
  let t: TestApp;
  let org: string;
  let eventId: string;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  async function waitDone(jobUrl: string): Promise<{ id: string; number: number }> {
    const job = await waitForJob(t, jobUrl, org);
    expect(job.percent).toBe(100);
    return job.version;
  }

  beforeAll(async () => {
    process.env['JOB_QUEUE_NAME'] = `cm-e2e-${randomUUID()}`;
    t = await startTestApp({ db: 'sqlite', config: { redisUrl: REDIS_URL } });
    org = await t.organiserToken();
    const ev = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        name: 'Redis',
        venue: 'Hall',
        timezone: 'Europe/Vienna',
        requestDeadline: '2027-05-01T00:00:00Z',
        days: [{ date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 20 }],
        tables: [
          { name: 'A', seats: 4 },
          { name: 'B', seats: 4 },
        ],
      })
      .expect(201);
    eventId = ev.body.id;
    const made: { id: string; delegateId: string; token: string }[] = [];
    for (const name of ['North', 'South', 'East', 'West']) {
      const c = await t.http
        .post('/api/clusters')
        .set(...auth(org))
        .send({
          name: `${name} redis`,
          country: 'AT',
          region: 'Tyrol',
          sectors: [],
          technologies: [],
          scope: 'international',
          label: 'gold',
          members: {
            companies: 10,
            smes: 8,
            knowledgeInstitutions: 1,
            publicBodies: 0,
            industryAssociations: 0,
            financialActors: 0,
          },
          secretariatSize: 2,
          offers: 'x',
          seeks: 'y',
        })
        .expect(201);
      await t.http
        .post(`/api/events/${eventId}/participants`)
        .set(...auth(org))
        .send({ clusterId: c.body.id })
        .expect(201);
      const d = await t.http
        .post(`/api/clusters/${c.body.id}/delegates`)
        .set(...auth(org))
        .send({ name, email: `${name.toLowerCase()}-redis@example.org`, role: 'Lead' })
        .expect(201);
      made.push({ id: c.body.id, delegateId: d.body.id, token: await t.delegateToken(d.body.id) });
    }
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [0, 3],
    ]) {
      const r = await t.http
        .post(`/api/events/${eventId}/requests`)
        .set(...auth(made[a].token))
        .send({ receiverClusterIds: [made[b].id], interest: 3, delegateIds: [made[a].delegateId] })
        .expect(201);
      await t.http
        .post(`/api/requests/${r.body.id}/accept`)
        .set(...auth(made[b].token))
        .send({ interest: 4, delegateIds: [made[b].delegateId] });
    }
  });

  afterAll(async () => {
    const queue = t?.app.get<JobQueue>(JOB_QUEUE);
    if (queue instanceof BullJobQueue) await queue.obliterate();
    await t?.close();
    delete process.env['JOB_QUEUE_NAME'];
  });

  it('runs the solve through Redis, stores the draft, publishes and re-solves', async () => {
    expect(t.app.get<JobQueue>(JOB_QUEUE)).toBeInstanceOf(BullJobQueue);
    const s = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    const v1 = await waitDone(s.body.statusUrl);
    const review = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${v1.id}`)
      .set(...auth(org))
      .expect(200);
    expect(review.body.assignments).toHaveLength(5);
    await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v1.id}/publish`)
      .set(...auth(org))
      .expect(200);
    const r = await t.http
      .post(`/api/events/${eventId}/schedule/resolve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    const v2 = await waitDone(r.body.statusUrl);
    const second = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${v2.id}`)
      .set(...auth(org))
      .expect(200);
    expect(second.body.changes).toMatchObject({ basedOnVersion: 1, added: [], removed: [], moved: [], unchanged: 5 });
  });
});
