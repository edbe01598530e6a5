import { Module } from '@nestjs/common';
import { OrganisersRepositoryModule } from '../auth/organisers.repository';
import { CalendarsModule } from '../calendars/calendars.module';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { OutboxMagicLinkSender } from './magic-link-sender';
import { MailWorkerService } from './mail-worker.service';
import { MailService } from './mail.service';
import { OutboxController } from './outbox.controller';
import { TypeOrmOutboxStore } from './typeorm-outbox.store';

/**
 * Mail through a durable outbox: `MailService.queue*(manager, ...)` stores mails in the caller's
 * transaction; `MailWorkerService` sends them (SMTP_URL, else .eml files) with retries.
 */
@Module({
  imports: [
    CalendarsModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
    ScheduleVersionsModule,
    OrganisersRepositoryModule,
  ],
  controllers: [OutboxController],
  providers: [TypeOrmOutboxStore, MailService, MailWorkerService, OutboxMagicLinkSender],
  exports: [MailService, MailWorkerService, TypeOrmOutboxStore, OutboxMagicLinkSender],
})
export class MailModule {}
