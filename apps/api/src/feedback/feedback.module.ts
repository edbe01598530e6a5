import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';

/** After the event: meeting feedback (the survey, its mails and reminder, the attendees' answers). */
@Module({
  imports: [MailModule, ScheduleVersionsModule],
  controllers: [FeedbackController],
  providers: [FeedbackService],
  exports: [FeedbackService],
})
export class FeedbackModule {}
