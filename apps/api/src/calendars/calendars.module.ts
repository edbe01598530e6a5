import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { CalendarFeedRoute } from './feed.route';
import { PublishedAgendas } from './published-agendas';

/** iCalendar downloads and feeds built from the published schedule versions (read through the features owning them). */
@Module({
  imports: [
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
    ScheduleVersionsModule,
  ],
  controllers: [CalendarsController],
  providers: [PublishedAgendas, CalendarsService, CalendarFeedRoute],
  exports: [PublishedAgendas, CalendarsService],
})
export class CalendarsModule {}
