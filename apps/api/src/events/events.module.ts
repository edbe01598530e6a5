import { Module } from '@nestjs/common';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [ScheduleVersionsModule, ClustersRepositoryModule, DelegatesRepositoryModule],
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
