import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { FeedbackModule } from '../feedback/feedback.module';
import { MailModule } from '../mail/mail.module';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/**
 * Recommendations (issue 12): whom each cluster should meet and why (`@clustermatch/match`), "not interested"
 * marks, the organiser's overview and nudge mails, and the optional mutual-fit bonus the solve uses.
 */
@Module({
  imports: [
    ClustersModule,
    FeedbackModule,
    MailModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
  ],
  controllers: [RecommendationsController],
  providers: [RecommendationsService],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
