import { Module } from '@nestjs/common';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { CalendarFeedRoute } from './feed.route';
import { PublishedAgendas } from './published-agendas';

/** iCalendar downloads and feeds built from the published schedule versions. */
@Module({
  controllers: [CalendarsController],
  providers: [PublishedAgendas, CalendarsService, CalendarFeedRoute],
  exports: [PublishedAgendas, CalendarsService],
})
export class CalendarsModule {}
