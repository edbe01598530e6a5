import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule, ExternalProviders } from './app.module';
import { AppErrorFilter, validationException } from './common/error.filter';
import { createLogger, PinoNestLogger } from './common/logger';
import { AppConfig, loadConfig } from './config/config';
import { loadMailConfig } from './mail/mail.config';
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
}
interface HttpRes {
  statusCode: number;
  on(event: 'finish', cb: () => void): void;
}

/**
 * Boots the real AppModule: validated config (overrides win over the environment), pino logs,
 * `/api` prefix, global ValidationPipe, one exception filter, Swagger at /api/docs.
 * `external` replaces outside services (the magic-link sender). Does not listen; call `app.listen(config.port, config.host)`.
 */
export async function createApp(
  overrides: Partial<AppConfig> = {},
  external: ExternalProviders = {},
): Promise<INestApplication> {
  const config = loadConfig(process.env, overrides);
  // The mail variables too, before any module starts: a bad one stops start-up before the database is opened.
  loadMailConfig(process.env, config);
  const log = createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, log, external), {
    logger: new PinoNestLogger(log.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('raw', { type: RAW_BODY_TYPES, limit: '20mb' });
  app.set('trust proxy', false);
  const httpLog = log.child({ component: 'http' });
  app.use((req: HttpReq, res: HttpRes, next: () => void) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      httpLog.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalFilters(new AppErrorFilter(log.child({ component: 'errors' })));
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
