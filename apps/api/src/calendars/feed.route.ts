import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { askerLanguage, localise } from '../common/error.filter';
import { LOGGER } from '../common/logger';
import { CalendarsService } from './calendars.service';

interface FeedRequest {
  params: Record<string, string | undefined>;
  headers?: Record<string, string | string[] | undefined>;
}
interface FeedResponse {
  status(code: number): FeedResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  send(body: string | Buffer): unknown;
}

/**
 * The public feed `GET /calendars/<token>.ics`, outside the `/api` prefix and without a login:
 * the token is the secret. Registered straight on the HTTP adapter when the module starts, so it
 * needs no change to the global prefix; unknown, malformed and revoked tokens answer 404.
 */
@Injectable()
export class CalendarFeedRoute implements OnModuleInit {
  private readonly log: Logger;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly calendars: CalendarsService,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'calendar-feed' });
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    adapter.get('/calendars/:file', (req: FeedRequest, res: FeedResponse) => {
      void this.serve(req.params['file'] ?? '', res, askerLanguage(req));
    });
  }

  private async serve(file: string, res: FeedResponse, lang: 'en' | 'da'): Promise<void> {
    const notFound = (): void => {
      res
        .status(404)
        .json(
          localise(
            { statusCode: 404, error: 'Not Found', message: 'Calendar feed not found (unknown or revoked link)' },
            lang,
          ),
        );
    };
    try {
      const m = /^(.+)\.ics$/.exec(file);
      const ics = m ? await this.calendars.byToken(m[1] ?? '') : null;
      if (!ics) return notFound();
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', `inline; filename="${ics.filename}"`);
      res.setHeader('Cache-Control', 'private, no-cache');
      res.status(200).send(ics.body);
    } catch (err) {
      this.log.error({ err }, 'calendar feed failed');
      res
        .status(500)
        .json(
          localise({ statusCode: 500, error: 'Internal Server Error', message: 'Could not build the calendar' }, lang),
        );
    }
  }
}
