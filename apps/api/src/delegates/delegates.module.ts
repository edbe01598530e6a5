import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { DelegatesController } from './delegates.controller';
import { DelegatesService } from './delegates.service';

@Module({
  imports: [ClustersRepositoryModule, EventsRepositoryModule, RequestsRepositoryModule],
  controllers: [DelegatesController],
  providers: [DelegatesService],
  exports: [DelegatesService],
})
export class DelegatesModule {}
