/**
 * `npm run bench:startup [-- --runs 5] [--baseline DIR] [--no-service]`: start-up of the command line and of
 * the service, each next to a baseline measured in the same run (the machine may be busy, so compare the
 * pairs, not the raw figures); `--baseline DIR` measures a second checkout (e.g. a `git worktree` of an
 * older commit, with `node_modules` linked) round by round with this one:
 *
 * - `node -e 0`, and `npm run --silent cli -- --help` (what npm and Node cost before any solving);
 * - `npm run --silent cli -- solve` on a 50-meeting problem: wall time minus the solver's own `stats.seconds`;
 * - the service (`dist/apps/api/src/main.js`) on an existing SQLite data folder: from process start until
 *   `/api/health` answers (the first start, which creates and seeds the database, is not counted).
 *
 * Prints the median of each, in wall seconds and (on Linux) CPU seconds of the whole process tree (npm,
 * its shell and Node), which a busy machine inflates far less than the wall time. Numbers are
 * measurements, never assertions; not part of `npm test`.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const http = require('node:http');
const { join, resolve } = require('node:path');

const root = join(__dirname, '..');
const scratch = join(root, 'tmp', 'bench-startup');
const { parseArgs } = require('node:util');
const USAGE = 'usage: npm run bench:startup [-- --runs N] [--baseline DIR] [--no-service] [--help]';
/** The command line, checked: an unknown option or a bad value is an error that names it (exit code 2). */
function commandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        runs: { type: 'string' },
        baseline: { type: 'string' },
        'no-service': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`bench:startup: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const runs = values.runs === undefined ? 5 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(
      `bench:startup: --runs must be a whole number of at least 1, not "${values.runs}"\n${USAGE}\n`,
    );
    process.exit(2);
  }
  return { runs, baseline: values.baseline, service: !values['no-service'] };
}
const args = commandLine();
const runs = args.runs;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** CPU seconds used by this process's finished children and theirs (Linux; NaN elsewhere). */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** Runs a command to its end; its wall seconds, with its CPU seconds in `timed.cpu`. */
function timed(cmd, args, cwd = root) {
  const c0 = childCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.status}`);
  const wall = seconds(t0);
  timed.cpu = childCpu() - c0;
  return wall;
}
timed.cpu = 0;

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

/** The Node arguments of a checkout's `npm start` (`node <these>`), so a baseline runs as it would. */
function startArgs(dir) {
  const script = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.start;
  return script.split(' ').slice(1);
}

/** Starts the service, waits for /api/health, stops it; returns the seconds until it answered. */
async function serviceReady(dir, dataDir, port) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, startArgs(dir), {
    cwd: dir,
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

/** One checkout's figures, filled round by round. */
function checkout(dir, name) {
  return { dir, name, help: [], overhead: [], solveSeconds: [], ready: [], cpu: { help: [], solve: [] } };
}

async function main() {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const problem = join(scratch, 'p50.json');
  const generate = ['generate', '--clusters', '15', '--meetings', '50', '--slots', '8', '--tables', '6', '--seed', '3'];
  spawnSync(npm, ['run', '--silent', 'cli', '--', ...generate, '--out', problem], { cwd: root });
  const checkouts = [checkout(root, 'this checkout')];
  if (args.baseline !== undefined) checkouts.push(checkout(resolve(args.baseline), 'baseline'));
  const node0 = [];
  const node0cpu = [];
  for (let i = 0; i < runs; i++) {
    node0.push(timed(process.execPath, ['-e', '0']));
    node0cpu.push(timed.cpu);
    for (const c of checkouts) {
      c.help.push(timed(npm, ['run', '--silent', 'cli', '--', '--help'], c.dir));
      c.cpu.help.push(timed.cpu);
      const schedule = join(scratch, `s50-${checkouts.indexOf(c)}.json`);
      const wall = timed(npm, ['run', '--silent', 'cli', '--', 'solve', problem, '--out', schedule], c.dir);
      c.cpu.solve.push(timed.cpu);
      const s = JSON.parse(readFileSync(schedule, 'utf8')).stats.seconds;
      c.solveSeconds.push(s);
      c.overhead.push(wall - s);
    }
  }
  const service = args.service;
  const node0b = [];
  if (service) {
    const port = 39000 + (process.pid % 1000);
    const dataDir = (c) => join(scratch, `data-${checkouts.indexOf(c)}`);
    for (const c of checkouts) await serviceReady(c.dir, dataDir(c), port); // creates, migrates and seeds: not counted
    for (let i = 0; i < runs; i++) {
      node0b.push(timed(process.execPath, ['-e', '0']));
      for (const c of checkouts) c.ready.push(await serviceReady(c.dir, dataDir(c), port));
    }
  }
  const f = (x) => `${x.toFixed(3)} s`;
  const load = require('node:os')
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const lines = [
    `start-up, median of ${runs} paired runs (node ${process.version}, load average ${load})`,
    `  node -e 0:                                   ${f(median(node0))} (CPU ${f(median(node0cpu))})`,
  ];
  for (const c of checkouts) {
    lines.push(
      `${c.name} (${c.dir}):`,
      `  npm run --silent cli -- --help:              ${f(median(c.help))} (CPU ${f(median(c.cpu.help))})`,
      `  npm run --silent cli -- solve (50 meetings): ${f(median(c.overhead))} over stats.seconds (median stats.seconds ${f(median(c.solveSeconds))}); ${f(median(c.overhead) - median(c.help))} beyond --help; CPU of the whole run ${f(median(c.cpu.solve))}`,
    );
    if (service) {
      lines.push(
        `  service ready on an existing database:       ${f(median(c.ready))} (node -e 0 in the same rounds: ${f(median(node0b))})`,
      );
    }
  }
  if (checkouts.length === 2) {
    const [a, b] = checkouts;
    const ratio = (x, y) => (median(x) / median(y)).toFixed(2);
    lines.push(
      `ratio this / baseline: solve over stats.seconds ${ratio(a.overhead, b.overhead)}, --help ${ratio(a.help, b.help)}` +
        (service ? `, service ready ${ratio(a.ready, b.ready)}` : ''),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
