import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { loadMailConfig, MAIL_CONFIG } from './mail.config';
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
  imports: [CalendarsModule],
  controllers: [OutboxController],
  providers: [
    { provide: MAIL_CONFIG, useFactory: (app: AppConfig) => loadMailConfig(process.env, app), inject: [APP_CONFIG] },
    TypeOrmOutboxStore,
    MailService,
    MailWorkerService,
    OutboxMagicLinkSender,
  ],
  exports: [MailService, MailWorkerService, TypeOrmOutboxStore, OutboxMagicLinkSender, MAIL_CONFIG],
})
export class MailModule {}
