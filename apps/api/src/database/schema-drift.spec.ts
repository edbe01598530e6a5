/**
 * The entities and the migrations describe the same tables and columns, on both databases: the schema TypeORM's
 * schema builder makes from the entities (`synchronize` into an empty scratch database) has the same tables, column
 * names, types, nullability, defaults and primary keys as the one the migrations made. An entity changed without a
 * migration (or the other way round) fails here. Foreign keys and the named and partial indexes are declared in the
 * migrations only (the entities model no relations), so they are not compared.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_PG_URL, type TestApp } from '../../test-utils';
import { ENTITIES } from './entities';

/** `table.column type null|not-null default=… pk` for every column outside the migrations' bookkeeping. */
async function columns(ds: DataSource): Promise<string[]> {
  const out: string[] = [];
  const norm = (d: unknown): string => (d === null || d === undefined ? '' : String(d).replace(/^\((.*)\)$/, '$1'));
  if (ds.options.type === 'postgres') {
    const rows: { tbl: string; col: string; type: string; notnull: boolean; dflt: string | null; pk: boolean }[] =
      await ds.query(`
        SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
               a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt,
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary
                       AND a.attnum = ANY (i.indkey)) AS pk
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname NOT IN ('migrations', 'typeorm_metadata')`);
    for (const r of rows)
      out.push(
        `${r.tbl}.${r.col} ${r.type} ${r.notnull ? 'not-null' : 'null'} default=${norm(r.dflt?.replace(/::[a-z ]+$/, ''))}${r.pk ? ' pk' : ''}`,
      );
  } else {
    const tables: { name: string }[] = await ds.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('migrations', 'typeorm_metadata')",
    );
    for (const { name } of tables) {
      const cols: { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[] =
        await ds.query(`PRAGMA table_info("${name}")`);
      for (const c of cols)
        out.push(
          // SQLite lets a text primary key hold NULL unless NOT NULL is written (the migrations do not write it; the
          // service never stores a null id), so a primary key counts as not null here.
          `${name}.${c.name} ${c.type.toLowerCase()} ${c.notnull || c.pk ? 'not-null' : 'null'} default=${norm(c.dflt_value)}${c.pk ? ' pk' : ''}`,
        );
    }
  }
  return out.sort();
}

describe.each(['sqlite', 'postgres'] as const)('schema drift on %s', (db) => {
  let t: TestApp;
  let scratch: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    t = await startTestApp({ db });
    if (db === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'cm-drift-'));
      scratch = new DataSource({ type: 'better-sqlite3', database: join(dir, 'entities.sqlite'), entities: ENTITIES });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = `drift_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      scratch = new DataSource({
        type: 'postgres',
        url: TEST_PG_URL,
        schema,
        extra: { options: `-c search_path=${schema}` },
        entities: ENTITIES,
      });
      cleanup = async () => {
        const c = new Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      };
    }
    await scratch.initialize();
    await scratch.synchronize();
  });
  afterAll(async () => {
    if (scratch?.isInitialized) await scratch.destroy();
    await cleanup?.();
    await t?.close();
  });

  it('has the tables and columns the entities describe, after the migrations', async () => {
    expect(await columns(t.db.dataSource)).toEqual(await columns(scratch));
  });
});
