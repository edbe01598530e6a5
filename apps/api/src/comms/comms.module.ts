import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MailingsController } from './mailings.controller';
import { MailingsService } from './mailings.service';
import { Segments } from './segments';

/**
 * Issue 19, communications: custom mailings to segments of an event's participants, unsubscribes,
 * all through the mail outbox.
 */
@Module({
  imports: [MailModule],
  controllers: [MailingsController],
  providers: [Segments, MailingsService],
  exports: [Segments, MailingsService],
})
export class CommsModule {}
