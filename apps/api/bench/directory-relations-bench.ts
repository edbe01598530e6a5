/**
 * Issue 9, item 7: what the directory's per-asker relationship costs on the demo event (150 clusters, 550
 * requests), on SQLite and PostgreSQL, with the read cache on: the relations statement alone for the busiest
 * cluster and all 150 cards, and the directory as that cluster's delegate (with relations) against the same page as
 * an organiser (without). Median and worst of 20 after 3 warm-up calls. Prints numbers; asserts nothing.
 *
 * Run: `node -r @swc-node/register apps/api/bench/directory-relations-bench.ts`
 */
import { ParticipationEntity } from '../src/clusters/cluster.entity';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity } from '../src/events/event.entity';
import { relationRows, relationsFrom } from '../src/requests/directory-relations';
import { RequestPartyEntity } from '../src/requests/request.entity';
import { startTestApp } from '../test-utils';

const RUNS = 20;

async function timed(run: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    await run();
    if (i >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return `median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(1)} ms, worst ${(times[times.length - 1] ?? 0).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  for (const db of ['sqlite', 'postgres'] as const) {
    const t = await startTestApp({ db, config: { seedDemo: true, readCache: true } });
    try {
      const [event] = await t.db.manager.find(EventEntity);
      if (!event) throw new Error('no demo event');
      const ids = (await t.db.manager.find(ParticipationEntity, { where: { eventId: event.id } })).map(
        (p) => p.clusterId,
      );
      const counts = await t.db.manager
        .createQueryBuilder(RequestPartyEntity, 'p')
        .select('p.clusterId', 'cluster')
        .addSelect('COUNT(*)', 'n')
        .groupBy('p.clusterId')
        .orderBy('n', 'DESC')
        .limit(1)
        .getRawOne<{ cluster: string; n: string }>();
      const busiest = counts?.cluster ?? ids[0] ?? '';
      const delegate = await t.db.manager.findOneByOrFail(DelegateEntity, { clusterId: busiest });
      const asDelegate = `Bearer ${await t.delegateToken(delegate.id)}`;
      const asOrganiser = `Bearer ${await t.organiserToken()}`;
      const get = (url: string, auth: string) => async () => {
        const res = await t.http.get(url).set('Authorization', auth);
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      };
      const all = `/api/events/${event.id}/clusters?limit=200`;
      const search = `/api/events/${event.id}/clusters?q=hydrogen&limit=20`;
      console.log(`\n${db}: demo event, ${ids.length} clusters; asker's cluster in ${counts?.n ?? '?'} requests`);
      console.log(
        `  relations, uncached, 150 cards     ${await timed(() => relationRows(t.db.manager, event.id, busiest).then((rows) => relationsFrom(busiest, ids, rows, false)))}`,
      );
      console.log(`  directory limit=200, delegate       ${await timed(get(all, asDelegate))}`);
      console.log(`  directory limit=200, organiser      ${await timed(get(all, asOrganiser))}`);
      console.log(`  directory q=hydrogen, delegate      ${await timed(get(search, asDelegate))}`);
      console.log(`  directory q=hydrogen, organiser     ${await timed(get(search, asOrganiser))}`);
    } finally {
      await t.close();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
