/**
 * Benchmark (not a test): what one `startTestApp` costs with this run's migrated templates (a copied SQLite file, a
 * PostgreSQL database cloned with CREATE DATABASE ... TEMPLATE) against migrating a fresh database (the way before
 * issue 15), in the same run, alternating the two so that other work on the machine weighs on both alike.
 *
 *     node -r @swc-node/register apps/api/bench/test-app-boot.ts [--rounds 6]
 *
 * Prints the median milliseconds of boot + close per database and way, and the ratio.
 */
import { loadavg } from 'node:os';
import { startTestApp } from '../test-utils/start-test-app';
import { createTemplates, dropTemplates, TEMPLATE_ENV } from '../test-utils/templates';

const arg = process.argv.indexOf('--rounds');
const rounds = arg > 0 ? Number(process.argv[arg + 1]) : 6;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function boot(db: 'sqlite' | 'postgres'): Promise<number> {
  const t0 = process.hrtime.bigint();
  const t = await startTestApp({ db });
  await t.close();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  process.env['NODE_ENV'] = 'test';
  const templates = await createTemplates();
  try {
    for (const db of ['sqlite', 'postgres'] as const) {
      await boot(db); // warm-up: module loading, first connections
      const fresh: number[] = [];
      const copied: number[] = [];
      for (let i = 0; i < rounds; i++) {
        delete process.env[TEMPLATE_ENV.sqlite];
        delete process.env[TEMPLATE_ENV.postgres];
        fresh.push(await boot(db));
        process.env[TEMPLATE_ENV.sqlite] = templates.sqliteFile;
        process.env[TEMPLATE_ENV.postgres] = templates.pgDatabase;
        copied.push(await boot(db));
      }
      const [f, c] = [median(fresh), median(copied)];
      process.stdout.write(
        `${db.padEnd(8)} migrate fresh ${f.toFixed(0).padStart(6)} ms   from template ${c.toFixed(0).padStart(6)} ms   ` +
          `ratio ${(c / f).toFixed(2)}   (median of ${rounds}, load ${loadavg()[0]?.toFixed(1)})\n`,
      );
    }
  } finally {
    await dropTemplates(templates);
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
