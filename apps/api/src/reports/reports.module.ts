import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { CollaborationsRepositoryModule } from '../collaborations/collaborations.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { FeedbackRepositoryModule } from '../feedback/feedback.repository';
import { ScheduleVersionsModule } from '../schedules/schedule-versions';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Issue 11, part 5: impact reports across events, and the yearly performance report. */
@Module({
  imports: [
    EventsRepositoryModule,
    ClustersRepositoryModule,
    ScheduleVersionsModule,
    FeedbackRepositoryModule,
    CollaborationsRepositoryModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
