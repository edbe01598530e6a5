import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule, ExternalProviders } from './app.module';
import { AppErrorFilter } from './common/error.filter';
import { checkInputShape } from './common/input-rules';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loggableUrl, securityHeaders, strictHeaderWrites } from './common/security-headers';
import { InputValidationPipe } from './common/validation.pipe';
import { TurnBudget } from './common/turn-budget';
import { createLogger, PinoNestLogger } from './common/logger';
import { AppConfig, loadConfig } from './config/config';
import { prepareSqliteFile } from './database/sqlite-file';
import { answerHealthDirectly, HealthController } from './health/health.controller';
import { answerHealthOnServer } from './health/raw-health';
import { AccessService } from './access/access.service';
import { AuthGuard } from './auth/auth.guard';
import { ClustersService } from './clusters/clusters.service';
import { answerFastReadsOnServer, FastReads } from './common/fast-reads';
import {
  ACCEPT_WINDOW_MS,
  answerFastCreateOnServer,
  CREATION_TURN_BUDGET_ACCEPTING_MS,
  CREATION_TURN_BUDGET_MS,
  FastCreate,
} from './requests/fast-create';
import { RequestsService } from './requests/requests.service';
import { ReadCache } from './database/read-cache';
import { TableVersions } from './database/table-versions';
import { ScheduleViews } from './schedules/schedule-views';
import { buildOpenApiDocument } from './openapi';

/** MIME types the import endpoints take as a raw body. */
export const RAW_BODY_TYPES = [
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

interface HttpReq {
  method: string;
  originalUrl: string;
  body?: unknown;
}
interface HttpRes {
  statusCode: number;
  on(event: 'finish', cb: () => void): void;
}

const fastReads = new WeakMap<INestApplication, FastReads>();
const fastCreates = new WeakMap<INestApplication, FastCreate>();

/** The fast path of an app made by `createApp` (tests switch it off to compare with the routed path). */
export function fastReadsOf(app: INestApplication): FastReads | undefined {
  return fastReads.get(app);
}

/** The fast path of request creation of an app made by `createApp` (tests switch it off to compare). */
export function fastCreateOf(app: INestApplication): FastCreate | undefined {
  return fastCreates.get(app);
}

/**
 * Boots the real AppModule: validated config (overrides win over the environment), pino logs,
 * security headers, `/api` prefix, global ValidationPipe, one exception filter, Swagger at /api/docs (API_DOCS).
 * `external` replaces outside services (the magic-link sender). Does not listen; call `app.listen(config.port, config.host)`.
 */
export async function createApp(
  overrides: Partial<AppConfig> = {},
  external: ExternalProviders = {},
): Promise<INestApplication> {
  // Every variable (the mail ones too) is read and checked here, once, before any module starts: a bad one stops
  // start-up before the database is opened. Modules get the result through APP_CONFIG and MAIL_CONFIG.
  const config = loadConfig(process.env, overrides);
  // An empty, foreign or damaged SQLite file stops start-up with one line naming it (DataFileError).
  if (config.database.kind === 'sqlite') prepareSqliteFile(config.database.file);
  const log = createLogger(config.logLevel, config.logFile);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, log, external), {
    logger: new PinoNestLogger(log.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('raw', { type: RAW_BODY_TYPES, limit: '20mb' });
  // On every route, before anything reads the body: refuse JSON nested too deeply (or holding NUL characters).
  app.use((req: HttpReq, _res: HttpRes, next: (err?: unknown) => void) => {
    try {
      if (typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body))
        checkInputShape(req.body, 'body');
      next();
    } catch (err) {
      next(err);
    }
  });
  // The client's address (rate limits, logs) follows X-Forwarded-For only through the proxies named in TRUST_PROXY.
  app.set('trust proxy', config.trustProxy === false ? false : [config.trustProxy].flat());
  const httpLog = log.child({ component: 'http' });
  /** The request log line, written when the response has finished. */
  const logged = (req: { method?: string }, url: string, res: HttpRes, started: bigint): void =>
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      httpLog.info(
        { method: req.method, url: loggableUrl(url), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
  app.use((req: HttpReq, res: HttpRes, next: () => void) => {
    logged(req, req.originalUrl, res, process.hrtime.bigint());
    next();
  });
  // The health check, polled by load balancers and monitors, is answered here, ahead of the framework's stack.
  app.use(answerHealthDirectly(app.get(HealthController)));
  app.setGlobalPrefix('api');
  // One instance: the routed path's, and the fast paths' below, which validate as the routed path does.
  const pipe = new InputValidationPipe();
  app.useGlobalPipes(pipe);
  app.useGlobalFilters(new AppErrorFilter(log.child({ component: 'errors' })));
  // Off by default in production (API_DOCS=1 serves them); tests read the document from a running app.
  if (config.apiDocs)
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'api/docs-json',
    });
  app.enableShutdownHooks();
  await app.init();
  // The plain `GET /api/health` is answered before Express itself (`raw-health.ts`), as Express would answer it.
  const express = app.getHttpAdapter().getInstance() as { get(setting: string): unknown };
  if (['json replacer', 'json spaces', 'json escape'].every((k) => express.get(k) === undefined)) {
    const raw = {
      headers: strictHeaderWrites(),
      etag: express.get('etag fn') as ((body: Buffer) => string | undefined) | undefined,
      logged: (req: IncomingMessage, res: ServerResponse, started: bigint) => logged(req, req.url ?? '', res, started),
    };
    const server = app.getHttpServer() as Server;
    answerHealthOnServer(server, app.get(HealthController), raw);
    // The delegates' agenda and directory, likewise ahead of Express (`fast-reads.ts`), with authorisation.
    const parseQuery = express.get('query parser fn');
    if (typeof parseQuery === 'function') {
      const fast = new FastReads({
        ...raw,
        guard: app.get(AuthGuard),
        access: app.get(AccessService),
        views: app.get(ScheduleViews),
        clusters: app.get(ClustersService),
        cache: app.get(ReadCache),
        rendered: new ReadCache(app.get(TableVersions), config),
        pipe,
        parseQuery: parseQuery as (raw: string) => unknown,
      });
      if (answerFastReadsOnServer(server, fast)) fastReads.set(app, fast);
    }
    // A delegate creating a meeting request, likewise (`requests/fast-create.ts`); failures go to the routed path.
    const create = new FastCreate({
      ...raw,
      guard: app.get(AuthGuard),
      requests: app.get(RequestsService),
      pipe,
      turns: new TurnBudget(CREATION_TURN_BUDGET_MS, CREATION_TURN_BUDGET_ACCEPTING_MS, ACCEPT_WINDOW_MS),
    });
    if (answerFastCreateOnServer(server, create)) fastCreates.set(app, create);
  }
  return app;
}
