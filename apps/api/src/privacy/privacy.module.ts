import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { MailModule } from '../mail/mail.module';
import { NoticeController } from './notice.controller';
import { NoticeService } from './notice.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/**
 * Issue 17, privacy by design: a person's data export and erasure, the privacy notice and its acceptance, the directory
 * choice, retention (a daily job), and the audit log (`AuditLogModule`, global).
 */
@Module({
  imports: [MailModule, ClustersRepositoryModule, DelegatesRepositoryModule, EventsRepositoryModule],
  controllers: [PrivacyController, NoticeController],
  providers: [PrivacyService, NoticeService],
  exports: [PrivacyService, NoticeService],
})
export class PrivacyModule {}
