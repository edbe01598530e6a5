import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { TaxonomyRepositoryModule } from '../taxonomy/taxonomy.repository';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [EventsRepositoryModule, ClustersRepositoryModule, DelegatesRepositoryModule, TaxonomyRepositoryModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule {}
