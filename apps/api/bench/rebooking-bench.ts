/**
 * Issue 10: the solver time of an on-site rebooking answer on a 550-meeting event (target: at most 200 ms). The demo
 * event (150 clusters, 300 delegates, 550 accepted requests) is solved and published on SQLite, 90 % of the
 * delegates check in (15 whole clusters stay away), the counterparts mark their day-1 meetings with an absent party
 * as no-shows, and every counterpart asks for replacement offers through the service (`RebookingService.offers`:
 * the solver in keep mode with every standing meeting pinned). Prints the solver's time per answer (median, p90,
 * max) and the whole answer's time including the database reads; asserts nothing.
 *
 * Run: `npm run bench:rebooking`
 */
import { cpus, loadavg } from 'node:os';
import { EventEntity } from '../src/events/event.entity';
import { EventDayService } from '../src/eventday/eventday.service';
import { RebookingService } from '../src/eventday/rebooking.service';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../src/schedules/schedule.entity';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { solveAndPublish, startTestApp } from '../test-utils';
import type { Principal } from '../src/auth/decorators';

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

async function main(): Promise<void> {
  const t = await startTestApp({ config: { seedDemo: true } });
  try {
    const [event] = await t.db.manager.find(EventEntity);
    if (!event) throw new Error('no demo event');
    await solveAndPublish(t, event.id);
    const day = t.app.get(EventDayService);
    const rebooking = t.app.get(RebookingService);
    const org: Principal = {
      kind: 'organiser',
      userId: 'bench',
      email: 'bench@example.org',
      organisationId: event.organisationId,
      role: 'organiser',
    };
    const version = await t.db.manager.findOneOrFail(ScheduleVersionEntity, {
      where: { eventId: event.id, state: 'published' },
    });
    const rows = await t.db.manager.find(ScheduleAssignmentEntity, { where: { versionId: version.id } });
    const delegates = await t.db.manager.find(DelegateEntity);
    const clusters = [...new Set(delegates.map((d) => d.clusterId))].sort();
    // Every tenth cluster stays away: 15 clusters, 30 delegates (10 %).
    const absent = new Set(clusters.filter((_, i) => i % 10 === 3));
    for (const d of delegates) if (!absent.has(d.clusterId)) await day.checkIn(event.id, { delegateId: d.id }, org);
    const day1 = rows.map((r) => r.startsAt.slice(0, 10)).sort()[0] ?? '';
    const missed = rows.filter((r) => r.startsAt.slice(0, 10) === day1 && r.clusterIds.some((c) => absent.has(c)));
    for (const r of missed) {
      const present = r.clusterIds.filter((c) => !absent.has(c));
      if (present.length === 0) continue;
      await day.mark(
        event.id,
        r.requestId,
        { status: 'no-show', absent: r.clusterIds.filter((c) => absent.has(c)) },
        org,
      );
    }
    const at = rows.map((r) => r.startsAt).sort()[0];
    const counterparts = missed.flatMap((r) =>
      r.delegateIds.filter((d) => !absent.has(delegates.find((x) => x.id === d)?.clusterId ?? '')),
    );
    const solver: number[] = [];
    const solverCpu: number[] = [];
    const whole: number[] = [];
    let offers = 0;
    for (const d of counterparts) {
      const t0 = performance.now();
      const res = await rebooking.offers(event.id, d, at, org);
      whole.push(performance.now() - t0);
      solver.push(res.solverMs);
      solverCpu.push(res.solverCpuMs);
      offers += res.offers.length;
    }
    const f = (x: number): string => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `rebooking on the demo event: ${rows.length} published meetings, ${delegates.length} delegates, ${absent.size} clusters absent`,
        `${counterparts.length} rebooking answers (counterparts of ${missed.length} missed day-1 meetings), ${offers} offers`,
        `solver time per answer: median ${f(pct(solver, 0.5))}, p90 ${f(pct(solver, 0.9))}, max ${f(Math.max(...solver))} (target 200 ms)`,
        `solver CPU time per answer: median ${f(pct(solverCpu, 0.5))}, p90 ${f(pct(solverCpu, 0.9))}, max ${f(Math.max(...solverCpu))}`,
        `whole answer (database reads, candidates, solver): median ${f(pct(whole, 0.5))}, p90 ${f(pct(whole, 0.9))}`,
        `machine: ${cpus().length} cores, load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' / ')} (1/5/15 min)`,
        '',
      ].join('\n'),
    );
  } finally {
    await t.close();
  }
}

// It takes no options: `--help` says so, anything else is an error (exit code 2) instead of a silent full run.
const extra = process.argv.slice(2);
if (extra.length > 0) {
  const help = extra.length === 1 && (extra[0] === '--help' || extra[0] === '-h');
  (help ? process.stdout : process.stderr).write(
    `${help ? '' : `bench:rebooking: unknown argument ${extra.join(' ')}\n`}usage: npm run bench:rebooking (no options)\n`,
  );
  process.exit(help ? 0 : 2);
}
main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
