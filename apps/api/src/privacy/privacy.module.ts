import { Module } from '@nestjs/common';
import { AuthRepositoryModule } from '../auth/auth.repository';
import { CalendarsRepositoryModule } from '../calendars/calendars.repository';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { CollaborationsRepositoryModule } from '../collaborations/collaborations.repository';
import { CommsRepositoryModule } from '../comms/comms.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventdayRepositoryModule } from '../eventday/eventday.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { FeedbackRepositoryModule } from '../feedback/feedback.repository';
import { FollowUpsRepositoryModule } from '../follow-ups/follow-ups.repository';
import { MailModule } from '../mail/mail.module';
import { OutboxRepositoryModule } from '../mail/outbox.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { NoticeController } from './notice.controller';
import { NoticeService } from './notice.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/**
 * Issue 17, privacy by design: a person's data export and erasure, the privacy notice and its acceptance, the directory
 * choice, retention (a daily job), and the audit log (`AuditLogModule`, global).
 */
@Module({
  imports: [
    MailModule,
    AuthRepositoryModule,
    CalendarsRepositoryModule,
    ClustersRepositoryModule,
    CollaborationsRepositoryModule,
    CommsRepositoryModule,
    DelegatesRepositoryModule,
    EventdayRepositoryModule,
    EventsRepositoryModule,
    FeedbackRepositoryModule,
    FollowUpsRepositoryModule,
    OutboxRepositoryModule,
    RequestsRepositoryModule,
    ScheduleVersionsModule,
  ],
  controllers: [PrivacyController, NoticeController],
  providers: [PrivacyService, NoticeService],
  exports: [PrivacyService, NoticeService],
})
export class PrivacyModule {}
