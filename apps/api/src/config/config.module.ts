import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger';
import { AppConfig } from './config';

/** Injection token of the validated AppConfig: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token of its mail part: `@Inject(MAIL_CONFIG) mail: MailConfig` (the same object as `config.mail`). */
export const MAIL_CONFIG = Symbol('MAIL_CONFIG');

/** Provides APP_CONFIG, MAIL_CONFIG and LOGGER (the pino root logger) everywhere, from the one `loadConfig` call. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: MAIL_CONFIG, useValue: config.mail },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, MAIL_CONFIG, LOGGER],
    };
  }
}
