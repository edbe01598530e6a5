import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * The service's logger: JSON lines on stdout. Written asynchronously (lines that come while a write is under way
 * are written together by the next one), so a request never waits for the terminal or pipe; pino writes what is
 * left when the process exits.
 */
export function createLogger(level: string, file?: string): Logger {
  const dest =
    file !== undefined
      ? pino.destination({ dest: file, sync: true, mkdir: true, append: true })
      : pino.destination({ dest: 1, sync: false });
  return pino({ level, base: { service: 'clustermatch-api' } }, dest);
}

/** Nest's own log lines go through pino as structured lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pinoLog: Logger) {}
  log(message: unknown, context?: string): void {
    this.pinoLog.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.pinoLog.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pinoLog.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pinoLog.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pinoLog.trace({ context }, String(message));
  }
}

/** Injection token of the pino root logger. */
export const LOGGER = Symbol('LOGGER');
