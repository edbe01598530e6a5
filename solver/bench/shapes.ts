/**
 * `npm run bench:shapes [-- --limit S] [--seeds 21,22] [--only ev,forum]`: the solver on event shapes the benchmark
 * set does not hold, as a new organiser's data may come: five base events (requests, popular clusters, a third
 * group meetings, a forum, two days), each as it is generated and then made harder in one way or in all of them at
 * once: heavy unavailability (each person away for one block of 30-70 % of the slots), per-person caps (1-4
 * meetings), a fifth of the tables, `allowedTables` on 30 % of the meetings (up to three tables), `allowedSlots` on
 * 30 % of them. Each schedule is checked: valid by the independent validator, every meeting held or given a reason,
 * the idle gaps counted again, the bound not below the objective and the idle-gap bound not above the gaps.
 * Prints one line per solve and a summary; exits 1 when a check failed. Numbers are measurements, never
 * assertions of time; not part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Problem } from '@clustermatch/domain';
import { countIdleGaps, validateSchedule } from '@clustermatch/domain';
import { generateInstance, type GenerateParams } from '../src/generate';
import { Rng } from '../src/rng';
import { solve } from '../src/solve';

type Harder = (p: Problem, rng: Rng) => Problem;

const heavyUnavailability: Harder = (p, rng) => ({
  ...p,
  people: p.people.map((person) => {
    const n = p.slots.length;
    const length = Math.floor(n * (0.3 + 0.4 * rng.next()));
    const start = Math.floor(rng.next() * (n - length + 1));
    return { ...person, unavailable: p.slots.slice(start, start + length).map((s) => s.id) };
  }),
});
const caps: Harder = (p, rng) => ({
  ...p,
  people: p.people.map((person) => ({ ...person, maxMeetings: 1 + Math.floor(rng.next() * 4) })),
});
const fewTables: Harder = (p) => ({ ...p, tables: p.tables.slice(0, Math.max(1, Math.ceil(p.tables.length / 5))) });
const someTables: Harder = (p, rng) => ({
  ...p,
  meetings: p.meetings.map((m) => {
    if (rng.next() >= 0.3) return m;
    const allowed = p.tables.filter(() => rng.next() < 0.2).map((t) => t.id);
    const first = p.tables[Math.floor(rng.next() * p.tables.length)];
    return { ...m, allowedTables: allowed.length > 0 ? allowed.slice(0, 3) : first ? [first.id] : [] };
  }),
});
const someSlots: Harder = (p, rng) => ({
  ...p,
  meetings: p.meetings.map((m) => {
    if (rng.next() >= 0.3) return m;
    const allowed = p.slots.filter(() => rng.next() < 0.3).map((s) => s.id);
    return { ...m, allowedSlots: allowed.length > 0 ? allowed : p.slots.slice(0, 1).map((s) => s.id) };
  }),
});

const HARDER: Record<string, Harder[]> = {
  as_generated: [],
  heavy_unavailability: [heavyUnavailability],
  caps: [caps],
  few_tables: [fewTables],
  allowed_tables: [someTables],
  allowed_slots: [someSlots],
  all_of_them: [heavyUnavailability, caps, fewTables, someTables, someSlots],
};

const BASES: Record<string, Omit<GenerateParams, 'seed'>> = {
  ev: { clusters: 80, meetings: 250, slots: 12, tables: 25 },
  popular: { clusters: 80, meetings: 300, slots: 12, tables: 25, popularShare: 0.1 },
  groups: { clusters: 60, meetings: 200, slots: 10, tables: 20, groupShare: 0.3 },
  forum: { clusters: 30, meetings: 110, slots: 12, shape: 'forum' },
  two_days: { clusters: 60, meetings: 250, slots: 16, tables: 15, days: 2 },
};

function commandLine(): { limit: number; seeds: number[]; only: string[] } {
  const usage = 'usage: npm run bench:shapes [-- --limit S] [--seeds 21,22] [--only ev,popular,groups,forum,two_days]';
  try {
    const { values } = parseArgs({
      options: { limit: { type: 'string' }, seeds: { type: 'string' }, only: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const limit = Number(values.limit ?? 5);
    if (!(limit > 0)) throw new Error(`--limit must be a positive number of seconds, not "${values.limit}"`);
    const seeds = (values.seeds ?? '21,22').split(',').map(Number);
    if (seeds.some((s) => !Number.isInteger(s)))
      throw new Error(`--seeds must be whole numbers, not "${values.seeds}"`);
    const only = values.only ? values.only.split(',') : Object.keys(BASES);
    const unknown = only.filter((n) => !(n in BASES));
    if (unknown.length > 0) throw new Error(`--only: unknown shape ${unknown.join(', ')}`);
    return { limit, seeds, only };
  } catch (e) {
    process.stderr.write(`bench:shapes: ${(e as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const { limit, seeds, only } = commandLine();
  let failed = 0;
  let solves = 0;
  let optimal = 0;
  let gapsProven = 0;
  process.stdout.write(
    `| shape | made harder | seed | status | meetings | held | objective | bound | parties without | idle gaps | idle-gap bound | seconds | checks |\n` +
      `|---|---|---|---|---|---|---|---|---|---|---|---|---|\n`,
  );
  for (const name of only) {
    const base = BASES[name];
    if (!base) continue;
    for (const [harder, steps] of Object.entries(HARDER))
      for (const seed of seeds) {
        const rng = new Rng(seed * 7 + 1);
        let problem = generateInstance({ ...base, seed }).problem;
        for (const step of steps) problem = step(problem, rng);
        const started = performance.now();
        const s = await solve(problem, { timeLimitSeconds: limit, clock: () => performance.now(), seed: 1 });
        const seconds = (performance.now() - started) / 1000;
        const problems = [
          ...validateSchedule(problem, s).map((v) => `invalid: ${v}`),
          s.assignments.length + s.unscheduled.length === problem.meetings.length ? '' : 'a meeting is missing',
          countIdleGaps(problem, s.assignments) === s.stats.idleGaps ? '' : 'idle gaps miscounted',
          s.bound === null || s.bound >= s.objective ? '' : 'bound below the objective',
          s.stats.idleGapsBound === undefined || s.stats.idleGapsBound <= s.stats.idleGaps
            ? ''
            : 'gap bound above gaps',
          s.unscheduled.every((u) => u.reason.trim().length > 0) ? '' : 'a reason is empty',
        ].filter(Boolean);
        solves++;
        if (problems.length > 0) failed++;
        if (s.status === 'optimal') optimal++;
        if (s.stats.idleGapsBound === s.stats.idleGaps) gapsProven++;
        process.stdout.write(
          `| ${name} | ${harder.replace(/_/g, ' ')} | ${seed} | ${s.status} | ${problem.meetings.length} | ` +
            `${s.assignments.length} | ${s.objective} | ${s.bound ?? '-'} | ${s.stats.partiesWithoutMeeting} | ` +
            `${s.stats.idleGaps} | ${s.stats.idleGapsBound ?? '-'} | ${seconds.toFixed(1)} | ` +
            `${problems.length > 0 ? problems.join('; ') : 'ok'} |\n`,
        );
      }
  }
  process.stdout.write(
    `\n${solves} solves (limit ${limit} s): ${solves - failed} passed every check, ${optimal} optimal on levels 1-2, ` +
      `idle gaps proven minimal in ${gapsProven}.\n`,
  );
  if (failed > 0) process.exitCode = 1;
}

void main();
