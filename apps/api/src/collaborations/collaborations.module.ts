import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { CollaborationsController } from './collaborations.controller';
import { CollaborationsService } from './collaborations.service';

/** Collaborations between clusters, counted by the impact report. */
@Module({
  imports: [ClustersRepositoryModule, EventsRepositoryModule],
  controllers: [CollaborationsController],
  providers: [CollaborationsService],
  exports: [CollaborationsService],
})
export class CollaborationsModule {}
