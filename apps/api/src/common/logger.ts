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
  const log = pino({ level, base: { service: 'clustermatch-api' } }, dest);
  if (file === undefined) stdoutOf.set(log, dest);
  return log;
}

/** The asynchronous stdout destination of each logger `createLogger` made (none when it logs to a file). */
const stdoutOf = new WeakMap<Logger, { write(text: string): unknown }>();

/**
 * Writes `text` to stdout after every line `log` has logged so far. The logger writes to stdout asynchronously, so
 * a plain `process.stdout.write` could come out before lines logged earlier; this goes through the logger's own
 * queue instead (or straight to stdout when the logger writes to a file).
 */
export function writeAfterLogs(log: Logger, text: string): void {
  const dest = stdoutOf.get(log);
  if (dest) dest.write(text);
  else process.stdout.write(text);
}

/**
 * Nest's start-up chatter: one line per module ("dependencies initialized"), per controller and per route
 * ("Mapped {/api/..., GET} route"), about 230 lines. Logged at debug (`LOG_LEVEL=debug` shows them), so that a
 * start shows only what matters and the URL banner is not buried.
 */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's own log lines go through pino as structured lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pinoLog: Logger) {}
  log(message: unknown, context?: string): void {
    if (context !== undefined && START_UP_CONTEXTS.has(context)) this.pinoLog.debug({ context }, String(message));
    else this.pinoLog.info({ context }, String(message));
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
