/**
 * `npm run bench:startup [-- --runs 5]`: start-up of the command line and of the service, each next to a
 * baseline measured in the same run (the machine may be busy, so compare the pairs, not the raw figures):
 *
 * - `node -e 0`, and `npm run --silent cli -- --help` (what npm and Node cost before any solving);
 * - `npm run --silent cli -- solve` on a 50-meeting problem: wall time minus the solver's own `stats.seconds`;
 * - the service (`dist/apps/api/src/main.js`) on an existing SQLite data folder: from process start until
 *   `/api/health` answers (the first start, which creates and seeds the database, is not counted).
 *
 * Prints the median of each. Numbers are measurements, never assertions; not part of `npm test`.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');

const root = join(__dirname, '..');
const scratch = join(root, 'tmp', 'bench-startup');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.status}`);
  return seconds(t0);
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', timeout: 500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Starts the service, waits for /api/health, stops it; returns the seconds until it answered. */
async function serviceReady(dataDir, port) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-r', './scripts/fresh-build.cjs', 'dist/apps/api/src/main.js'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('the service exited before it answered');
    if (await healthy(port)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const s = seconds(t0);
  await new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
  return s;
}

async function main() {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const problem = join(scratch, 'p50.json');
  const schedule = join(scratch, 's50.json');
  const generate = ['generate', '--clusters', '15', '--meetings', '50', '--slots', '8', '--tables', '6', '--seed', '3'];
  spawnSync(npm, ['run', '--silent', 'cli', '--', ...generate, '--out', problem], { cwd: root });
  const node0 = [];
  const help = [];
  const overhead = [];
  const solveSeconds = [];
  for (let i = 0; i < runs; i++) {
    node0.push(timed(process.execPath, ['-e', '0']));
    help.push(timed(npm, ['run', '--silent', 'cli', '--', '--help']));
    const wall = timed(npm, ['run', '--silent', 'cli', '--', 'solve', problem, '--out', schedule]);
    const s = JSON.parse(readFileSync(schedule, 'utf8')).stats.seconds;
    solveSeconds.push(s);
    overhead.push(wall - s);
  }
  const dataDir = join(scratch, 'data');
  const port = 39000 + (process.pid % 1000);
  await serviceReady(dataDir, port); // creates, migrates and seeds the database: not counted
  const ready = [];
  const node0b = [];
  for (let i = 0; i < runs; i++) {
    node0b.push(timed(process.execPath, ['-e', '0']));
    ready.push(await serviceReady(dataDir, port));
  }
  const f = (x) => `${x.toFixed(3)} s`;
  const load = require('node:os')
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  process.stdout.write(
    [
      `start-up, median of ${runs} runs (node ${process.version}, load average ${load})`,
      `  node -e 0:                                   ${f(median(node0))}`,
      `  npm run --silent cli -- --help:              ${f(median(help))}`,
      `  npm run --silent cli -- solve (50 meetings): ${f(median(overhead))} over stats.seconds (median stats.seconds ${f(median(solveSeconds))}); ${f(median(overhead) - median(help))} beyond --help`,
      `  service ready on an existing database:       ${f(median(ready))} (node -e 0 in the same rounds: ${f(median(node0b))})`,
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
