import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Issue 17, privacy by design: a person's data export, erasure, and the audit log (`AuditLogModule`, global). */
@Module({
  imports: [MailModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
  exports: [PrivacyService],
})
export class PrivacyModule {}
