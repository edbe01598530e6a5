/**
 * Issue 9, item 3: how fast the participants page's lists answer on the demo event (150 clusters, 300 delegates,
 * 550 requests), on SQLite and on PostgreSQL: the first page of clusters and of delegates, a search, a sort on a
 * count, the last page, and the CSV and XLSX exports. Each call is timed end to end through HTTP (authenticated),
 * median and worst of 20 after 3 warm-up calls. Prints numbers; asserts nothing.
 *
 * Run: `node -r @swc-node/register apps/api/bench/participants-bench.ts`
 */
import { EventEntity } from '../src/events/event.entity';
import { startTestApp } from '../test-utils';

const RUNS = 20;

async function main(): Promise<void> {
  for (const db of ['sqlite', 'postgres'] as const) {
    const t = await startTestApp({ db, config: { seedDemo: true } });
    try {
      const token = await t.organiserToken();
      const [event] = await t.db.manager.find(EventEntity);
      if (!event) throw new Error('no demo event');
      const base = `/api/events/${event.id}/participants`;
      const cases: [string, string][] = [
        ['clusters, first page', `${base}/clusters?limit=25`],
        ['clusters, search "energy"', `${base}/clusters?q=energy&limit=25`],
        ['clusters, by open requests desc', `${base}/clusters?sort=requests&dir=desc&limit=25`],
        ['clusters, last page', `${base}/clusters?limit=25&offset=125`],
        ['delegates, first page', `${base}/delegates?limit=25`],
        ['delegates, not signed in, by cluster', `${base}/delegates?signedIn=no&sort=cluster&limit=25`],
        ['delegates, 200 at once', `${base}/delegates?limit=200`],
        ['export clusters CSV', `${base}/export?kind=clusters&format=csv`],
        ['export delegates XLSX', `${base}/export?kind=delegates&format=xlsx`],
        ['export requests CSV', `${base}/export?kind=requests&format=csv`],
      ];
      console.log(`\n${db}: demo event`);
      for (const [name, url] of cases) {
        const times: number[] = [];
        for (let i = 0; i < RUNS + 3; i++) {
          const t0 = performance.now();
          const res = await t.http.get(url).set('Authorization', `Bearer ${token}`);
          if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
          if (i >= 3) times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)] ?? 0;
        const worst = times[times.length - 1] ?? 0;
        console.log(`  ${name.padEnd(40)} median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
      }
    } finally {
      await t.close();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
