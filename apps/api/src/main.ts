import 'reflect-metadata';
import { createApp } from './app.factory';
import { LOGGER, writeAfterLogs } from './common/logger';
import { APP_CONFIG } from './config/config.module';
import { AppConfig, ConfigError } from './config/config';
import { DataFileError } from './database/sqlite-file';
import { limitHeapGrowth } from './common/heap-growth';
import type { Logger } from 'pino';
import { SeedService } from './seed/seed.service';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  limitHeapGrowth(config.heapGrowingPercent);
  await app.listen(config.port, config.host);
  const host =
    config.host === '0.0.0.0' || config.host === '::'
      ? 'localhost'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${host}:${port}`;
  const login = app.get(SeedService).demoLogin;
  const db = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  // Production prints no password (it is the operator's DEMO_PASSWORD) and no demo hints.
  const production = config.env === 'production';
  // After the start-up's log lines (seed, "application started"), which the logger may still be writing: the
  // banner is the last thing a start prints.
  writeAfterLogs(
    app.get<Logger>(LOGGER),
    [
      '',
      `clustermatch:     ${url}/  (web app for organisers and delegates)`,
      `clustermatch API: ${url}/api`,
      config.apiDocs ? `API docs:         ${url}/api/docs` : 'API docs:         off (API_DOCS=1 to serve them)',
      `Health:           ${url}/api/health`,
      `Database:         ${db}`,
      login && production ? `Organiser login:  ${login.email}` : '',
      login && !production
        ? `Organiser login:  ${login.email} / ${login.password ?? '(the password printed on first start, or set DEMO_PASSWORD)'}`
        : '',
      production
        ? ''
        : `  e.g. curl -s -X POST ${url}/api/auth/login -H 'Content-Type: application/json' -d '{"email":"${login?.email ?? ''}","password":"..."}'`,
      config.env === 'development' && config.seedDemo
        ? `Delegates:        ${url}/login lists the demo delegates, each with "Sign in as" (development only)`
        : '',
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n'),
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFileError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
