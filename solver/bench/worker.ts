/**
 * One benchmark run in its own process, so that its peak memory (maxRSS) is its own.
 * usage: worker.ts <ours|greedy|mip|resolve|baseline> <instance> <time limit s>
 * Prints one JSON line: { schedule?, seconds, peakMb, extra }.
 */
import type { Problem, Schedule } from '@clustermatch/domain';
import { generateProblem } from '../src/generate';
import { solve } from '../src/index';
import { greedySchedule } from './greedy';
import { instanceByName } from './instances';
import { mipSchedule } from './mip';

export interface WorkerResult {
  readonly schedule?: Schedule;
  /** Wall-clock seconds of the solve itself (not process start-up or instance generation). */
  readonly seconds: number;
  readonly peakMb: number;
  readonly extra: Record<string, string | number>;
}

const clock = () => performance.now();

async function runKind(kind: string, problem: Problem, limit: number): Promise<Omit<WorkerResult, 'peakMb'>> {
  const t0 = clock();
  switch (kind) {
    case 'baseline':
      return { seconds: 0, extra: {} };
    case 'greedy': {
      const schedule = greedySchedule(problem);
      const seconds = (clock() - t0) / 1000;
      return { schedule: { ...schedule, stats: { ...schedule.stats, seconds } }, seconds, extra: {} };
    }
    case 'ours': {
      const schedule = await solve(problem, { timeLimitSeconds: limit, seed: 1, clock });
      return { schedule, seconds: (clock() - t0) / 1000, extra: {} };
    }
    case 'mip': {
      const r = await mipSchedule(problem, limit, clock);
      return {
        schedule: r.schedule,
        seconds: (clock() - t0) / 1000,
        extra: { highs: r.highsStatus, timedOut: r.timedOut ? 1 : 0, columns: r.columns, rows: r.rows },
      };
    }
    case 'resolve':
      return resolveScenario(problem, limit);
    default:
      throw new Error(`unknown solver kind "${kind}"`);
  }
}

/** Solve, publish, cancel one held meeting and add one new request, re-solve keeping the rest. */
async function resolveScenario(problem: Problem, limit: number): Promise<Omit<WorkerResult, 'peakMb'>> {
  const first = await solve(problem, { timeLimitSeconds: limit, seed: 1, clock });
  const held = first.assignments;
  const cancelled = held[Math.floor(held.length / 2)].meeting;
  // A new request between two delegates who are each free in at least one common slot.
  const busy = new Map<string, Set<string>>();
  const people = new Map(problem.meetings.map((m) => [m.id, m.people]));
  for (const a of held)
    for (const p of people.get(a.meeting) ?? []) busy.set(p, (busy.get(p) ?? new Set<string>()).add(a.slot));
  const [p1, p2] = problem.people.filter(
    (p) => (busy.get(p.id)?.size ?? 0) < 4 && !p.unavailable && p.maxMeetings === undefined,
  );
  const changed: Problem = {
    ...problem,
    meetings: [
      ...problem.meetings.filter((m) => m.id !== cancelled),
      { id: 'm-new', people: [p1.id, p2.id], weight: 35, title: 'Late request' },
    ],
  };
  const t0 = clock();
  const second = await solve(changed, { timeLimitSeconds: limit, seed: 1, clock, keep: first });
  const seconds = (clock() - t0) / 1000;
  const now = new Map(second.assignments.map((a) => [a.meeting, a]));
  const kept = held.filter((a) => a.meeting !== cancelled);
  const moved = kept.filter((a) => {
    const b = now.get(a.meeting);
    return !b || b.slot !== a.slot || b.table !== a.table;
  }).length;
  return {
    schedule: second,
    seconds,
    extra: {
      firstSeconds: first.stats.seconds,
      published: kept.length,
      moved,
      newHeld: now.has('m-new') ? 1 : 0,
      problem: JSON.stringify(changed),
      first: JSON.stringify(first),
    },
  };
}

async function main(): Promise<void> {
  const [kind, name, limitText] = process.argv.slice(2);
  const problem = generateProblem(instanceByName(name).params);
  if (typeof global.gc === 'function') global.gc();
  const r = await runKind(kind, problem, Number(limitText));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...r, peakMb })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
