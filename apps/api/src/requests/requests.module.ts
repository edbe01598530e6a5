import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { MailModule } from '../mail/mail.module';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';

/** Meeting requests; creating and answering one queues its mails (MailModule) in the same transaction. */
@Module({
  imports: [MailModule, ClustersRepositoryModule, DelegatesRepositoryModule, EventsRepositoryModule],
  controllers: [RequestsController],
  providers: [RequestsService],
  exports: [RequestsService],
})
export class RequestsModule {}
