import { Module } from '@nestjs/common';
import { ProblemBuilder } from './problem-builder';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { RequestsRepositoryModule } from '../requests/requests.repository';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { ScheduleVersionsModule } from './schedule-versions';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ScheduleEdits } from './schedule-edits';
import { ScheduleViews } from './schedule-views';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';
import { SolveJobs } from './solve-jobs';

/** Solve jobs, draft review, publish, late-change re-solve, agendas and exports. */
@Module({
  imports: [
    JobsModule,
    MailModule,
    ScheduleVersionsModule,
    RecommendationsModule,
    EventsRepositoryModule,
    ClustersRepositoryModule,
    DelegatesRepositoryModule,
    RequestsRepositoryModule,
  ],
  controllers: [SchedulesController],
  providers: [SchedulesService, ScheduleViews, SolveJobs, ScheduleEdits, ProblemBuilder],
})
export class SchedulesModule {}
