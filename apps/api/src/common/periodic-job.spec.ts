import pino from 'pino';
import { PeriodicJob } from './periodic-job';

/** A pino logger writing its lines (parsed) into `lines`. */
function recordingLog(): { log: pino.Logger; lines: { level: number; msg: string; err?: { message: string } }[] } {
  const lines: { level: number; msg: string; err?: { message: string } }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

/** A pass that waits until `release()` is called, counting how often it started. */
function gatedPass(): { pass: () => Promise<void>; started: () => number; release: () => void } {
  let started = 0;
  let open: (() => void) | undefined;
  return {
    pass: () => {
      started++;
      return new Promise<void>((resolve) => (open = resolve));
    },
    started: () => started,
    release: () => open?.(),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicJob', () => {
  it('never runs a pass while the one before is still running', async () => {
    const gate = gatedPass();
    const job = new PeriodicJob(gate.pass, recordingLog().log, 'failed');
    const first = job.tick();
    void job.tick();
    void job.tick();
    expect(gate.started()).toBe(1);
    gate.release();
    await first;
    const second = job.tick();
    expect(gate.started()).toBe(2);
    gate.release();
    await second;
  });

  it('logs a failed pass with its message and runs the next one as usual', async () => {
    const { log, lines } = recordingLog();
    let calls = 0;
    const job = new PeriodicJob(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database is locked');
      },
      log,
      'could not queue reminders',
    );
    await expect(job.tick()).resolves.toBeUndefined();
    await job.tick();
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'could not queue reminders',
      err: { message: 'database is locked' },
    });
  });

  it('runs on its timer, at once when asked, and stops: stop() waits for the running pass', async () => {
    const gate = gatedPass();
    const job = new PeriodicJob(gate.pass, recordingLog().log, 'failed');
    job.start(20, true);
    expect(gate.started()).toBe(1);
    gate.release();
    await sleep(70);
    expect(gate.started()).toBeGreaterThanOrEqual(2);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await sleep(10);
    expect(stopped).toBe(false); // a pass is waiting at the gate
    gate.release();
    await stopping;
    const after = gate.started();
    await sleep(60);
    expect(gate.started()).toBe(after);
  });
});
