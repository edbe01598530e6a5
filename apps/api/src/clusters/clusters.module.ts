import { Module } from '@nestjs/common';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';

@Module({
  imports: [DelegatesRepositoryModule, EventsRepositoryModule, RequestsRepositoryModule],
  controllers: [ClustersController],
  providers: [ClustersService],
  exports: [ClustersService],
})
export class ClustersModule {}
