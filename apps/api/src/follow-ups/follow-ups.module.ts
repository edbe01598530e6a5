import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { CollaborationsModule } from '../collaborations/collaborations.module';
import { ContactPreferencesModule } from '../comms/contact-preferences';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventdayRepositoryModule } from '../eventday/eventday.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { FeedbackRepositoryModule } from '../feedback/feedback.repository';
import { MailModule } from '../mail/mail.module';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { FollowUpsController } from './follow-ups.controller';
import { FOLLOW_UP_CLOCK, FollowUpsService } from './follow-ups.service';
import { RelationshipsService } from './relationships.service';

/** Issue 11, parts 3 and 4: follow-ups over years after an event, and each cluster's relationships. */
@Module({
  imports: [
    MailModule,
    ScheduleVersionsModule,
    CollaborationsModule,
    ContactPreferencesModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    FeedbackRepositoryModule,
    EventdayRepositoryModule,
  ],
  controllers: [FollowUpsController],
  providers: [
    FollowUpsService,
    RelationshipsService,
    { provide: FOLLOW_UP_CLOCK, useValue: { now: () => new Date() } },
  ],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
