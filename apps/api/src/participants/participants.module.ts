import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';

/** Issue 9, item 3: the organiser's participants page and its exports; request attendees. */
@Module({ imports: [MailModule], controllers: [ParticipantsController], providers: [ParticipantsService] })
export class ParticipantsModule {}
