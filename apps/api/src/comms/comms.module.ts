import { Module } from '@nestjs/common';
import { AuthRepositoryModule } from '../auth/auth.repository';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { MailModule } from '../mail/mail.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { TaxonomyRepositoryModule } from '../taxonomy/taxonomy.repository';
import { BouncesController } from './bounces.controller';
import { BouncesService } from './bounces.service';
import { ContactPreferencesModule } from './contact-preferences';
import { MailingsController } from './mailings.controller';
import { MailingsService } from './mailings.service';
import { NudgesController } from './nudges.controller';
import { CLOCK, NudgesService, RECOMMENDATIONS, systemClock, type RecommendationSource } from './nudges.service';
import { Segments } from './segments';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/**
 * Issue 19, communications: custom mailings to segments of an event's participants, the automatic
 * nudges of the booking phase, unsubscribes and bounces, the organiser's wording of the transactional mails;
 * all through the mail outbox.
 */
@Module({
  imports: [
    MailModule,
    RecommendationsModule,
    ContactPreferencesModule,
    DelegatesRepositoryModule,
    ClustersRepositoryModule,
    EventsRepositoryModule,
    RequestsRepositoryModule,
    AuthRepositoryModule,
    TaxonomyRepositoryModule,
  ],
  controllers: [MailingsController, NudgesController, BouncesController, TemplatesController],
  providers: [
    Segments,
    MailingsService,
    NudgesService,
    BouncesService,
    TemplatesService,
    { provide: CLOCK, useFactory: () => ({ now: systemClock.now }) },
    {
      provide: RECOMMENDATIONS,
      inject: [RecommendationsService],
      useFactory: (recs: RecommendationsService): RecommendationSource => ({
        bestFor: async (eventId, clusterId, limit, language) =>
          (await recs.top(eventId, clusterId, limit, language)).map((r) =>
            r.reasons.length ? `${r.clusterName}: ${r.reasons.join('; ')}` : r.clusterName,
          ),
      }),
    },
  ],
  exports: [Segments, MailingsService, NudgesService],
})
export class CommsModule {}
