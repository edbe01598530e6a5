import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MailingsController } from './mailings.controller';
import { MailingsService } from './mailings.service';
import { NudgesController } from './nudges.controller';
import { CLOCK, NudgesService, systemClock } from './nudges.service';
import { Segments } from './segments';

/**
 * Issue 19, communications: custom mailings to segments of an event's participants, the automatic
 * nudges of the booking phase, unsubscribes; all through the mail outbox.
 */
@Module({
  imports: [MailModule],
  controllers: [MailingsController, NudgesController],
  providers: [
    Segments,
    MailingsService,
    NudgesService,
    { provide: CLOCK, useFactory: () => ({ now: systemClock.now }) },
  ],
  exports: [Segments, MailingsService, NudgesService],
})
export class CommsModule {}
