import { Module } from '@nestjs/common';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { CalendarsModule } from '../calendars/calendars.module';
import { MailModule } from '../mail/mail.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { EventDayController } from './eventday.controller';
import { EventDayService } from './eventday.service';
import { RebookingService } from './rebooking.service';
import { MeetingRemindersService } from './reminders.service';

/** The day of the event (issue 10): check-in, meeting status, live board, on-site rebooking, reminders, figures. */
@Module({
  imports: [
    MailModule,
    RecommendationsModule,
    CalendarsModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
    ScheduleVersionsModule,
  ],
  controllers: [EventDayController],
  providers: [EventDayService, RebookingService, MeetingRemindersService],
  exports: [EventDayService, MeetingRemindersService],
})
export class EventDayModule {}
