/**
 * The service as `npm start` runs it (apps/api/src/main.ts in its own process) on a given data folder, for
 * tests of start-up, crashes and production mode. The port is chosen by the system and read from the banner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the base URL once the banner is printed; rejects if the process exits first. */
  ready(timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name) when the process has ended. */
  exited(): Promise<number | string>;
  /** SIGTERM (a normal stop) or SIGKILL (a crash), and waits for the exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Starts the service with `env` on top of the test's environment (variables given as '' are unset). */
export function startServiceProcess(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: '',
      REDIS_URL: '',
      SMTP_URL: '',
      JOB_QUEUE_NAME: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    output: () => out,
    ready: (timeoutMs = 90_000) =>
      new Promise<string>((resolve, reject) => {
        const started = Date.now();
        const check = (): void => {
          const url = /clustermatch API: (http:\/\/\S+?)\/api/.exec(out)?.[1];
          if (url && out.includes('Health:')) return resolve(url);
          if (child.exitCode !== null || child.signalCode !== null)
            return reject(new Error(`the service exited (${child.exitCode ?? child.signalCode}):\n${out}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`the service did not start:\n${out}`));
          setTimeout(check, 50);
        };
        check();
      }),
    exited: () => exit,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exit;
    },
  };
}
