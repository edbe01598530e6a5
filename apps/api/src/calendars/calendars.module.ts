import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { loadMailConfig, MAIL_CONFIG } from '../mail/mail.config';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { CalendarFeedRoute } from './feed.route';
import { PublishedAgendas } from './published-agendas';

/** iCalendar downloads and feeds built from the published schedule versions. */
@Module({
  controllers: [CalendarsController],
  providers: [
    { provide: MAIL_CONFIG, useFactory: (app: AppConfig) => loadMailConfig(process.env, app), inject: [APP_CONFIG] },
    PublishedAgendas,
    CalendarsService,
    CalendarFeedRoute,
  ],
  exports: [PublishedAgendas, CalendarsService],
})
export class CalendarsModule {}
