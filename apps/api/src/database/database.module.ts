import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { Db } from './db.service';
import { ReadCache } from './read-cache';
import { TableVersions } from './table-versions';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { WalCheckpoints } from './wal-checkpointer';

/** TypeORM options for the configured database; migrations run at start-up, never `synchronize`. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.kind === 'postgres') {
    const schema = config.database.schema;
    return {
      type: 'postgres',
      url: config.database.url,
      ...(schema ? { schema, extra: { options: `-c search_path=${schema}` } } : {}),
      ...common,
      migrationsTransactionMode: 'all',
    };
  }
  mkdirSync(dirname(config.database.file), { recursive: true, mode: 0o700 });
  return {
    type: 'better-sqlite3',
    database: config.database.file,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      // With WAL, NORMAL never corrupts the file; it fsyncs at checkpoints instead of every commit.
      db.pragma('synchronous = NORMAL');
      // Checkpoints run in a worker thread of their own (`wal-checkpointer.ts`), not inside this connection's commits.
      db.pragma('wal_autocheckpoint = 0');
      // Deleted and overwritten content is zeroed in the file, not left in free space (issue 17: an erased person's
      // name and address must not stay readable in the database file).
      db.pragma('secure_delete = ON');
    },
    ...common,
    migrationsTransactionMode: 'all',
  };
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          // A server may come up after the service; a local file that fails to open will not get better by waiting.
          retryAttempts: config.database.kind === 'sqlite' ? 0 : 9,
        }),
      ],
      providers: [Db, TableVersions, ReadCache, WalCheckpoints],
      exports: [Db, TableVersions, ReadCache],
    };
  }
}
