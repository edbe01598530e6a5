/**
 * Both JobQueue implementations against the real thing: worker threads running the real
 * solver, and BullMQ on the real Redis at 127.0.0.1:6379 (REDIS_TEST_URL overrides).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { validateSchedule, type Problem } from '@clustermatch/domain';
import { generateProblem } from '@clustermatch/solver';
import { BullJobQueue } from './bullmq-queue';
import { InProcessJobQueue } from './in-process-queue';
import type { JobQueue, JobStatus } from './job-queue';
import { workspaceRoot } from './worker-thread';

jest.setTimeout(120_000);

const REDIS_URL = process.env['REDIS_TEST_URL'] ?? 'redis://127.0.0.1:6379';

function finished(queue: JobQueue, id: string): Promise<JobStatus> {
  return new Promise((resolve) => {
    const check = (s: JobStatus): void => {
      if (s.id !== id) return;
      offDone();
      offFailed();
      resolve(s);
    };
    const offDone = queue.on('done', check);
    const offFailed = queue.on('failed', check);
    // The job may have finished before the listeners were attached.
    void queue.get(id).then((s) => {
      if (s && (s.state === 'done' || s.state === 'failed')) check(s);
    });
  });
}

const implementations: [string, () => Promise<{ queue: JobQueue; cleanup: () => Promise<void> }>][] = [
  [
    'in-process worker thread',
    async () => {
      const queue = new InProcessJobQueue();
      return { queue, cleanup: () => queue.close() };
    },
  ],
  [
    'BullMQ on Redis',
    async () => {
      const queue = new BullJobQueue({ redisUrl: REDIS_URL, name: `cm-test-${randomUUID()}` });
      await queue.ready();
      return {
        queue,
        cleanup: async () => {
          await queue.obliterate();
          await queue.close();
        },
      };
    },
  ],
];

describe.each(implementations)('JobQueue: %s', (_name, make) => {
  let queue: JobQueue;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ queue, cleanup } = await make());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('runs a solve to done with progress up to 100 and a valid schedule, keeping the event loop free', async () => {
    const problem = generateProblem({ clusters: 150, meetings: 550, slots: 16, tables: 40, seed: 11 });
    const percents: number[] = [];
    let ticksWhileRunning = 0;
    let progressEvents = 0;
    let running = false;
    const offProgress = queue.on('progress', (s) => {
      if (s.kind !== 'solve') return;
      progressEvents++;
      running = true;
      percents.push(s.percent);
    });
    const timer = setInterval(() => {
      if (running) ticksWhileRunning++;
    }, 5);
    try {
      const id = await queue.enqueue(
        'solve',
        { problem, options: { timeLimitSeconds: 2, seed: 3 } },
        { eventId: 'e1' },
      );
      const early = await queue.get(id);
      expect(early?.state === 'queued' || early?.state === 'running').toBe(true);
      expect(early?.meta).toEqual({ eventId: 'e1' });
      expect((await queue.getPayload(id))?.problem.meetings.length).toBe(problem.meetings.length);
      const status = await finished(queue, id);
      running = false;
      expect(status.error).toBeUndefined();
      expect(status.state).toBe('done');
      expect(status.percent).toBe(100);
      const again = await queue.get(id);
      expect(again?.state).toBe('done');
      expect(again?.percent).toBe(100);
      expect(again?.finishedAt).toBeDefined();
      const schedule = again?.result;
      expect(schedule).toBeDefined();
      if (!schedule) return;
      expect(validateSchedule(problem, schedule)).toEqual([]);
      expect(schedule.assignments.length).toBeGreaterThan(0);
      expect(again.progress?.objective).toBe(schedule.objective);
      // Percent never went backwards and never showed 100 before the end.
      for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]);
      for (const p of percents) expect(p).toBeLessThan(100);
      // The API thread handled timers and messages while the solve ran.
      expect(progressEvents).toBeGreaterThan(0);
      expect(ticksWhileRunning).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
      offProgress();
    }
  });

  it('reports a failure with the reason and keeps working afterwards', async () => {
    const good = generateProblem({ clusters: 6, meetings: 5, slots: 4, tables: 3, seed: 5 });
    const bad = { ...good, meetings: [{ id: 'm1', people: ['nobody-here', good.people[0].id], weight: 3 }] } as Problem;
    const badId = await queue.enqueue('solve', { problem: bad });
    const failed = await finished(queue, badId);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/meetings\[0\]\.people\[0\]/);
    expect((await queue.get(badId))?.state).toBe('failed');
    expect((await queue.get(badId))?.result).toBeUndefined();

    const goodId = await queue.enqueue('solve', { problem: good, options: { timeLimitSeconds: 1 } });
    const done = await finished(queue, goodId);
    expect(done.state).toBe('done');
    expect(done.result && validateSchedule(good, done.result)).toEqual([]);
  });

  it('answers undefined for an unknown job id', async () => {
    expect(await queue.get(randomUUID())).toBeUndefined();
  });
});

describe('a stand-alone worker process (another machine) takes BullMQ jobs', () => {
  let child: ChildProcess | undefined;
  let queue: BullJobQueue | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await queue?.obliterate();
    await queue?.close();
  });

  it('runs a job queued by an API that does no work itself', async () => {
    const name = `cm-test-${randomUUID()}`;
    const root = workspaceRoot();
    child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(__dirname, 'worker-main.ts')], {
      cwd: root,
      env: { ...process.env, REDIS_URL, JOB_QUEUE_NAME: name, SWC_NODE_PROJECT: join(root, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (out.includes('solve worker ready')) resolve();
      };
      child?.stdout?.on('data', check);
      child?.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
    });
    queue = new BullJobQueue({ redisUrl: REDIS_URL, name, work: false });
    await queue.ready();
    const problem = generateProblem({ clusters: 20, meetings: 40, slots: 8, tables: 6, seed: 2 });
    const id = await queue.enqueue('solve', { problem, options: { timeLimitSeconds: 1 } });
    const status = await finished(queue, id);
    expect(status.error).toBeUndefined();
    expect(status.state).toBe('done');
    expect(status.percent).toBe(100);
    expect(status.result && validateSchedule(problem, status.result)).toEqual([]);
  });
});
