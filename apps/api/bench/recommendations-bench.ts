/**
 * Issue 12: how long the service takes to rank all 150 clusters of the demo event through
 * `GET /api/events/:id/clusters/:clusterId/recommendations` (one call per cluster, as a script would), with the
 * read cache on (the matcher is built once per state of the event's data) and, as the baseline in the same run,
 * with it off (every call reads the event and builds the matcher again). Also the organiser's overview of all
 * clusters, and the library alone. Prints numbers; asserts nothing.
 *
 * Run: `node -r @swc-node/register apps/api/bench/recommendations-bench.ts`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatcher, type Label, type Scope } from '@clustermatch/match';
import { ReadCache } from '../src/database/read-cache';
import { EventEntity } from '../src/events/event.entity';
import { ParticipationEntity } from '../src/clusters/cluster.entity';
import { startTestApp } from '../test-utils';

const ms = (t0: number): number => performance.now() - t0;

async function main(): Promise<void> {
  const t = await startTestApp({ config: { seedDemo: true } });
  try {
    const token = await t.organiserToken();
    const [event] = await t.db.manager.find(EventEntity);
    if (!event) throw new Error('no demo event');
    const clusters = (await t.db.manager.find(ParticipationEntity, { where: { eventId: event.id } })).map(
      (p) => p.clusterId,
    );
    const cache = t.app.get(ReadCache);
    const rankAll = async (ids: readonly string[]): Promise<number> => {
      const t0 = performance.now();
      for (const id of ids) {
        const res = await t.http
          .get(`/api/events/${event.id}/clusters/${id}/recommendations?limit=10`)
          .set('Authorization', `Bearer ${token}`);
        if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      }
      return ms(t0);
    };

    // The library alone on the same profiles (no database, no HTTP).
    const demo = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/demo-event.json'), 'utf8')) as {
      clusters: {
        key: string;
        name: string;
        country: string;
        sectors: string[];
        technologies: string[];
        scope: Scope;
        label: Label;
        offers: string;
        seeks: string;
      }[];
    };
    const t1 = performance.now();
    createMatcher({ clusters: demo.clusters.map((c) => ({ ...c, id: c.key })) }).recommendAll(10);
    const library = ms(t1);

    cache.enabled = true;
    const cached = await rankAll(clusters);
    const cachedAgain = await rankAll(clusters);
    const t2 = performance.now();
    await t.http
      .get(`/api/events/${event.id}/recommendations/overview?maxRequests=100&limit=10`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const overview = ms(t2);

    // The floor: the same number of the cheapest authenticated call (who am I), through the same HTTP stack.
    const t3 = performance.now();
    for (let i = 0; i < clusters.length; i++)
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const floor = ms(t3);

    cache.enabled = false;
    const sample = clusters.slice(0, 15);
    const uncachedSample = await rankAll(sample);
    const uncachedPerCall = uncachedSample / sample.length;

    const f = (x: number): string => `${x.toFixed(0)} ms`;
    process.stdout.write(
      [
        `recommendations for all ${clusters.length} demo clusters (top 10 each), SQLite, one process:`,
        `  library alone (build + rank all):                    ${f(library)}`,
        `  ${clusters.length} route calls, read cache on (first pass):     ${f(cached)} (${f(cached / clusters.length)} a call)`,
        `  ${clusters.length} route calls, read cache on (second pass):    ${f(cachedAgain)}`,
        `  organiser overview of every cluster (one call):      ${f(overview)}`,
        `  floor: ${clusters.length} calls of GET /api/auth/me:               ${f(floor)}`,
        `  baseline, read cache off: ${sample.length} calls took ${f(uncachedSample)}, ${f(uncachedPerCall)} a call, so about ${f(uncachedPerCall * clusters.length)} for all ${clusters.length}`,
        `  budget 1000 ms for ranking all ${clusters.length}: library ${library < 1000 ? 'within' : 'OVER'}, overview ${overview < 1000 ? 'within' : 'OVER'}, ${clusters.length} separate calls ${cached < 1000 ? 'within' : 'OVER'} (of which the HTTP floor is ${f(floor)})`,
        '',
      ].join('\n'),
    );
  } finally {
    await t.close();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
