/**
 * Benchmark (not a test): requests/s and latency of creating meeting requests over HTTP with 200
 * concurrent clients, on a fresh SQLite file. Prints the figures.
 *
 *     node -r @swc-node/register apps/api/bench/requests-bench.ts [--clients 200] [--requests 4000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.factory';
import { AuthService } from '../src/auth/auth.service';
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { Db } from '../src/database/db.service';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity } from '../src/events/event.entity';
import { MeetingRequestEntity } from '../src/requests/request.entity';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

/** The load generator (plain JS for the worker): `clients` loops POSTing the prepared bodies. */
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, clients, warmup, work } = workerData;
async function phase(items) {
  let next = 0;
  const latencies = [];
  const errors = new Map();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < items.length) {
      const w = items[next++];
      const t0 = process.hrtime.bigint();
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + w.token }, body: w.body });
      await res.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 201) errors.set(res.status, (errors.get(res.status) || 0) + 1);
    }
  }));
  return { latencies, errors: [...errors], seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
// The warm-up opens the clients' keep-alive connections; only the second phase is measured.
phase(work.slice(0, warmup)).then(() => phase(work.slice(warmup))).then((r) => parentPort.postMessage(r));
`;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  const clients = arg('clients', 200);
  const total = arg('requests', 4000);
  const warmup = Math.min(400, clients * 2);
  const dir = mkdtempSync(join(tmpdir(), 'clustermatch-bench-'));
  const app = await createApp({
    env: 'test',
    dataDir: dir,
    database: { kind: 'sqlite', file: join(dir, 'bench.sqlite') },
    jwtSecret: 'bench-secret-bench-secret',
    seedDemo: true,
    demoPassword: 'bench-password',
    logLevel: 'warn',
  });
  try {
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const db = app.get(Db);
    // The demo event gives 150 clusters with delegates; clear its requests so every pair is free.
    await db.transaction((m) => m.query('DELETE FROM meeting_request'));
    const event = await db.manager.findOneByOrFail(EventEntity, {});
    await db.manager.update(EventEntity, { id: event.id }, { requestDeadline: '2999-01-01T00:00:00.000Z' });
    const clusters = await db.manager.find(ClusterEntity, { order: { name: 'ASC' } });
    const delegates = await db.manager.find(DelegateEntity);
    const auth = app.get(AuthService);
    const firstDelegate = new Map<string, string>();
    for (const d of delegates) if (!firstDelegate.has(d.clusterId)) firstDelegate.set(d.clusterId, d.id);
    const token = new Map<string, string>();
    for (const [clusterId, delegateId] of firstDelegate)
      token.set(clusterId, (await auth.tokenForDelegate(delegateId)).accessToken);

    const pairs: [ClusterEntity, ClusterEntity][] = [];
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++)
        pairs.push([clusters[(i + j) % 2 ? i : j] as ClusterEntity, clusters[(i + j) % 2 ? j : i] as ClusterEntity]);
    // Deterministic shuffle so clients spread over clusters.
    let s = 42;
    for (let i = pairs.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const k = s % (i + 1);
      [pairs[i], pairs[k]] = [pairs[k] as [ClusterEntity, ClusterEntity], pairs[i] as [ClusterEntity, ClusterEntity]];
    }
    if (pairs.length < warmup + total) throw new Error(`only ${pairs.length} pairs for ${warmup + total} requests`);

    // The clients run in a worker thread, so the load generator does not share the server's event loop.
    const work = pairs.slice(0, warmup + total).map(([from, to]) => ({
      token: token.get(from.id) ?? '',
      body: JSON.stringify({
        receiverClusterIds: [to.id],
        interest: 3,
        note: 'bench',
        delegateIds: [firstDelegate.get(from.id)],
      }),
    }));
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: { url: `${url}/api/events/${event.id}/requests`, clients, warmup, work },
    });
    const result = await new Promise<{ latencies: number[]; errors: [number, number][]; seconds: number }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    await worker.terminate();
    const { latencies, seconds } = result;
    const errors = new Map(result.errors);
    latencies.sort((a, b) => a - b);
    const stored = await db.manager.countBy(MeetingRequestEntity, { eventId: event.id });
    const f = (x: number): string => x.toFixed(1);
    process.stdout.write(
      [
        `meeting-request creation over HTTP, SQLite (WAL), ${clients} concurrent clients, ${total} requests (after ${warmup} warm-up)`,
        `  node ${process.version}, ${new Date().toISOString()}`,
        `  throughput: ${f(total / seconds)} requests/s (${f(seconds)} s)`,
        `  latency ms: p50 ${f(quantile(latencies, 0.5))}  p95 ${f(quantile(latencies, 0.95))}  p99 ${f(quantile(latencies, 0.99))}  max ${f(latencies[latencies.length - 1] ?? NaN)}`,
        `  non-201 answers: ${errors.size ? [...errors].map(([k, v]) => `${k}x${v}`).join(', ') : 'none'}; rows stored: ${stored} (expected ${warmup + total})`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
