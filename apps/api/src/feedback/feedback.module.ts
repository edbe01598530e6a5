import { Module } from '@nestjs/common';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { CollaborationsModule } from '../collaborations/collaborations.module';
import { ContactPreferencesModule } from '../comms/contact-preferences';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { MailModule } from '../mail/mail.module';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { FeedbackController } from './feedback.controller';
import { ImpactReportController } from './impact-report.controller';
import { ImpactReportService } from './impact-report.service';
import { FeedbackService } from './feedback.service';

/** After the event: meeting feedback (the survey, its mails and reminder, the attendees' answers). */
@Module({
  imports: [
    MailModule,
    ScheduleVersionsModule,
    CollaborationsModule,
    FollowUpsModule,
    ContactPreferencesModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
  ],
  controllers: [FeedbackController, EvaluationController, ImpactReportController],
  providers: [FeedbackService, EvaluationService, ImpactReportService],
  exports: [FeedbackService, EvaluationService],
})
export class FeedbackModule {}
