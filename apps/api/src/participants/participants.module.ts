import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { MailModule } from '../mail/mail.module';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';

/** Issue 9, item 3: the organiser's participants page and its exports; request attendees. */
@Module({
  imports: [
    MailModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
    ScheduleVersionsModule,
  ],
  controllers: [ParticipantsController],
  providers: [ParticipantsService],
})
export class ParticipantsModule {}
