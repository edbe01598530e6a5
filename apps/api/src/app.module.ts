import { OrganisationsModule } from './organisations/organisations.module';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import type { MagicLinkSender } from './auth/magic-link.sender';
import { AppConfig } from './config/config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ClustersModule } from './clusters/clusters.module';
import { DelegatesModule } from './delegates/delegates.module';
import { EventsModule } from './events/events.module';
import { DatabaseHealth } from './health/database-health';
import { HealthController } from './health/health.controller';
import { ImportsModule } from './imports/imports.module';
import { RequestsModule } from './requests/requests.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';
import { DemoSignInModule } from './seed/demo-sign-in.module';
import { SeedService } from './seed/seed.service';
import { SchedulesModule } from './schedules/schedules.module';
import { WebModule } from './web/web.module';
import { MailModule } from './mail/mail.module';
import { CalendarsModule } from './calendars/calendars.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { FeedbackModule } from './feedback/feedback.module';
import { CommsModule } from './comms/comms.module';
import { ParticipantsModule } from './participants/participants.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { ReportsModule } from './reports/reports.module';
import { EventDayModule } from './eventday/eventday.module';
import { AuditLogModule } from './privacy/audit-log';
import { PrivacyModule } from './privacy/privacy.module';

/** Replacements for what lies outside the service (tests pass an inbox; the mailer its sender). */
export interface ExternalProviders {
  magicLinkSender?: MagicLinkSender;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger, external: ExternalProviders = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, logger),
        DatabaseModule.forRoot(config),
        AccessModule,
        AuditLogModule,
        OrganisationsModule,
        AuthModule.forRoot(config, external.magicLinkSender),
        EventsModule,
        TaxonomyModule,
        ClustersModule,
        DelegatesModule,
        RequestsModule,
        ImportsModule,
        SchedulesModule,
        WebModule,
        MailModule,
        CalendarsModule,
        RecommendationsModule,
        FeedbackModule,
        CommsModule,
        ParticipantsModule,
        FollowUpsModule,
        ReportsModule,
        EventDayModule,
        PrivacyModule,
        // The development sign-in as a demo delegate: not even loaded in production (its guard 404s it in test).
        ...(config.env === 'production' ? [] : [DemoSignInModule]),
      ],
      controllers: [HealthController],
      providers: [SeedService, DatabaseHealth],
    };
  }
}
